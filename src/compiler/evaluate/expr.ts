/**
 * Expression evaluation: exact arithmetic, lazy inputs, short-circuit
 * conditions, and a trace line for each decision (branch taken, band or tier
 * chosen, deduction computed).
 */
import { Exact, DivisionByZeroError } from "../../runtime/exact.js";
import type { Text } from "../../runtime/report.js";
import type * as A from "../syntax/ast.js";
import { constValue, formatValue, literalValue, roundingModeArg } from "../model/constants.js";
import { exprTrace, pushOnce, showLetValue, trace } from "../../runtime/trace.js";
import { letTraceDim, nativeOf } from "./let-trace.js";
import {
  achievement as achievementRule,
  countDeduction,
  isProblem,
  stepDeduction,
  type RuleOutcome,
} from "../../runtime/step-rules.js";
import { achievementDim, stepDim } from "./rule-dims.js";
import { PAIR_ACTUAL, PAIR_TARGET, type Dim, type LetDef, type PartNode, type RubricModel } from "../model/types.js";
import { builtin, type BuiltinName } from "../analysis/builtins.js";
import type { ExprInfo } from "../analysis/infer.js";
import { armRange } from "../checks/bands.js";
import * as I from "../analysis/interval.js";
import { evalRuleCall } from "./rule-call.js";
import { EvalError, boolV, numV, showValue, valueEquals, type Value } from "./values.js";
import { evalJudged, evalScaledTiers, type JudgedHost } from "./judged.js";
import { peerStat, type PeerStats } from "../../runtime/peers.js";
import { weightedMean } from "../../runtime/weighted-mean.js";

export interface Judgement {
  readonly value: Exact;
  readonly reason?: string;
  /** From `judge … full` / `judge rest full`: the best score the applying interval allows. */
  readonly full?: boolean;
}

export interface EvalScope {
  readonly model: RubricModel;
  readonly inputs: ReadonlyMap<string, Value>;
  readonly lets: ReadonlyMap<string, LetDef>;
  readonly letValues: Map<LetDef, Value>;
  readonly judgements: ReadonlyMap<PartNode, Judgement>;
  readonly info: ReadonlyMap<A.Expr, ExprInfo>;
  readonly trace: Text[];
  /** Lets already traced for the indicator being scored: one line per let per indicator. */
  readonly tracedLets?: Set<LetDef>;
  /** Set while evaluating a part's rule. */
  readonly part?: PartNode;
  /** The statistics of the department's peers (issue 11, kind 7); absent when none were given. */
  readonly peers?: PeerStats;
  readonly file: string;
}

const HUNDRED = Exact.int(100);

/** Argument counts of the built-ins, as the checker's wrong-arity diagnostic states them. */
const ARITY: { readonly [K in BuiltinName]?: readonly [number, number] } = {
  min: [1, Infinity],
  max: [1, Infinity],
  sum: [1, Infinity],
  mean: [1, Infinity],
  count: [1, 1],
  len: [1, 1],
  abs: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  round: [2, 3],
  clamp: [3, 3],
  weighted_mean: [2, 2],
};

export class Evaluator {
  constructor(private readonly scope: EvalScope) {}

  private fail(kind: EvalError["kind"], text: Text, e: A.Expr | { span: A.Span }, field?: string): never {
    throw new EvalError(kind, text, this.scope.file, e.span, field);
  }

  private dimOf(e: A.Expr): Dim {
    const t = this.scope.info.get(e)?.type;
    return t?.kind === "num" ? t.dim : "plain";
  }

  private elementDim(e: A.Expr): Dim {
    const t = this.scope.info.get(e)?.type;
    return t?.kind === "array" && t.element.kind === "num" ? t.element.dim : "plain";
  }

  private show(e: A.Expr, v: Exact): string {
    return formatValue(v, this.dimOf(e));
  }

