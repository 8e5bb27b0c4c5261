/** Runtime values of the reference evaluator, and the errors evaluation can raise. */
import type { Exact } from "../../runtime/exact.js";
import type { Text } from "../../runtime/report.js";
import type { Span } from "../syntax/ast.js";

export type Value =
  | { readonly k: "num"; readonly v: Exact }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "text"; readonly v: string }
  | { readonly k: "enum"; readonly v: string }
  | { readonly k: "array"; readonly v: readonly Value[] }
  | { readonly k: "record"; readonly v: ReadonlyMap<string, Value> };

export const numV = (v: Exact): Value => ({ k: "num", v });
export const boolV = (v: boolean): Value => ({ k: "bool", v });

export type EvalErrorKind =
  "missing-input" | "zero-division" | "missing-judgement" | "no-band" | "index" | "invalid" | "judgement-out-of-bounds";

/** A failure while scoring; names the place (file and span) and, via the caller, the indicator. */
export class EvalError extends Error {
  constructor(
    readonly kind: EvalErrorKind,
    readonly text: Text,
    readonly file: string,
    readonly span: Span,
    /** The input concerned, for missing inputs and zero divisors that are inputs. */
    readonly field?: string,
  ) {
    super(text.en);
    this.name = "EvalError";
  }
}

export function valueEquals(a: Value, b: Value): boolean {
  if (a.k === "num" && b.k === "num") return a.v.eq(b.v);
  if (a.k === "array" && b.k === "array")
    return a.v.length === b.v.length && a.v.every((x, i) => valueEquals(x, b.v[i] as Value));
  if (a.k === "record" || b.k === "record" || a.k === "array" || b.k === "array") return false;
  if (a.k === "num" || b.k === "num") return false;
  return a.v === b.v;
}

export function showValue(v: Value): string {
  switch (v.k) {
    case "num":
      return v.v.toString(6);
    case "bool":
      return v.v ? "true" : "false";
    case "text":
      return JSON.stringify(v.v);
    case "enum":
      return v.v;
    case "array":
      return `[${v.v.map(showValue).join(", ")}]`;
    case "record":
      return `{ ${[...v.v].map(([k, x]) => `${k}: ${showValue(x)}`).join(", ")} }`;
  }
}
