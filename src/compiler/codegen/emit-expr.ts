/**
 * Expressions → TypeScript over `Exact` and the runtime context `c`. The
 * code follows the reference evaluator step by step (lazy inputs, short
 * circuits, first matching band, traces) so that both give the same numbers.
 */
import type { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import type { ExprInfo } from "../analysis/infer.js";
import { builtin } from "../analysis/builtins.js";
import { constValue, literalValue, roundingModeArg } from "../model/constants.js";
import type { Dim, ScaleDef, ValueType } from "../model/types.js";
import { emitJudged, emitScaledTiers } from "./emit-judged.js";
import { armText, exprText } from "../evaluate/expr.js";
import { formatValue } from "../../runtime/trace.js";
import { str } from "./text.js";
import { achievementDim, stepDim } from "../evaluate/rule-dims.js";

export interface ExprScope {
  readonly info: ReadonlyMap<A.Expr, ExprInfo>;
  readonly inputs: ReadonlyMap<string, { readonly index: number; readonly type: ValueType }>;
  readonly enumMembers: ReadonlySet<string>;
  /** Rubric-level lets: name → function name taking `c`. */
  readonly rubricLets: ReadonlyMap<string, string>;
  /** Indicator-level lets: name → local thunk name. */
  readonly localLets: ReadonlyMap<string, string>;
  /** `each` variables and rule parameters: name → parameter name. */
  readonly locals: ReadonlyMap<string, string>;
  /** Reusable rules: name → module-level function name taking `c` and the arguments. */
  readonly rules?: ReadonlyMap<string, string>;
  /** Interns a constant, returning its module-level name. */
  constant(v: Exact): string;
  fresh(prefix: string): string;
  /** Points of the part whose rule is being emitted (judged bounds and scales in `%` are shares of them). */
  readonly partPoints?: Exact;
  readonly scales?: ReadonlyMap<string, ScaleDef>;
}

export function tsType(t: ValueType | undefined): string {
  if (!t) return "unknown";
  switch (t.kind) {
    case "num":
      return "Exact";
    case "bool":
      return "boolean";
    case "text":
    case "enum":
      return "string";
    case "array":
      return `readonly ${wrap(tsType(t.element))}[]`;
    case "record":
      return "rt.Rec";
    case "error":
      return "unknown";
  }
}

function wrap(t: string): string {
  return /\s|\[/.test(t) ? `(${t})` : t;
}

function dimOf(scope: ExprScope, e: A.Expr): Dim {
  const t = scope.info.get(e)?.type;
  return t?.kind === "num" ? t.dim : "plain";
}

function elementDim(scope: ExprScope, e: A.Expr): Dim {
  const t = typeOf(scope, e);
  return t?.kind === "array" && t.element.kind === "num" ? t.element.dim : "plain";
}

function typeOf(scope: ExprScope, e: A.Expr): ValueType | undefined {
  return scope.info.get(e)?.type;
}

export function emitExpr(e: A.Expr, s: ExprScope): string {
  switch (e.kind) {
    case "Number":
      return s.constant(literalValue(e));
    case "Date": {
      const d = constValue(e);
      return d ? s.constant(d) : `rt.fail(${str(`${e.text} is not a date`)})`;
    }
    case "String":
      return str(e.value);
    case "Bool":
      return e.value ? "true" : "false";
    case "Error":
      return `rt.fail(${str("syntax error")})`;
    case "Ref": {
      const name = e.name.text;
      const local = s.locals.get(name);
      if (local) return local;
      const l = s.localLets.get(name);
      if (l) return `${l}()`;
      const r = s.rubricLets.get(name);
      if (r) return `${r}(c)`;
      const input = s.inputs.get(name);
      if (input) return `(c.in(${input.index}) as ${tsType(input.type)})`;
      return str(name);
    }
    case "Member":
      return `c.field<${tsType(typeOf(s, e))}>(${emitExpr(e.object, s)}, ${str(e.field.text)})`;
    case "Index":
      return `c.index(${emitExpr(e.object, s)}, ${emitExpr(e.index, s)})`;
    case "Unary":
      return e.op === "not" ? `!${paren(emitExpr(e.operand, s))}` : `${emitExpr(e.operand, s)}.neg()`;
    case "Binary":
      return binary(e, s);
    case "If":
      return `(c.cond(${emitExpr(e.cond, s)}, ${str(exprText(e.cond))}) ? ${emitExpr(e.then, s)} : ${emitExpr(e.else, s)})`;
    case "Each": {
      const v = s.fresh("v");
      const locals = new Map(s.locals);
      locals.set(e.variable.text, v);
      const iterType = typeOf(s, e.iterable);
      const elem = iterType?.kind === "array" ? tsType(iterType.element) : "unknown";
      return `(${emitExpr(e.iterable, s)}).map((${v}: ${elem}) => ${emitExpr(e.body, { ...s, locals })})`;
    }
    case "Array":
      return `[${e.elements.map((x) => emitExpr(x, s)).join(", ")}]`;
    case "Range": {
      const from = constValue(e.from);
      const to = constValue(e.to);
      const out: string[] = [];
      if (from && to)
        for (
          let i = from;
          i.le(to) && out.length < 10000;
          i = i.add(literalValue({ kind: "Number", digits: "1", span: e.span }))
        )
          out.push(s.constant(i));
      return `[${out.join(", ")}]`;
    }
    case "Record":
      return `{ ${e.fields.map((f) => `${str(f.name.text)}: ${emitExpr(f.value, s)}`).join(", ")} }`;
    case "Call":
      return call(e, s);
    case "Judged":
      return emitJudged(e, s, (x) => emitExpr(x, s));
    case "Bands":
      return bands(e, s);
    case "Tiers":
      return tiers(e, s);
    case "DeductPer":
      if (e.cap) return `c.countDeduct(${emitExpr(e.amount, s)}, ${emitExpr(e.count, s)}, ${emitExpr(e.cap, s)})`;
      return `c.deductPer(${emitExpr(e.amount, s)}, ${emitExpr(e.count, s)})`;
    case "Achievement": {
      const zero = e.zero === undefined ? "undefined" : e.zero === "full" ? '"full"' : `() => ${emitExpr(e.zero, s)}`;
      const texts = `{ direction: ${str(e.direction)}, subject: ${str(exprText(e.actual))}, dim: ${str(achievementDim(s.info, e))} }`;
      if (!e.target) return `c.achievementPair(${emitExpr(e.actual, s)}, ${zero}, ${texts})`;
      return `c.achievement(${emitExpr(e.actual, s)}, ${emitExpr(e.target, s)}, ${zero}, ${texts})`;
    }
    case "DeductBeyond":
      if (e.mode || e.cap || e.direction === "off") {
        const texts = `{ direction: ${str(e.direction)}, mode: ${str(e.mode ?? "proportional")}, subject: ${str(exprText(e.subject))}, dim: ${str(stepDim(s.info, e))} }`;
        return `c.stepDeduct(${emitExpr(e.amount, s)}, ${emitExpr(e.step, s)}, ${emitExpr(e.subject, s)}, ${emitExpr(e.threshold, s)}, ${e.cap ? emitExpr(e.cap, s) : "undefined"}, ${texts})`;
      }
      return `c.deductBeyond(${emitExpr(e.amount, s)}, ${emitExpr(e.step, s)}, ${emitExpr(e.subject, s)}, ${emitExpr(e.threshold, s)}, ${str(e.direction)}, { subject: ${str(exprText(e.subject))}, dim: ${str(dimOf(s, e.subject))}, stepDim: ${str(dimOf(s, e.step))}, thresholdDim: ${str(dimOf(s, e.threshold))} })`;
    case "Peer": {
      // Issue 11, kind 7: the subject is keyed by its text; a rank also needs the department's own value.
      const which = e.which ?? "count";
      const subject = e.subject ? exprText(e.subject) : "";
      const own = which === "rank" && e.subject ? `(): Exact => ${emitExpr(e.subject, s)}` : "undefined";
      const dim = e.subject ? dimOf(s, e.subject) : "count";
      return `c.peer(${str(which)}, ${str(subject)}, ${str(dim)}, ${own}, ${e.order !== "asc"})`;
    }
  }
}

function paren(x: string): string {
  return /^[\w.$()[\]]+$/.test(x) ? x : `(${x})`;
}

function binary(e: A.BinaryExpr, s: ExprScope): string {
  const l = emitExpr(e.left, s);
  const r = emitExpr(e.right, s);
  const numeric = typeOf(s, e.left)?.kind === "num" || typeOf(s, e.right)?.kind === "num";
  switch (e.op) {
    case "and":
      return `(${l} && ${r})`;
    case "or":
      return `(${l} || ${r})`;
    case "+":
      return `${paren(l)}.add(${r})`;
    case "-":
      if (dimOf(s, e.left) === "date" && dimOf(s, e.right) === "date")
        return `c.dateDiff(${str(exprText(e))}, ${l}, ${r})`;
      return `${paren(l)}.sub(${r})`;
    case "*":
      return `${paren(l)}.mul(${r})`;
    case "/":
      return `c.div(${l}, ${r}, ${str(exprText(e.right))}${e.right.kind === "Ref" ? `, ${str(e.right.name.text)}` : ""})`;
    case "=":
      return numeric ? `${paren(l)}.eq(${r})` : `(${l} === ${r})`;
    case "!=":
      return numeric ? `!${paren(l)}.eq(${r})` : `(${l} !== ${r})`;
    case "<":
      return `${paren(l)}.lt(${r})`;
    case "<=":
      return `${paren(l)}.le(${r})`;
    case ">":
      return `${paren(l)}.gt(${r})`;
    case ">=":
      return `${paren(l)}.ge(${r})`;
  }
}

function call(e: A.CallExpr, s: ExprScope): string {
  const name = builtin(e.callee.text);
  const args = e.args.map((a) => emitExpr(a, s));
  const arrayArg = (): string =>
    args.length === 1 && typeOf(s, e.args[0] as A.Expr)?.kind === "array"
      ? (args[0] as string)
      : `[${args.join(", ")}]`;
  switch (name) {
    case "min":
    case "max":
      if (args.length > 1) return `c.bound(${str(name)}, ${str(dimOf(s, e))}, [${args.join(", ")}])`;
      return `rt.fn.${name}(${arrayArg()})`;
    case "sum":
    case "mean":
      return `rt.fn.${name}(${arrayArg()})`;
    case "count":
    case "len":
      return `rt.fn.${name}(${args[0] ?? "[]"})`;
    case "abs":
      return `${paren(args[0] ?? "Exact.ZERO")}.abs()`;
    case "floor":
    case "ceil":
      return rounding(e, s, args, `(v: Exact) => v.${name}()`);
    case "round": {
      const digits = e.args[1] ? constValue(e.args[1]) : undefined;
      return rounding(
        e,
        s,
        args,
        `(v: Exact) => v.round(${digits ? Number(digits.num) : 0}, ${str(roundingModeArg(e.args[2]) ?? "half-up")})`,
      );
    }
    case "clamp":
      return `rt.fn.clamp(${args.join(", ")})`;
    case "weighted_mean": {
      const [v, w] = e.args as [A.Expr, A.Expr];
      return `c.weightedMean(${args[0] ?? "[]"}, ${args[1] ?? "[]"}, ${str(elementDim(s, v))}, ${str(elementDim(s, w))})`;
    }
    default: {
      const rule = s.rules?.get(e.callee.text);
      if (rule) return `${rule}(${["c", ...args].join(", ")})`;
      return `rt.fail(${str(`unknown function ${e.callee.text}`)})`;
    }
  }
}

function rounding(e: A.CallExpr, s: ExprScope, args: readonly string[], f: string): string {
  const arg = e.args[0];
  return `c.rounding(${str(exprText(e))}, ${str(arg ? dimOf(s, arg) : "plain")}, ${args[0] ?? "Exact.ZERO"}, ${f})`;
}

function bands(e: A.BandsExpr, s: ExprScope): string {
  const x = s.fresh("x");
  const dim = dimOf(s, e.subject);
  const subject = str(exprText(e.subject));
  const show = (v: Exact) => formatValue(v, dim);
  const arms = e.arms.map((arm) => {
    const c = arm.cond;
    let test: string;
    if (c.kind === "otherwise") test = "true";
    else if (c.kind === "compare") {
      const k = emitExpr(c.value, s);
      test = {
        "=": `${x}.eq(${k})`,
        "!=": `!${x}.eq(${k})`,
        "<": `${x}.lt(${k})`,
        "<=": `${x}.le(${k})`,
        ">": `${x}.gt(${k})`,
        ">=": `${x}.ge(${k})`,
      }[c.op];
    } else {
      const lo = emitExpr(c.interval.lo, s);
      const hi = emitExpr(c.interval.hi, s);
      test = `${x}.${c.interval.loClosed ? "ge" : "gt"}(${lo}) && ${x}.${c.interval.hiClosed ? "le" : "lt"}(${hi})`;
    }
    return `${test} ? c.band(${subject}, ${x}, ${str(dim)}, ${str(armText(arm, show))}, ${emitExpr(arm.value, s)}, rt.fn.showAny)`;
  });
  return `((${x}: Exact) => ${[...arms, `c.noBand(${subject}, ${x}, ${str(dim)})`].join(" : ")})(${emitExpr(e.subject, s)})`;
}

function tiers(e: A.TiersExpr, s: ExprScope): string {
  if (e.scale) return emitScaledTiers({ ...e, scale: e.scale }, s, (x) => emitExpr(x, s));
  const x = s.fresh("t");
  const subject = str(exprText(e.subject));
  const arms = e.arms.map(
    (arm) =>
      `${arm.member ? `${x} === ${str(arm.member.text)}` : "true"} ? c.tier(${subject}, ${x}, ${emitExpr(arm.value, s)}, rt.fn.showAny)`,
  );
  return `((${x}: string) => ${[...arms, `c.noTier(${x})`].join(" : ")})(${emitExpr(e.subject, s)})`;
}