  num(e: A.Expr, locals: ReadonlyMap<string, Value> = new Map()): Exact {
    const v = this.eval(e, locals);
    if (v.k !== "num")
      this.fail(
        "invalid",
        { zh: `此处需要数值，实际为 ${showValue(v)}`, en: `a number is needed here, found ${showValue(v)}` },
        e,
      );
    return v.v;
  }

  bool(e: A.Expr, locals: ReadonlyMap<string, Value>): boolean {
    const v = this.eval(e, locals);
    if (v.k !== "bool")
      this.fail(
        "invalid",
        { zh: `此处需要布尔值，实际为 ${showValue(v)}`, en: `a bool is needed here, found ${showValue(v)}` },
        e,
      );
    return v.v;
  }

  eval(e: A.Expr, locals: ReadonlyMap<string, Value> = new Map()): Value {
    switch (e.kind) {
      case "Number":
        return numV(literalValue(e));
      case "String":
        return { k: "text", v: e.value };
      case "Bool":
        return boolV(e.value);
      case "Error":
        return this.fail("invalid", { zh: "表达式有语法错误", en: "the expression has a syntax error" }, e);
      case "Ref":
        return this.ref(e, locals);
      case "Member": {
        const o = this.eval(e.object, locals);
        if (o.k !== "record") return this.fail("invalid", { zh: "不是记录", en: "not a record" }, e);
        const f = o.v.get(e.field.text);
        if (!f)
          return this.fail(
            "missing-input",
            { zh: `记录缺少字段「${e.field.text}」`, en: `the record has no field '${e.field.text}'` },
            e,
          );
        return f;
      }
      case "Index": {
        const o = this.eval(e.object, locals);
        const i = this.num(e.index, locals);
        if (o.k !== "array") return this.fail("invalid", { zh: "不是数组", en: "not an array" }, e);
        if (!i.isInteger() || i.lt(Exact.ONE) || i.gt(Exact.int(o.v.length))) {
          return this.fail(
            "index",
            {
              zh: `下标 ${i.toString()} 超出 1..${o.v.length}`,
              en: `index ${i.toString()} is outside 1..${o.v.length}`,
            },
            e.index,
          );
        }
        return o.v[Number(i.num) - 1] as Value;
      }
      case "Unary":
        return e.op === "not" ? boolV(!this.bool(e.operand, locals)) : numV(this.num(e.operand, locals).neg());
      case "Binary":
        return this.binary(e, locals);
      case "If": {
        const c = this.bool(e.cond, locals);
        this.scope.trace.push(trace.condition(exprText(e.cond), c));
        return this.eval(c ? e.then : e.else, locals);
      }
      case "Each": {
        const it = this.eval(e.iterable, locals);
        if (it.k !== "array") return this.fail("invalid", { zh: "不是数组", en: "not an array" }, e.iterable);
        return {
          k: "array",
          v: it.v.map((x) => {
            const l = new Map(locals);
            l.set(e.variable.text, x);
            return this.eval(e.body, l);
          }),
        };
      }
      case "Array":
        return { k: "array", v: e.elements.map((x) => this.eval(x, locals)) };
      case "Range": {
        const from = constValue(e.from) ?? Exact.ZERO;
        const to = constValue(e.to) ?? Exact.ZERO;
        const out: Value[] = [];
        for (let i = from; i.le(to) && out.length < 100000; i = i.add(Exact.ONE)) out.push(numV(i));
        return { k: "array", v: out };
      }
      case "Record":
        return { k: "record", v: new Map(e.fields.map((f) => [f.name.text, this.eval(f.value, locals)])) };
      case "Call":
        return this.call(e, locals);
      case "Judged":
        return this.judged(e, locals);
      case "Bands":
        return this.bands(e, locals);
      case "Tiers":
        return this.tiers(e, locals);
      case "DeductPer":
      case "DeductBeyond":
        return this.deduct(e, locals);
      case "Achievement":
        return this.achievement(e, locals);
      case "Date": {
        const d = constValue(e);
        return d ? numV(d) : this.fail("invalid", { zh: `${e.text} 不是日期`, en: `${e.text} is not a date` }, e);
      }
      case "Peer":
        return this.peer(e);
    }
  }

