/**
 * The values the specialising emitter works with, and the part of the emitter
 * the rule forms of emit-fast-rules.ts use — apart, so that the rules do not
 * import the emitter that imports them.
 */
import type { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";

export class Unsupported extends Error {}

/** n / d; `d` a bigint when known at compile time; `b` bounds |n| when the analysis proves it; `c` a constant's value. */
export type NumV = {
  readonly k: "num";
  readonly n: string;
  readonly d: string | bigint;
  readonly b?: bigint;
  readonly c?: Exact;
};
export type FastV =
  | NumV
  | { readonly k: "bool"; readonly c: string }
  | { readonly k: "str"; readonly c: string }
  | { readonly k: "list"; readonly items: readonly FastV[] }
  /** A target pair: its two numbers. */
  | { readonly k: "pair"; readonly target: NumV; readonly actual: NumV };

/** What a rule form needs from the emitter. */
export interface RuleEmitter {
  line(text: string): void;
  constant(v: Exact): NumV;
  compare(op: A.BinaryExpr["op"] | "=" | "!=", l: NumV, r: NumV): string;
  num(e: A.Expr): NumV;
  expr(e: A.Expr): FastV;
  pickNum(xs: readonly NumV[], f: "min" | "max"): NumV;
  choose(branches: readonly (() => FastV)[], conds: readonly string[]): FastV;
  arith(op: "+" | "-" | "*" | "/", l: NumV, r: NumV): NumV;
  negate(x: NumV): NumV;
  roundTo(x: NumV, f: "floor" | "ceil"): NumV;
  partPoints(): Exact;
}