  /** Issue 11, rule kind 7: a statistic of the peers, from the scope's `peers` (runtime/peers.ts). */
  private peer(e: A.PeerExpr): Value {
    const which = e.which ?? "count";
    const subject = e.subject ? exprText(e.subject) : "";
    // The subject reads only inputs and rubric lets (the checker sees to it), so no locals.
    const own = which === "rank" && e.subject && this.scope.peers ? this.num(e.subject) : undefined;
    const r = peerStat(
      this.scope.peers,
      which,
      subject,
      e.subject ? this.dimOf(e.subject) : "count",
      own,
      e.order !== "asc",
    );
    if ("problem" in r) return this.fail("missing-input", r.problem, e, "peers");
    pushOnce(this.scope.trace, r.trace);
    return numV(r.value);
  }

  private ref(e: A.RefExpr, locals: ReadonlyMap<string, Value>): Value {
    const name = e.name.text;
    const local = locals.get(name);
    if (local) return local;
    const def = this.scope.lets.get(name);
    if (def) {
      let v = this.scope.letValues.get(def);
      if (!v) {
        v = new Evaluator({ ...this.scope, file: def.file }).eval(def.value);
        this.scope.letValues.set(def, v);
      }
      this.traceLet(def, v);
      return v;
    }
    if (this.scope.model.inputs.has(name)) {
      const v = this.scope.inputs.get(name);
      if (!v) return this.fail("missing-input", { zh: `缺少输入「${name}」`, en: `missing input '${name}'` }, e, name);
      return v;
    }
    for (const en of this.scope.model.enums.values()) if (en.members.includes(name)) return { k: "enum", v: name };
    return this.fail("invalid", { zh: `未定义的名称「${name}」`, en: `unknown name '${name}'` }, e);
  }

  private traceLet(def: LetDef, v: Value): void {
    const traced = this.scope.tracedLets;
    const dim = letTraceDim(this.scope.info.get(def.value)?.type);
    if (!traced || traced.has(def) || dim === undefined) return;
    traced.add(def);
    this.scope.trace.push(exprTrace.letValue(def.name, exprText(def.value), showLetValue(nativeOf(v), dim)));
  }

  /** `floor`, `ceil` and `round` inside an expression, traced when they change the value. */
  private rounding(e: A.CallExpr, locals: ReadonlyMap<string, Value>, f: (x: Exact) => Exact): Value {
    const arg = e.args[0] as A.Expr;
    const x = this.num(arg, locals);
    const r = f(x);
    if (!r.eq(x)) pushOnce(this.scope.trace, exprTrace.rounded(exprText(e), this.show(arg, x), this.show(arg, r)));
    return numV(r);
  }

  private binary(e: A.BinaryExpr, locals: ReadonlyMap<string, Value>): Value {
    if (e.op === "and") return boolV(this.bool(e.left, locals) && this.bool(e.right, locals));
    if (e.op === "or") return boolV(this.bool(e.left, locals) || this.bool(e.right, locals));
    if (e.op === "=" || e.op === "!=") {
      const eq = valueEquals(this.eval(e.left, locals), this.eval(e.right, locals));
      return boolV(e.op === "=" ? eq : !eq);
    }
    const l = this.num(e.left, locals);
    const r = this.num(e.right, locals);
    switch (e.op) {
      case "<":
        return boolV(l.lt(r));
      case "<=":
        return boolV(l.le(r));
      case ">":
        return boolV(l.gt(r));
      case ">=":
        return boolV(l.ge(r));
      case "+":
        return numV(l.add(r));
      case "-":
        if (this.dimOf(e.left) === "date" && this.dimOf(e.right) === "date")
          pushOnce(this.scope.trace, exprTrace.dateDiff(exprText(e), l, r));
        return numV(l.sub(r));
      case "*":
        return numV(l.mul(r));
      case "/":
        if (r.isZero()) {
          return this.fail(
            "zero-division",
            { zh: `除数「${exprText(e.right)}」为 0`, en: `the divisor '${exprText(e.right)}' is 0` },
            e.right,
            e.right.kind === "Ref" ? e.right.name.text : exprText(e.right),
          );
        }
        return numV(l.div(r));
    }
  }

  private call(e: A.CallExpr, locals: ReadonlyMap<string, Value>): Value {
    const name = builtin(e.callee.text);
    const rule = name ? undefined : this.scope.model.rules.get(e.callee.text);
    if (rule) return evalRuleCall({ eval: (x, l) => this.eval(x, l), trace: this.scope.trace }, e, rule, locals);
    // Examples still run on a rubric with errors: a call the checker flagged (wrong-arity) fails the indicator instead of crashing.
    const [lo, hi] = (name && ARITY[name]) ?? [0, Infinity];
    if (e.args.length < lo || e.args.length > hi) {
      return this.fail(
        "invalid",
        { zh: `${e.callee.text} 的参数个数不对`, en: `wrong number of arguments to ${e.callee.text}` },
        e,
      );
    }
    const nums = (): Exact[] => {
      if (e.args.length === 1) {
        const a = this.eval(e.args[0] as A.Expr, locals);
        if (a.k === "array")
          return a.v.map((x) =>
            x.k === "num" ? x.v : this.fail("invalid", { zh: "需要数值数组", en: "an array of numbers is needed" }, e),
          );
        if (a.k === "num") return [a.v];
      }
      return e.args.map((a) => this.num(a, locals));
    };
    switch (name) {
      case "min":
      case "max": {
        const xs = nums();
        if (xs.length === 0)
          return this.fail("invalid", { zh: "空数组没有最值", en: "an empty array has no min or max" }, e);
        const v = xs.reduce((a, b) => (name === "min" ? Exact.min(a, b) : Exact.max(a, b)));
        if (e.args.length > 1 && !v.eq(xs[0] as Exact)) {
          pushOnce(
            this.scope.trace,
            exprTrace.bounded(
              name,
              xs.map((x) => this.show(e, x)),
              this.show(e, v),
            ),
          );
        }
        return numV(v);
      }
      case "sum":
        return numV(nums().reduce((a, b) => a.add(b), Exact.ZERO));
      case "mean": {
        const xs = nums();
        if (xs.length === 0)
          return this.fail("zero-division", { zh: "空数组没有平均值", en: "an empty array has no mean" }, e);
        return numV(xs.reduce((a, b) => a.add(b), Exact.ZERO).div(Exact.int(xs.length)));
      }
      case "count": {
        const a = this.eval(e.args[0] as A.Expr, locals);
        if (a.k !== "array") return this.fail("invalid", { zh: "需要数组", en: "an array is needed" }, e);
        return numV(Exact.int(a.v.filter((x) => x.k === "bool" && x.v).length));
      }
      case "len": {
        const a = this.eval(e.args[0] as A.Expr, locals);
        return numV(Exact.int(a.k === "array" ? a.v.length : 0));
      }
      case "abs":
        return numV(this.num(e.args[0] as A.Expr, locals).abs());
      case "floor":
        return this.rounding(e, locals, (x) => x.floor());
      case "ceil":
        return this.rounding(e, locals, (x) => x.ceil());
      case "round": {
        const digits = constValue(e.args[1] as A.Expr) ?? Exact.ZERO;
        return this.rounding(e, locals, (x) => x.round(Number(digits.num), roundingModeArg(e.args[2]) ?? "half-up"));
      }
      case "weighted_mean": {
        const arrays = e.args.map((a) => {
          const v = this.eval(a, locals);
          if (v.k !== "array" || v.v.some((x) => x.k !== "num"))
            return this.fail("invalid", { zh: "需要数值数组", en: "an array of numbers is needed" }, a);
          return v.v.map((x) => (x as { v: Exact }).v);
        }) as [Exact[], Exact[]];
        const [vArg, wArg] = e.args as [A.Expr, A.Expr];
        const o = weightedMean(arrays[0], arrays[1], { value: this.elementDim(vArg), weight: this.elementDim(wArg) });
        if ("problem" in o) return this.fail(o.problem === "zero-weight" ? "zero-division" : "invalid", o.text, e);
        pushOnce(this.scope.trace, o.trace());
        return numV(o.value);
      }
      case "clamp": {
        const [x, lo, hi] = e.args.map((a) => this.num(a, locals)) as [Exact, Exact, Exact];
        return numV(Exact.min(Exact.max(x, lo), hi));
      }
      default:
        return this.fail("invalid", { zh: `未知函数 ${e.callee.text}`, en: `unknown function ${e.callee.text}` }, e);
    }
  }

  private judgedHost(locals: ReadonlyMap<string, Value>): JudgedHost {
    const part = this.scope.part;
    const judgement = part ? this.scope.judgements.get(part) : undefined;
    return {
      model: this.scope.model,
      ...(part ? { part } : {}),
      ...(judgement ? { judgement } : {}),
      trace: this.scope.trace,
      eval: (x) => this.eval(x, locals),
      bool: (x) => this.bool(x, locals),
      fail: (kind, text, at, field) => this.fail(kind, text, at, field),
      text: exprText,
    };
  }

  private judged(e: A.JudgedExpr, locals: ReadonlyMap<string, Value>): Value {
    return numV(evalJudged(e, this.judgedHost(locals)));
  }

  private bands(e: A.BandsExpr, locals: ReadonlyMap<string, Value>): Value {
    const x = this.num(e.subject, locals);
    const shown = this.show(e.subject, x);
    for (const arm of e.arms) {
      const r = armRange(arm);
      const hit =
        arm.cond.kind === "otherwise" ||
        (r
          ? I.contains(r, x)
          : arm.cond.kind === "compare" && arm.cond.op === "!=" && !constValue(arm.cond.value)?.eq(x));
      if (!hit) continue;
      const v = this.eval(arm.value, locals);
      const cond = armText(arm, (v2) => this.show(e.subject, v2));
      this.scope.trace.push(trace.band(exprText(e.subject), shown, cond, showValue(v)));
      return v;
    }
    return this.fail(
      "no-band",
      {
        zh: `${exprText(e.subject)} = ${shown} 不属于任何分档`,
        en: `${exprText(e.subject)} = ${shown} falls in no band`,
      },
      e,
    );
  }

  private tiers(e: A.TiersExpr, locals: ReadonlyMap<string, Value>): Value {
    if (e.scale) return numV(evalScaledTiers({ ...e, scale: e.scale }, this.judgedHost(locals)));
    const x = this.eval(e.subject, locals);
    for (const arm of e.arms) {
      if (arm.member && !(x.k === "enum" && x.v === arm.member.text)) continue;
      const v = this.eval(arm.value, locals);
      this.scope.trace.push(trace.tier(exprText(e.subject), showValue(x), showValue(v)));
      return v;
    }
    return this.fail("no-band", { zh: `${showValue(x)} 不属于任何分类`, en: `${showValue(x)} matches no tier` }, e);
  }

  /** The outcome of a shared rule computation: its trace line, or a failure at the rule. */
  private outcome(o: RuleOutcome, e: A.Expr): Value {
    if (isProblem(o)) return this.fail(o.problem === "zero-step" ? "zero-division" : "invalid", o.text, e);
    this.scope.trace.push(o.trace());
    return numV(o.value);
  }

  private achievement(e: A.AchievementExpr, locals: ReadonlyMap<string, Value>): Value {
    const points = this.scope.part?.points ?? Exact.ZERO;
    let actual: Exact;
    let target: Exact;
    if (e.target) {
      actual = this.num(e.actual, locals);
      target = this.num(e.target, locals);
    } else {
      const pair = this.eval(e.actual, locals);
      const t = pair.k === "record" ? pair.v.get(PAIR_TARGET) : undefined;
      const a = pair.k === "record" ? pair.v.get(PAIR_ACTUAL) : undefined;
      if (t?.k !== "num" || a?.k !== "num")
        return this.fail(
          "invalid",
          { zh: "完成比需要「目标 / 实际」值对", en: "achievement needs a target pair (目标 / 实际)" },
          e.actual,
        );
      actual = a.v;
      target = t.v;
    }
    const zero = e.zero;
    const dim = achievementDim(this.scope.info, e);
    return this.outcome(
      achievementRule({
        points,
        actual,
        target,
        direction: e.direction,
        ...(zero === "full" ? { zero: () => points } : zero ? { zero: () => this.num(zero, locals) } : {}),
        subject: exprText(e.actual),
        dim,
      }),
      e,
    );
  }

  private deduct(e: A.DeductPerExpr | A.DeductBeyondExpr, locals: ReadonlyMap<string, Value>): Value {
    const points = this.scope.part?.points ?? Exact.ZERO;
    const amount = this.num(e.amount, locals);
    if (e.kind === "DeductPer" && e.cap) {
      const n = this.num(e.count, locals);
      return this.outcome(countDeduction(points, amount, n, this.num(e.cap, locals)), e);
    }
    if (e.kind === "DeductPer") {
      const n = this.num(e.count, locals);
      const v = points.sub(amount.mul(n));
      this.scope.trace.push(trace.deductPer(amount, n, points, v));
      return numV(v);
    }
    if (e.mode || e.cap || e.direction === "off") {
      const cap = e.cap;
      return this.outcome(
        stepDeduction({
          points,
          amount,
          step: this.num(e.step, locals),
          x: this.num(e.subject, locals),
          threshold: this.num(e.threshold, locals),
          direction: e.direction,
          mode: e.mode ?? "proportional",
          ...(cap ? { cap: this.num(cap, locals) } : {}),
          subject: exprText(e.subject),
          dim: stepDim(this.scope.info, e),
        }),
        e,
      );
    }
    const direction = e.direction;
    const step = this.num(e.step, locals);
    const x = this.num(e.subject, locals);
    const t = this.num(e.threshold, locals);
    if (step.isZero()) return this.fail("zero-division", { zh: "扣分步长为 0", en: "the deduction step is 0" }, e.step);
    const beyond = direction === "over" ? x.sub(t) : t.sub(x);
    const xs = this.show(e.subject, x);
    const ts = this.show(e.threshold, t);
    if (beyond.sign() <= 0) {
      this.scope.trace.push(trace.noDeduction(exprText(e.subject), xs, direction, ts));
      return numV(points);
    }
    const steps = beyond.div(step);
    const d = amount.mul(steps);
    const v = points.sub(d);
    this.scope.trace.push(
      trace.deductBeyond(
        exprText(e.subject),
        xs,
        direction,
        ts,
        this.show(e.step, beyond),
        this.show(e.step, step),
        amount,
        d,
        points,
        v,
      ),
    );
    return numV(v);
  }
}

/** Source-like text of an expression, for traces. */
const PRECEDENCE: Record<A.BinaryOp, number> = {
  or: 1,
  and: 2,
  "=": 3,
  "!=": 3,
  "<": 3,
  "<=": 3,
  ">": 3,
  ">=": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
};

/** Binding strength of an expression's outermost operator (7: an atom, never parenthesised). */
function precedenceOf(e: A.Expr): number {
  if (e.kind === "Binary") return PRECEDENCE[e.op];
  if (e.kind === "Unary") return e.op === "-" ? 6 : 2.5;
  if (e.kind === "If" || e.kind === "Each") return 0;
  return 7;
}

export function exprText(e: A.Expr): string {
  switch (e.kind) {
    case "Number":
      return `${e.digits}${e.unit === "percent" ? "%" : (e.unit ?? "")}`;
    case "String":
      return JSON.stringify(e.value);
    case "Bool":
      return e.value ? "true" : "false";
    case "Ref":
      return e.name.text;
    case "Member":
      return `${exprText(e.object)}.${e.field.text}`;
    case "Index":
      return `${exprText(e.object)}[${exprText(e.index)}]`;
    case "Binary": {
      // Parentheses where the tree needs them, so `(a - b) * c` does not read as `a - b * c`.
      const p = PRECEDENCE[e.op];
      const l = exprText(e.left);
      const r = exprText(e.right);
      return `${precedenceOf(e.left) < p ? `(${l})` : l} ${e.op} ${precedenceOf(e.right) <= p ? `(${r})` : r}`;
    }
    case "Unary": {
      const o = exprText(e.operand);
      return e.op === "-"
        ? `-${precedenceOf(e.operand) < 6 ? `(${o})` : o}`
        : `not ${precedenceOf(e.operand) < 3 ? `(${o})` : o}`;
    }
    case "Call":
      return `${e.callee.text}(${e.args.map(exprText).join(", ")})`;
    case "If":
      return `if ${exprText(e.cond)} then ${exprText(e.then)} else ${exprText(e.else)}`;
    case "Each":
      return `each ${e.variable.text} in ${exprText(e.iterable)}: ${exprText(e.body)}`;
    case "Array":
      return `[${e.elements.map(exprText).join(", ")}]`;
    case "Range":
      return `${exprText(e.from)}..${exprText(e.to)}`;
    case "Record":
      return `{ ${e.fields.map((f) => `${f.name.text}: ${exprText(f.value)}`).join("; ")} }`;
    case "Judged":
      return "judged";
    case "Bands":
      return `bands ${exprText(e.subject)} { … }`;
    case "Tiers":
      return `tiers ${exprText(e.subject)} { … }`;
    case "DeductPer":
      return `deduct ${exprText(e.amount)} per ${exprText(e.count)}${e.cap ? ` at most ${exprText(e.cap)}` : ""}`;
    case "DeductBeyond":
      return `deduct ${exprText(e.amount)} per ${e.mode ? `${e.mode} ` : ""}${exprText(e.step)} of ${exprText(e.subject)} ${e.direction} ${exprText(e.threshold)}${e.cap ? ` at most ${exprText(e.cap)}` : ""}`;
    case "Achievement":
      return `achievement ${exprText(e.actual)}${e.target ? ` against ${exprText(e.target)}` : ""} ${e.direction}-better`;
    case "Date":
      return e.text;
    case "Peer":
      return `peers.${e.which ?? e.stat.text}${e.subject ? `(${exprText(e.subject)}${e.order ? `, ${e.order}` : ""})` : ""}`;
    case "Error":
      return "?";
  }
}

export function armText(arm: A.BandArm, show: (v: Exact) => string): string {
  const c = arm.cond;
  if (c.kind === "otherwise") return "otherwise";
  if (c.kind === "compare") {
    const v = constValue(c.value);
    return `${c.op} ${v ? show(v) : exprText(c.value)}`;
  }
  const lo = constValue(c.interval.lo);
  const hi = constValue(c.interval.hi);
  return `${c.interval.loClosed ? "[" : "("}${lo ? show(lo) : "?"}, ${hi ? show(hi) : "?"}${c.interval.hiClosed ? "]" : ")"}`;
}

export { DivisionByZeroError, HUNDRED };
