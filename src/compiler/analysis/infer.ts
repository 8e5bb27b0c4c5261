/**
 * Type, unit and range inference over expressions. Records, for every
 * expression, its type and the interval of values it can take (from the
 * inputs' declared ranges, narrowed by `if`/`exempt`/`veto` guards), plus
 * the division sites and band tables the range checks look at.
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isEnumMember } from "../model/enum-member.js";
import { constValue, literalDim, literalValue, roundingModeArg } from "../model/constants.js";
import type { Dim, InputDef, LetDef, RubricModel, RuleDef, ValueType } from "../model/types.js";
import { declarationHasErrors, inferRuleCall } from "./rule-call.js";
import { W, ty } from "../diagnostics/words.js";
import { suggest } from "../util/suggest.js";
import { builtin, builtinNames } from "./builtins.js";
import { exprText } from "../evaluate/expr.js";
import * as I from "./interval.js";
import { boundRange, rangeUnder } from "./bound-range.js";
import { boundExpr } from "../evaluate/bound-expr.js";
import { inferJudged, inferScaledTiers, type RuleContext } from "./judged-rules.js";
import { dateBinary } from "./date-rules.js";
import { COUNT_RANGE, RANK_RANGE, peerSubjectProblem } from "./peer-rules.js";
import { inferWeightedMean } from "./weighted-mean.js";
import { fieldRange } from "./field-range.js";

export interface ExprInfo {
  readonly type: ValueType;
  readonly range: I.Range;
}

export interface DivisionSite {
  readonly file: string;
  readonly divisor: A.Expr;
  readonly range: I.Range;
  readonly report: boolean;
  /** A guard (`if d = 0 … else`, `d != 0 and …`) rules 0 out here, whatever the range says. */
  readonly guarded: boolean;
}

export interface BandSite {
  readonly file: string;
  readonly bands: A.BandsExpr;
  readonly subject: ExprInfo;
  readonly report: boolean;
}

export interface Inference {
  readonly info: Map<A.Expr, ExprInfo>;
  readonly divisions: DivisionSite[];
  readonly bands: BandSite[];
  readonly diagnostics: Diagnostic[];
}

export interface Env {
  readonly lets: ReadonlyMap<string, LetDef>;
  readonly locals: ReadonlyMap<string, ExprInfo>;
  /** Narrowed ranges, keyed by the canonical text of an expression. */
  readonly facts: ReadonlyMap<string, I.Range>;
  /** Known relations "a<=b" between expressions (by canonical text). */
  readonly relations: ReadonlySet<string>;
  /** Where the expression was written; diagnostics only for the rubric's own file. */
  readonly file: string;
  readonly report: boolean;
  /** Points of the enclosing part: rule forms (`deduct`, `judged`) need it. */
  readonly partPoints?: Exact;
  /** True only at the top of a part's rule (and inside `if` branches there). */
  readonly ruleTop: boolean;
  /** The let whose body is being inferred: its divisions are checked where it is used. */
  readonly inLet?: LetDef;
  /** The reusable rule whose body is being inferred: it reads only its parameters. */
  readonly inRule?: RuleDef;
}

const ERR: ExprInfo = { type: { kind: "error" }, range: I.FULL };
const num = (dim: Dim, range: I.Range = I.FULL): ExprInfo => ({ type: { kind: "num", dim }, range });
const BOOL: ExprInfo = { type: { kind: "bool" }, range: I.FULL };

/** Canonical text of an expression, used to key narrowing facts. */
export function exprKey(e: A.Expr): string {
  switch (e.kind) {
    case "Number":
      return `${e.digits}${e.unit ?? ""}`;
    case "Ref":
      return e.name.text;
    case "Member":
      return `${exprKey(e.object)}.${e.field.text}`;
    case "Index":
      return `${exprKey(e.object)}[${exprKey(e.index)}]`;
    case "Binary":
      return `(${exprKey(e.left)}${e.op}${exprKey(e.right)})`;
    case "Unary":
      return `${e.op}(${exprKey(e.operand)})`;
    case "Call":
      return `${e.callee.text}(${e.args.map(exprKey).join(",")})`;
    case "Peer":
      return `peers.${e.which ?? e.stat.text}(${e.subject ? exprKey(e.subject) : ""}${e.order ? `,${e.order}` : ""})`;
    default:
      return `#${e.span.start}`;
  }
}

export function dimJoin(a: Dim, b: Dim): Dim | undefined {
  if (a === b) return a;
  if (a === "plain") return b;
  if (b === "plain") return a;
  return undefined;
}

export function dimMul(a: Dim, b: Dim): Dim | undefined {
  if (a === "plain" || a === "ratio") return b === "plain" && a === "ratio" ? "ratio" : b;
  if (b === "plain" || b === "ratio") return a;
  if ((a === "count" && b === "points") || (a === "points" && b === "count")) return "points";
  return undefined;
}

export function dimDiv(a: Dim, b: Dim): Dim | undefined {
  if (a === b) return a === "plain" ? "plain" : "ratio";
  if (b === "plain" || b === "ratio") return a === "plain" ? b : a;
  if (a === "points" && b === "count") return "points";
  return undefined;
}

export class Inferrer {
  readonly info = new Map<A.Expr, ExprInfo>();
  readonly divisions: DivisionSite[] = [];
  readonly bands: BandSite[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly letCache = new Map<LetDef, ExprInfo>();
  private readonly letStack = new Set<LetDef>();
  /** Divisors inside each let's body: a let is evaluated lazily, so a guard at its use protects them. */
  private readonly letDivisions = new Map<LetDef, Set<A.Expr>>();
  /** Relations implied by input declarations (`已完成项目数: count <= 计划项目数`). */
  readonly inputRelations: Set<string>;
  private readonly inputRanges: Map<string, I.Range>;

  /** `shared` lets several inferrers over one model reuse the inputs' ranges (computed once). */
  constructor(
    readonly model: RubricModel,
    shared?: Inferrer,
  ) {
    if (shared) {
      this.inputRelations = shared.inputRelations;
      this.inputRanges = shared.inputRanges;
      return;
    }
    this.inputRelations = new Set();
    this.inputRanges = new Map();
    for (const input of model.inputs.values())
      if (!this.inputRanges.has(input.name)) this.inputRanges.set(input.name, this.declaredRange(input));
  }

  result(): Inference {
    return { info: this.info, divisions: this.divisions, bands: this.bands, diagnostics: this.diagnostics };
  }

  rootEnv(file: string, lets: ReadonlyMap<string, LetDef> = this.model.lets): Env {
    return {
      lets,
      locals: new Map(),
      facts: new Map(),
      relations: this.inputRelations,
      file,
      report: file === this.model.file,
      ruleTop: false,
    };
  }

  private diag(env: Env, d: Diagnostic): void {
    if (env.report) this.diagnostics.push(d);
  }

  /** The declared range of an input (elements, for arrays); counts are ≥ 0. */
  private declaredRange(input: InputDef, visiting = new Set<string>()): I.Range {
    let r: I.Range = baseDim(input.type) === "count" ? I.NONNEG : I.FULL;
    visiting.add(input.name);
    // A bound over other inputs takes its range from theirs (a cycle of bounds reads as unbounded).
    const rangeOf = (name: string): I.Range => {
      const known = this.inputRanges.get(name);
      const other = this.model.inputs.get(name);
      if (known || !other || visiting.has(name)) return known ?? I.FULL;
      const found = this.declaredRange(other, visiting);
      this.inputRanges.set(name, found);
      return found;
    };
    const over = (op: "=" | "<" | "<=" | ">" | ">=", e: A.Expr): void => {
      const b = boundExpr(e, input, this.model);
      if (b && !("n" in b)) r = I.intersect(r, rangeUnder(op, boundRange(b, rangeOf)));
    };
    for (const c of input.decl.constraints) {
      if (c.kind === "in") {
        const lo = constValue(c.interval.lo);
        const hi = constValue(c.interval.hi);
        r = I.intersect(r, {
          ...(lo ? { lo: { v: scaleMoney(lo, c.interval.lo, input), closed: c.interval.loClosed } } : {}),
          ...(hi ? { hi: { v: scaleMoney(hi, c.interval.hi, input), closed: c.interval.hiClosed } } : {}),
        });
        if (!lo) over(c.interval.loClosed ? ">=" : ">", c.interval.lo);
        if (!hi) over(c.interval.hiClosed ? "<=" : "<", c.interval.hi);
        continue;
      }
      const v = constValue(c.bound);
      if (!v) {
        over(c.op, c.bound);
        if (c.bound.kind === "Ref") {
          const other = c.bound.name.text;
          if (c.op !== ">=" && c.op !== ">") this.inputRelations.add(`${input.name}<=${other}`);
          if (c.op !== "<=" && c.op !== "<") this.inputRelations.add(`${other}<=${input.name}`);
        }
        continue;
      }
      r = I.intersect(r, rangeUnder(c.op, I.point(scaleMoney(v, c.bound, input))));
    }
    return r;
  }

  inputRange(name: string): I.Range {
    return this.inputRanges.get(name) ?? I.FULL;
  }

  // ---- lets ----

  letInfo(def: LetDef, env: Env): ExprInfo {
    const narrowed = env.facts.size > 0 || env.relations !== this.inputRelations;
    let cached = this.letCache.get(def);
    if (!cached) {
      if (this.letStack.has(def)) {
        this.diag(env, diagnostic("let-cycle", { file: def.file, span: def.decl.name.span }, { name: def.name }));
        return ERR;
      }
      this.letStack.add(def);
      if (!this.letDivisions.has(def)) this.letDivisions.set(def, new Set());
      // The body on its own, without the guards of the first use: what it says holds at every use.
      const letEnv: Env = {
        ...env,
        facts: new Map(),
        relations: this.inputRelations,
        locals: new Map(),
        file: def.file,
        report: def.file === this.model.file,
        ruleTop: false,
        inLet: def,
      };
      cached = this.infer(def.value, letEnv);
      this.letStack.delete(def);
      this.letCache.set(def, cached);
    }
    if (!narrowed || this.letStack.has(def)) return cached;
    // Re-infer under the guards in force here (e.g. `else` of `实际 > 计划`), quietly.
    this.letStack.add(def);
    const r = this.infer(def.value, {
      ...env,
      locals: new Map(),
      file: def.file,
      report: false,
      ruleTop: false,
      inLet: def,
    });
    this.letStack.delete(def);
    return { type: cached.type, range: I.intersect(r.range, cached.range) };
  }

  /** A division site: deferred to the let's uses when inside a let body. */
  private recordDivision(divisor: A.Expr, range: I.Range, env: Env, guarded = false): void {
    if (env.inLet) {
      // Guarded inside the let's own body (`let r = if b = 0 then 0 else a / b`): safe at every use.
      if (guarded || !I.mayBeZero(range)) return;
      let set = this.letDivisions.get(env.inLet);
      if (!set) this.letDivisions.set(env.inLet, (set = new Set()));
      set.add(divisor);
      return;
    }
    this.divisions.push({ file: env.file, divisor, range, report: env.report, guarded });
  }

  /** At a use of `def`, checks the divisors in its body under the guards in force here. */
  private checkLetDivisions(def: LetDef, env: Env): void {
    const divisors = this.letDivisions.get(def);
    if (!divisors || divisors.size === 0) return;
    for (const d of divisors) {
      if (env.inLet) {
        this.recordDivision(d, I.FULL, env);
        continue;
      }
      const quiet: Env = { ...env, locals: new Map(), file: def.file, report: false, ruleTop: false };
      const r = this.infer(d, quiet).range;
      const guarded = env.relations.has(`nonzero:${exprKey(d)}`);
      this.divisions.push({
        file: def.file,
        divisor: d,
        range: r,
        report: env.report && def.file === this.model.file,
        guarded,
      });
    }
  }

  // ---- expressions ----

  infer(e: A.Expr, env: Env): ExprInfo {
    const r = this.inferInner(e, env);
    const narrowed = r.type.kind === "num" ? env.facts.get(exprKey(e)) : undefined;
    const out = narrowed ? { ...r, range: I.intersect(r.range, narrowed) } : r;
    this.info.set(e, out);
    return out;
  }

  private sub(env: Env): Env {
    return env.ruleTop ? { ...env, ruleTop: false } : env;
  }

  private inferInner(e: A.Expr, env: Env): ExprInfo {
    switch (e.kind) {
      case "Error":
        return ERR;
      case "Number": {
        const v = literalValue(e);
        return num(literalDim(e), I.point(v));
      }
      case "String":
        return { type: { kind: "text" }, range: I.FULL };
      case "Bool":
        return BOOL;
      case "Ref":
        return this.ref(e, env);
      case "Member": {
        const o = this.infer(e.object, this.sub(env));
        if (o.type.kind === "error") return ERR;
        if (o.type.kind !== "record") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.object.span },
              { expected: W.record, actual: ty(o.type), context: "'.'" },
            ),
          );
          return ERR;
        }
        const f = o.type.fields.get(e.field.text);
        if (!f) {
          const s = suggest(e.field.text, o.type.fields.keys());
          this.diag(
            env,
            diagnostic(
              "unknown-name",
              { file: env.file, span: e.field.span },
              { name: e.field.text, kind: "field", ...(s ? { suggestion: s } : {}) },
            ),
          );
          return ERR;
        }
        // A pair's two values share the pair input's declared range.
        if (o.type.pair && e.object.kind === "Ref" && this.model.inputs.has(e.object.name.text))
          return { type: f, range: o.range };
        const base = f.kind === "num" && f.dim === "count" ? I.NONNEG : I.FULL;
        const bounds = o.type.bounds?.get(e.field.text);
        return { type: f, range: bounds ? fieldRange(bounds, base) : base };
      }
      case "Index": {
        const o = this.infer(e.object, this.sub(env));
        const ix = this.infer(e.index, this.sub(env));
        if (
          ix.type.kind !== "error" &&
          !(ix.type.kind === "num" && (ix.type.dim === "count" || ix.type.dim === "plain"))
        ) {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.index.span },
              { expected: W.count, actual: ty(ix.type), context: W.index },
            ),
          );
        }
        if (o.type.kind === "error") return ERR;
        if (o.type.kind !== "array") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.object.span },
              { expected: W.array, actual: ty(o.type), context: "'[…]'" },
            ),
          );
          return ERR;
        }
        return { type: o.type.element, range: o.range };
      }
      case "Unary": {
        const o = this.infer(e.operand, this.sub(env));
        if (e.op === "not") {
          this.expectBool(o, e.operand, env, "'not'");
          return BOOL;
        }
        if (o.type.kind === "error") return ERR;
        // A date has no negative (issue 11, kind 6): only a difference of dates is a number of days.
        if (o.type.kind !== "num" || o.type.dim === "date") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.operand.span },
              { expected: W.number, actual: ty(o.type), context: "'-'" },
            ),
          );
          return ERR;
        }
        return num(o.type.dim, I.neg(o.range));
      }
      case "Binary":
        return this.binary(e, env);
      case "If": {
        const c = this.infer(e.cond, this.sub(env));
        this.expectBool(c, e.cond, env, "'if'");
        const t = this.infer(e.then, this.narrow(env, e.cond, true));
        const f = this.infer(e.else, this.narrow(env, e.cond, false));
        return this.joinBranches([t, f], [e.then, e.else], env);
      }
      case "Each": {
        const it = this.infer(e.iterable, this.sub(env));
        if (it.type.kind === "error") return ERR;
        if (it.type.kind !== "array") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.iterable.span },
              { expected: W.array, actual: ty(it.type), context: "'each'" },
            ),
          );
          return ERR;
        }
        const locals = new Map(env.locals);
        locals.set(e.variable.text, { type: it.type.element, range: it.range });
        const body = this.infer(e.body, { ...this.sub(env), locals });
        return {
          type: {
            kind: "array",
            element: body.type,
            ...(it.type.length !== undefined ? { length: it.type.length } : {}),
          },
          range: body.range,
        };
      }
      case "Array": {
        const els = e.elements.map((x) => this.infer(x, this.sub(env)));
        if (els.length === 0)
          return { type: { kind: "array", element: { kind: "num", dim: "plain" }, length: 0 }, range: I.FULL };
        const joined = this.joinBranches(els, e.elements, env);
        return { type: { kind: "array", element: joined.type, length: els.length }, range: joined.range };
      }
      case "Range": {
        const from = constValue(e.from);
        const to = constValue(e.to);
        const len = from && to && from.isInteger() && to.isInteger() ? Number(to.sub(from).num) + 1 : undefined;
        return {
          type: {
            kind: "array",
            element: { kind: "num", dim: "count" },
            ...(len !== undefined && len >= 0 ? { length: len } : {}),
          },
          range: from && to ? I.closed(from, to) : I.NONNEG,
        };
      }
      case "Record": {
        const fields = new Map<string, ValueType>();
        for (const f of e.fields) fields.set(f.name.text, this.infer(f.value, this.sub(env)).type);
        return { type: { kind: "record", fields }, range: I.FULL };
      }
      case "Call":
        return this.call(e, env);
      case "Judged": {
        if (!env.ruleTop || !env.partPoints) {
          this.diag(env, diagnostic("misplaced-rule", { file: env.file, span: e.span }, { rule: "judged" }));
          return num("points", I.FULL);
        }
        return inferJudged(e, env, env.partPoints, this.rules);
      }
      case "Bands":
        return this.bandsExpr(e, env);
      case "Tiers":
        return this.tiersExpr(e, env);
      case "DeductPer":
      case "DeductBeyond":
        return this.deduct(e, env);
      case "Achievement":
        return this.achievement(e, env);
      case "Date": {
        const v = constValue(e);
        if (!v) {
          this.diag(env, diagnostic("invalid-date", { file: env.file, span: e.span }, { text: e.text }));
          return ERR;
        }
        return num("date", I.point(v));
      }
      case "Peer":
        return this.peer(e, env);
    }
  }

  /** Issue 11, rule kind 7: a statistic of the peers (peer-rules.ts). */
  private peer(e: A.PeerExpr, env: Env): ExprInfo {
    const at = (span: A.Span) => ({ file: env.file, span });
    if (!e.which) {
      this.diag(env, diagnostic("peer-stat-unknown", at(e.stat.span), { stat: e.stat.text }));
      return ERR;
    }
    if (env.inRule) this.diag(env, diagnostic("peer-in-rule", at(e.span), { rule: env.inRule.name }));
    if (e.order && e.which !== "rank")
      this.diag(env, diagnostic("peer-order-not-rank", at(e.span), { stat: e.stat.text }));
    if (e.which === "count") {
      if (e.subject) this.infer(e.subject, this.sub(env));
      return num("count", COUNT_RANGE);
    }
    if (!e.subject) {
      const problem = { zh: "须写明比较什么：同类.最大值(执行率)", en: "say what is compared: peers.max(执行率)" };
      this.diag(env, diagnostic("peer-subject", at(e.span), { stat: e.stat.text, problem }));
      return ERR;
    }
    const problem = peerSubjectProblem(e.subject, env.lets, env.locals, this.model);
    if (problem) {
      this.diag(env, diagnostic("peer-subject", at(e.subject.span), { stat: e.stat.text, problem }));
      return ERR;
    }
    const subjectEnv: Env = { ...env, lets: this.model.lets, locals: new Map(), ruleTop: false };
    const s = this.infer(e.subject, subjectEnv);
    if (s.type.kind === "error") return ERR;
    if (s.type.kind !== "num") {
      const problem = {
        zh: `比较的须是数值，「${exprText(e.subject)}」是${ty(s.type).zh}`,
        en: `what is compared must be a number; '${exprText(e.subject)}' is ${ty(s.type).en}`,
      };
      this.diag(env, diagnostic("peer-subject", at(e.subject.span), { stat: e.stat.text, problem }));
      return ERR;
    }
    if (e.which === "rank") {
      if (!e.order) this.diag(env, diagnostic("peer-rank-order", at(e.span), {}));
      return num("count", RANK_RANGE);
    }
    return { type: s.type, range: s.range };
  }

  private ref(e: A.RefExpr, env: Env): ExprInfo {
    const name = e.name.text;
    const local = env.locals.get(name);
    if (local) return local;
    if (env.inRule && (this.model.inputs.has(name) || this.model.lets.has(name))) {
      this.diag(
        env,
        diagnostic("rule-not-pure", { file: env.file, span: e.name.span }, { rule: env.inRule.name, name }),
      );
      return ERR;
    }
    const let_ = env.lets.get(name);
    // A let or input named like an enum member is reported as a duplicate name; reading it would only add a type error.
    if ((let_ || this.model.inputs.has(name)) && isEnumMember(this.model, name)) return ERR;
    if (let_) {
      const info = this.letInfo(let_, env);
      this.checkLetDivisions(let_, env);
      return info;
    }
    const input = this.model.inputs.get(name);
    if (input) {
      const range = this.inputRange(name);
      return { type: input.type, range };
    }
    const owners = [...this.model.enums.values()].filter((en) => en.members.includes(name));
    if (owners.length >= 1 && owners[0])
      return { type: { kind: "enum", name: owners[0].name, members: owners[0].members }, range: I.FULL };
    const candidates = [
      ...env.locals.keys(),
      ...env.lets.keys(),
      ...this.model.inputs.keys(),
      ...[...this.model.enums.values()].flatMap((x) => x.members),
    ];
    const s = suggest(name, candidates);
    this.diag(
      env,
      diagnostic(
        "unknown-name",
        { file: env.file, span: e.name.span },
        { name, kind: "name", ...(s ? { suggestion: s } : {}) },
        [],
        s ? { suggestion: s } : undefined,
      ),
    );
    return ERR;
  }

  private expectBool(i: ExprInfo, e: A.Expr, env: Env, context: string): void {
    if (i.type.kind !== "bool" && i.type.kind !== "error") {
      this.diag(
        env,
        diagnostic(
          "type-mismatch",
          { file: env.file, span: e.span },
          { expected: W.bool, actual: ty(i.type), context },
        ),
      );
    }
  }

  private expectNum(
    i: ExprInfo,
    e: A.Expr,
    env: Env,
    context: string,
  ): i is ExprInfo & { type: { kind: "num"; dim: Dim } } {
    if (i.type.kind === "num") return true;
    if (i.type.kind !== "error") {
      this.diag(
        env,
        diagnostic(
          "type-mismatch",
          { file: env.file, span: e.span },
          { expected: W.number, actual: ty(i.type), context },
        ),
      );
    }
    return false;
  }

  /** The common type of several alternatives (if branches, band values, array elements). */
  private joinBranches(items: readonly ExprInfo[], exprs: readonly A.Expr[], env: Env): ExprInfo {
    let acc: ExprInfo | undefined;
    items.forEach((it, i) => {
      if (it.type.kind === "error") return;
      if (!acc) {
        acc = it;
        return;
      }
      if (acc.type.kind === "num" && it.type.kind === "num") {
        const d =
          dimJoin(acc.type.dim, it.type.dim) ??
          (isPointsLike(acc.type.dim) && isPointsLike(it.type.dim) ? "points" : undefined);
        if (!d) {
          const ex = exprs[i];
          if (ex)
            this.diag(
              env,
              diagnostic(
                "unit-mismatch",
                { file: env.file, span: ex.span },
                { op: "if/else", left: ty(acc.type), right: ty(it.type) },
              ),
            );
          return;
        }
        acc = num(d, I.union(acc.range, it.range));
        return;
      }
      if (
        acc.type.kind !== it.type.kind ||
        (acc.type.kind === "enum" && it.type.kind === "enum" && acc.type.name !== it.type.name)
      ) {
        const ex = exprs[i];
        if (ex)
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: ex.span },
              { expected: ty(acc.type), actual: ty(it.type), context: W.alternatives },
            ),
          );
      }
    });
    return acc ?? ERR;
  }

  private binary(e: A.BinaryExpr, env: Env): ExprInfo {
    const senv = this.sub(env);
    if (e.op === "and" || e.op === "or") {
      const l = this.infer(e.left, senv);
      const r = this.infer(
        e.right,
        e.op === "and" ? this.narrow(senv, e.left, true) : this.narrow(senv, e.left, false),
      );
      this.expectBool(l, e.left, env, `'${e.op}'`);
      this.expectBool(r, e.right, env, `'${e.op}'`);
      return BOOL;
    }
    const l = this.infer(e.left, senv);
    const isDiv = e.op === "/";
    const r = this.infer(e.right, senv);
    if (l.type.kind === "error" || r.type.kind === "error")
      return ["=", "!=", "<", "<=", ">", ">="].includes(e.op) ? BOOL : ERR;
    if (e.op === "=" || e.op === "!=") {
      if (l.type.kind === "num" && r.type.kind === "num") {
        if (l.type.dim === "date" || r.type.dim === "date") return this.dateBinary(e, l, r, env);
        if (!dimJoin(l.type.dim, r.type.dim)) this.unitError(e, l, r, env);
      } else if (
        l.type.kind !== r.type.kind ||
        (l.type.kind === "enum" && r.type.kind === "enum" && l.type.name !== r.type.name)
      ) {
        this.diag(
          env,
          diagnostic(
            "type-mismatch",
            { file: env.file, span: e.right.span },
            { expected: ty(l.type), actual: ty(r.type), context: `'${e.op}'` },
          ),
        );
      }
      return BOOL;
    }
    if (!this.expectNum(l, e.left, env, `'${e.op}'`) || !this.expectNum(r, e.right, env, `'${e.op}'`)) {
      return ["<", "<=", ">", ">="].includes(e.op) ? BOOL : ERR;
    }
    const ld = l.type.dim;
    const rd = r.type.dim;
    if (ld === "date" || rd === "date") return this.dateBinary(e, l, r, env);
    if (e.op !== "*" && e.op !== "/" && (unitlessMoneyLiteral(ld, e.right) || unitlessMoneyLiteral(rd, e.left))) {
      const lit = unitlessMoneyLiteral(ld, e.right) ? e.right : e.left;
      this.diag(env, diagnostic("money-literal-unit", { file: env.file, span: lit.span }, { text: exprKey(lit) }));
    }
    switch (e.op) {
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!dimJoin(ld, rd)) this.unitError(e, l, r, env);
        return BOOL;
      case "+":
      case "-": {
        const d = dimJoin(ld, rd);
        if (!d) {
          this.unitError(e, l, r, env);
          return ERR;
        }
        return num(d, e.op === "+" ? I.add(l.range, r.range) : I.sub(l.range, r.range));
      }
      case "*": {
        const d = dimMul(ld, rd);
        if (!d) {
          this.unitError(e, l, r, env);
          return ERR;
        }
        return num(d, I.mul(l.range, r.range));
      }
      case "/": {
        void isDiv;
        const d = dimDiv(ld, rd);
        if (!d) {
          this.unitError(e, l, r, env);
          return ERR;
        }
        const guarded = env.relations.has(`nonzero:${exprKey(e.right)}`);
        const rr = guarded || I.mayBeZero(r.range) ? withoutZero(r.range) : r.range;
        this.recordDivision(e.right, r.range, env, guarded);
        // A zero divisor is an error, not a value: the quotient's range assumes a non-zero divisor.
        let out = I.mayBeZero(rr) ? I.FULL : I.div(l.range, rr);
        // A relation a <= b with a ≥ 0 and b > 0 bounds a / b by 1.
        // A department is one of its peers: X <= peers.max(X) (issue 11, kind 7).
        const atMost = (a: A.Expr, b: A.Expr): boolean =>
          env.relations.has(`${exprKey(a)}<=${exprKey(b)}`) ||
          (b.kind === "Peer" && b.which === "max" && !!b.subject && exprKey(b.subject) === exprKey(a));
        if (atMost(e.left, e.right) && l.range.lo && l.range.lo.v.sign() >= 0) {
          out = I.intersect(I.union(out, I.FULL), I.closed(Exact.ZERO, Exact.ONE));
        }
        // Likewise k * a / b with a <= b (a, b ≥ 0) lies within k × [0, 1]: `分 * 实际 / 目标` below target.
        if (e.left.kind === "Binary" && e.left.op === "*" && atMost(e.left.right, e.right)) {
          const k = this.info.get(e.left.left)?.range;
          const a = this.info.get(e.left.right)?.range;
          if (k && a?.lo && a.lo.v.sign() >= 0 && r.range.lo && r.range.lo.v.sign() >= 0)
            out = I.intersect(out, I.mul(k, I.closed(Exact.ZERO, Exact.ONE)));
        }
        return num(d, out);
      }
      default:
        return ERR;
    }
  }

  /** Issue 11, rule kind 6: comparisons and day arithmetic on dates (date-rules.ts). */
  private dateBinary(e: A.BinaryExpr, l: ExprInfo, r: ExprInfo, env: Env): ExprInfo {
    const ld = l.type.kind === "num" ? l.type.dim : "plain";
    const rd = r.type.kind === "num" ? r.type.dim : "plain";
    const rule = dateBinary(e.op, ld, rd);
    const compare = ["=", "!=", "<", "<=", ">", ">="].includes(e.op);
    if (!rule.ok) {
      const bare = ld === "date" ? e.right : e.left;
      if (rule.why === "literal")
        this.diag(
          env,
          diagnostic("date-literal-needed", { file: env.file, span: bare.span }, { text: exprText(bare) }),
        );
      else
        this.diag(
          env,
          diagnostic(
            "date-arithmetic",
            { file: env.file, span: e.opSpan },
            { op: e.op, left: ty(l.type), right: ty(r.type) },
          ),
        );
      return compare ? BOOL : ERR;
    }
    if (rule.dim === "bool") return BOOL;
    return num(rule.dim, e.op === "+" ? I.add(l.range, r.range) : I.sub(l.range, r.range));
  }

  private unitError(e: A.BinaryExpr, l: ExprInfo, r: ExprInfo, env: Env): void {
    this.diag(
      env,
      diagnostic(
        "unit-mismatch",
        { file: env.file, span: e.opSpan },
        { op: e.op, left: ty(l.type), right: ty(r.type) },
        [
          {
            file: env.file,
            span: e.left.span,
            message: { zh: `左侧为${ty(l.type).zh}`, en: `left side is ${ty(l.type).en}` },
          },
          {
            file: env.file,
            span: e.right.span,
            message: { zh: `右侧为${ty(r.type).zh}`, en: `right side is ${ty(r.type).en}` },
          },
        ],
      ),
    );
  }

  private call(e: A.CallExpr, env: Env): ExprInfo {
    const senv = this.sub(env);
    const name = builtin(e.callee.text);
    const args = e.args.map((a, i) =>
      name === "round" && i === 2 && roundingModeArg(a)
        ? { type: { kind: "text" as const }, range: I.FULL }
        : this.infer(a, senv),
    );
    const rule = name ? undefined : this.model.rules.get(e.callee.text);
    if (rule)
      return inferRuleCall(this, e, rule, env, args, (r) => declarationHasErrors(new Inferrer(this.model, this), r));
    if (!name) {
      const s = suggest(e.callee.text, [...builtinNames(), ...this.model.rules.keys()]);
      this.diag(
        env,
        diagnostic(
          "unknown-name",
          { file: env.file, span: e.callee.span },
          { name: e.callee.text, kind: "function", ...(s ? { suggestion: s } : {}) },
          [],
          s ? { suggestion: s } : undefined,
        ),
      );
      return ERR;
    }
    const arity = (lo: number, hi: number): boolean => {
      if (args.length < lo || args.length > hi) {
        this.diag(
          env,
          diagnostic(
            "wrong-arity",
            { file: env.file, span: e.span },
            {
              name: e.callee.text,
              expected: lo === hi ? `${lo}` : hi === Infinity ? `≥${lo}` : `${lo}–${hi}`,
              actual: args.length,
            },
          ),
        );
        return false;
      }
      return true;
    };
    if (args.some((a) => a.type.kind === "error"))
      return name === "count" || name === "len" ? num("count", I.NONNEG) : ERR;
    const first = args[0];
    const arrayArg = (): (ExprInfo & { type: { kind: "array" } }) | undefined => {
      if (!first) return undefined;
      if (first.type.kind !== "array") {
        this.diag(
          env,
          diagnostic(
            "type-mismatch",
            { file: env.file, span: e.args[0]?.span ?? e.span },
            { expected: W.array, actual: ty(first.type), context: e.callee.text },
          ),
        );
        return undefined;
      }
      return first as ExprInfo & { type: { kind: "array" } };
    };
    switch (name) {
      case "min":
      case "max": {
        if (!arity(1, Infinity)) return ERR;
        if (args.length === 1) {
          const a = arrayArg();
          if (!a) return ERR;
          return a.type.element.kind === "num" ? num(a.type.element.dim, a.range) : ERR;
        }
        let acc: ExprInfo | undefined;
        for (let i = 0; i < args.length; i++) {
          const a = args[i] as ExprInfo;
          if (!this.expectNum(a, e.args[i] as A.Expr, env, e.callee.text)) return ERR;
          if (!acc) {
            acc = a;
            continue;
          }
          const d = dimJoin((acc.type as { dim: Dim }).dim, a.type.dim);
          if (!d) {
            this.diag(
              env,
              diagnostic(
                "unit-mismatch",
                { file: env.file, span: (e.args[i] as A.Expr).span },
                { op: e.callee.text, left: ty(acc.type), right: ty(a.type) },
              ),
            );
            return ERR;
          }
          acc = num(d, name === "min" ? I.min(acc.range, a.range) : I.max(acc.range, a.range));
        }
        return acc ?? ERR;
      }
      case "sum":
      case "mean": {
        if (!arity(1, 1)) return ERR;
        const a = arrayArg();
        if (!a) return ERR;
        // A sum or mean of dates is no date (issue 11, kind 6): add the days between them instead.
        if (a.type.element.kind !== "num" || a.type.element.dim === "date") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.span },
              { expected: W.numberArray, actual: ty(a.type), context: e.callee.text },
            ),
          );
          return ERR;
        }
        const n = a.type.length;
        if (name === "mean") return num(a.type.element.dim, a.range);
        return num(
          a.type.element.dim,
          n !== undefined ? I.scale(a.range, n) : a.range.lo && a.range.lo.v.sign() >= 0 ? I.NONNEG : I.FULL,
        );
      }
      case "count": {
        if (!arity(1, 1)) return num("count", I.NONNEG);
        const a = arrayArg();
        if (a && a.type.element.kind !== "bool") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.span },
              { expected: W.boolArray, actual: ty(a.type), context: e.callee.text },
            ),
          );
        }
        return num("count", a?.type.length !== undefined ? I.closed(Exact.ZERO, Exact.int(a.type.length)) : I.NONNEG);
      }
      case "len": {
        if (!arity(1, 1)) return num("count", I.NONNEG);
        const a = arrayArg();
        return num("count", a?.type.length !== undefined ? I.point(Exact.int(a.type.length)) : I.NONNEG);
      }
      case "abs":
      case "floor":
      case "ceil": {
        if (!arity(1, 1) || !first || !this.expectNum(first, e.args[0] as A.Expr, env, e.callee.text)) return ERR;
        if (first.type.kind === "num" && first.type.dim === "date") {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: (e.args[0] as A.Expr).span },
              { expected: W.number, actual: ty(first.type), context: e.callee.text },
            ),
          );
          return ERR;
        }
        const f =
          name === "abs" ? (v: Exact) => v.abs() : name === "floor" ? (v: Exact) => v.floor() : (v: Exact) => v.ceil();
        const r =
          name === "abs"
            ? first.range.lo && first.range.lo.v.sign() >= 0
              ? first.range
              : I.max(first.range, I.neg(first.range))
            : I.widenToClosed(first.range, f);
        return num(first.type.dim, name === "abs" ? I.intersect(r, I.NONNEG) : r);
      }
      case "round": {
        if (!arity(2, 3) || !first || !this.expectNum(first, e.args[0] as A.Expr, env, e.callee.text)) return ERR;
        if (e.args[2] && !roundingModeArg(e.args[2])) {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.args[2].span },
              {
                expected: {
                  zh: "舍入方式（四舍五入、银行家舍入、舍去、进一）",
                  en: "a rounding mode (half-up, half-even, down, up)",
                },
                actual: W.expression,
                context: "round",
              },
            ),
          );
        }
        const digits = e.args[1] ? constValue(e.args[1]) : undefined;
        if (!digits || !digits.isInteger() || digits.sign() < 0) {
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.args[1]?.span ?? e.span },
              { expected: W.digits, actual: W.expression, context: "round" },
            ),
          );
          return num(first.type.dim, first.range);
        }
        return num(
          first.type.dim,
          I.widenToClosed(first.range, (v) => v.round(Number(digits.num), roundingModeArg(e.args[2]) ?? "half-up")),
        );
      }
      case "weighted_mean":
        return inferWeightedMean(e, args, {
          file: env.file,
          diag: (d) => this.diag(env, d),
          divisor: (total) => {
            const r = this.infer(total, senv).range;
            const guarded = env.relations.has(`nonzero:${exprKey(total)}`);
            this.recordDivision(total, r, env, guarded);
          },
        });
      case "clamp": {
        if (!arity(3, 3)) return ERR;
        for (let i = 0; i < 3; i++)
          if (!this.expectNum(args[i] as ExprInfo, e.args[i] as A.Expr, env, "clamp")) return ERR;
        const [x, lo, hi] = args as [ExprInfo, ExprInfo, ExprInfo];
        const d = dimJoin(
          (x.type as { dim: Dim }).dim,
          dimJoin((lo.type as { dim: Dim }).dim, (hi.type as { dim: Dim }).dim) ?? "plain",
        );
        return num(d ?? (x.type as { dim: Dim }).dim, I.min(I.max(x.range, lo.range), hi.range));
      }
    }
  }

  private bandsExpr(e: A.BandsExpr, env: Env): ExprInfo {
    const senv = this.sub(env);
    const subject = this.infer(e.subject, senv);
    this.expectNum(subject, e.subject, env, "bands");
    const sdim = subject.type.kind === "num" ? subject.type.dim : "plain";
    const values: ExprInfo[] = [];
    for (const arm of e.arms) {
      const bounds: A.Expr[] =
        arm.cond.kind === "compare"
          ? [arm.cond.value]
          : arm.cond.kind === "interval"
            ? [arm.cond.interval.lo, arm.cond.interval.hi]
            : [];
      for (const b of bounds) {
        const bi = this.infer(b, senv);
        if (constValue(b) === undefined) this.diag(env, diagnostic("band-bound", { file: env.file, span: b.span }, {}));
        else if (unitlessMoneyLiteral(sdim, b))
          this.diag(env, diagnostic("money-literal-unit", { file: env.file, span: b.span }, { text: exprKey(b) }));
        else if (bi.type.kind === "num" && subject.type.kind === "num" && !dimJoin(sdim, bi.type.dim)) {
          this.diag(
            env,
            diagnostic(
              "unit-mismatch",
              { file: env.file, span: b.span },
              { op: "bands", left: ty(subject.type), right: ty(bi.type) },
            ),
          );
        }
      }
      values.push(this.infer(arm.value, { ...env, ruleTop: false }));
    }
    this.bands.push({ file: env.file, bands: e, subject, report: env.report });
    return this.joinBranches(
      values,
      e.arms.map((a) => a.value),
      env,
    );
  }

  /** What the judged-rule checks need of this inferrer. */
  private get rules(): RuleContext {
    return { model: this.model, infer: (e, env) => this.infer(e, env), diag: (env, d) => this.diag(env, d) };
  }

  private tiersExpr(e: A.TiersExpr, env: Env): ExprInfo {
    if (e.scale) return inferScaledTiers({ ...e, scale: e.scale }, env, this.rules);
    const senv = this.sub(env);
    const subject = this.infer(e.subject, senv);
    const values: ExprInfo[] = [];
    let members: readonly string[] = [];
    if (subject.type.kind === "enum") members = subject.type.members;
    else if (subject.type.kind !== "error") {
      this.diag(
        env,
        diagnostic(
          "type-mismatch",
          { file: env.file, span: e.subject.span },
          { expected: W.enum, actual: ty(subject.type), context: "tiers" },
        ),
      );
    }
    const covered = new Set<string>();
    let hasOtherwise = false;
    for (const arm of e.arms) {
      if (arm.member) {
        if (subject.type.kind === "enum" && !members.includes(arm.member.text)) {
          const s = suggest(arm.member.text, members);
          this.diag(
            env,
            diagnostic(
              "unknown-name",
              { file: env.file, span: arm.member.span },
              { name: arm.member.text, kind: "enum member", ...(s ? { suggestion: s } : {}) },
              [],
              s ? { suggestion: s } : undefined,
            ),
          );
        }
        if (covered.has(arm.member.text))
          this.diag(
            env,
            diagnostic(
              "duplicate-name",
              { file: env.file, span: arm.member.span },
              { name: arm.member.text, kind: "enum member" },
            ),
          );
        covered.add(arm.member.text);
      } else hasOtherwise = true;
      values.push(this.infer(arm.value, { ...env, ruleTop: false }));
    }
    const missing = members.filter((m) => !covered.has(m));
    if (!hasOtherwise && missing.length > 0) {
      this.diag(env, diagnostic("tiers-missing", { file: env.file, span: e.span }, { members: missing.join(", ") }));
    }
    return this.joinBranches(
      values,
      e.arms.map((a) => a.value),
      env,
    );
  }

  private deduct(e: A.DeductPerExpr | A.DeductBeyondExpr, env: Env): ExprInfo {
    const senv = this.sub(env);
    if (!env.partPoints) {
      this.diag(env, diagnostic("misplaced-rule", { file: env.file, span: e.span }, { rule: "deduct" }));
    }
    const amount = this.infer(e.amount, senv);
    if (this.expectNum(amount, e.amount, env, "deduct") && !isPointsLike(amount.type.dim)) {
      this.diag(
        env,
        diagnostic(
          "type-mismatch",
          { file: env.file, span: e.amount.span },
          { expected: W.points, actual: ty(amount.type), context: "deduct" },
        ),
      );
    }
    if (e.kind === "DeductPer") {
      const c = this.infer(e.count, senv);
      if (this.expectNum(c, e.count, env, "deduct … per") && c.type.dim !== "count" && c.type.dim !== "plain") {
        this.diag(
          env,
          diagnostic(
            "type-mismatch",
            { file: env.file, span: e.count.span },
            { expected: W.count, actual: ty(c.type), context: "deduct … per" },
          ),
        );
      }
    } else {
      const step = this.infer(e.step, senv);
      const subject = this.infer(e.subject, senv);
      const threshold = this.infer(e.threshold, senv);
      if (
        this.expectNum(step, e.step, env, "per") &&
        this.expectNum(subject, e.subject, env, "of") &&
        this.expectNum(threshold, e.threshold, env, e.direction)
      ) {
        if (!dimJoin(subject.type.dim, step.type.dim))
          this.diag(
            env,
            diagnostic(
              "unit-mismatch",
              { file: env.file, span: e.step.span },
              { op: "per", left: ty(subject.type), right: ty(step.type) },
            ),
          );
        if (!dimJoin(subject.type.dim, threshold.type.dim))
          this.diag(
            env,
            diagnostic(
              "unit-mismatch",
              { file: env.file, span: e.threshold.span },
              { op: e.direction, left: ty(subject.type), right: ty(threshold.type) },
            ),
          );
        const sv = constValue(e.step);
        if (sv && sv.sign() <= 0)
          this.diag(
            env,
            diagnostic(
              "division-by-zero",
              { file: env.file, span: e.step.span },
              { divisor: "per", range: sv.toString() },
            ),
          );
      }
      if (!e.mode && (e.direction === "off" || e.cap || e.subjectFirst))
        this.diag(env, diagnostic("deduct-mode-missing", { file: env.file, span: e.step.span }, {}));
    }
    return num("points", this.deductRange(e, env, senv));
  }

  /** [points − the most the rule can deduct, points], floored at 0: a cap or a bounded count narrows it. */
  private deductRange(e: A.DeductPerExpr | A.DeductBeyondExpr, env: Env, senv: Env): I.Range {
    const points = env.partPoints;
    if (!points) return I.NONNEG;
    let most: Exact | undefined;
    if (e.cap) {
      const cap = this.infer(e.cap, senv);
      if (this.expectNum(cap, e.cap, env, "at most") && !isPointsLike(cap.type.dim)) {
        this.diag(
          env,
          diagnostic(
            "type-mismatch",
            { file: env.file, span: e.cap.span },
            { expected: W.points, actual: ty(cap.type), context: "at most" },
          ),
        );
      }
      const hi = cap.range.hi;
      if (hi && hi.v.sign() >= 0) most = hi.v;
    }
    const lo = most === undefined || most.gt(points) ? Exact.ZERO : points.sub(most);
    return I.closed(lo, points);
  }

  private achievement(e: A.AchievementExpr, env: Env): ExprInfo {
    const senv = this.sub(env);
    if (!env.partPoints)
      this.diag(env, diagnostic("misplaced-rule", { file: env.file, span: e.span }, { rule: "achievement" }));
    const points = env.partPoints ?? Exact.ZERO;
    const a = this.infer(e.actual, senv);
    let actual: ExprInfo | undefined;
    let target: ExprInfo | undefined;
    if (e.target) {
      const t = this.infer(e.target, senv);
      if (this.expectNum(a, e.actual, env, "achievement") && this.expectNum(t, e.target, env, "against")) {
        if (!dimJoin(a.type.dim, t.type.dim))
          this.diag(
            env,
            diagnostic(
              "unit-mismatch",
              { file: env.file, span: e.target.span },
              { op: "against", left: ty(a.type), right: ty(t.type) },
            ),
          );
        else if (a.type.dim === "points")
          this.diag(
            env,
            diagnostic(
              "type-mismatch",
              { file: env.file, span: e.actual.span },
              { expected: W.number, actual: ty(a.type), context: "achievement" },
            ),
          );
        actual = a;
        target = t;
      }
    } else if (a.type.kind === "record" && a.type.pair) {
      const el = [...a.type.fields.values()][0];
      const range = e.actual.kind === "Ref" && this.model.inputs.has(e.actual.name.text) ? a.range : I.FULL;
      if (el) actual = target = { type: el, range };
    } else if (a.type.kind !== "error") {
      this.diag(
        env,
        diagnostic("achievement-needs-target", { file: env.file, span: e.actual.span }, { actual: ty(a.type) }),
      );
    }
    let range: I.Range = I.closed(Exact.ZERO, points);
    if (actual && target) {
      const subject = exprText(e.actual);
      for (const [x, which] of [
        [actual, { zh: "实际值", en: "actual value" }],
        [target, { zh: "目标值", en: "target" }],
      ] as const) {
        if (x.range.lo === undefined || x.range.lo.v.sign() < 0)
          this.diag(
            env,
            diagnostic(
              "achievement-negative",
              { file: env.file, span: e.span },
              { subject, which, range: I.formatRange(x.range) },
            ),
          );
      }
      const denominator = e.direction === "higher" ? target : actual;
      const zeroPossible = I.mayBeZero(denominator.range);
      const which =
        e.direction === "higher"
          ? { zh: "目标值", en: "the target" }
          : { zh: "实际值（反向）", en: "the actual value (lower is better)" };
      if (zeroPossible && e.zero === undefined)
        this.diag(env, diagnostic("achievement-zero", { file: env.file, span: e.span }, { subject, which }));
      if (!zeroPossible && e.zero !== undefined)
        this.diag(
          env,
          diagnostic(
            "achievement-zero-unreachable",
            { file: env.file, span: e.zero !== "full" ? e.zero.span : e.span },
            { subject, which, range: I.formatRange(denominator.range) },
          ),
        );
      if (!zeroPossible) {
        // points × min(ratio, 1), with the ratio's range from the declared ranges.
        const ratio = e.direction === "higher" ? I.div(actual.range, target.range) : I.div(target.range, actual.range);
        range = I.intersect(I.mul(I.min(ratio, I.point(Exact.ONE)), I.point(points)), range);
        if (I.isEmpty(range)) range = I.closed(Exact.ZERO, points);
      }
    }
    if (e.zero !== undefined && e.zero !== "full") {
      const z = this.infer(e.zero, senv);
      if (this.expectNum(z, e.zero, env, "when 0") && !isPointsLike(z.type.dim)) {
        this.diag(
          env,
          diagnostic(
            "type-mismatch",
            { file: env.file, span: e.zero.span },
            { expected: W.points, actual: ty(z.type), context: "when 0" },
          ),
        );
      }
      if (actual && target && I.mayBeZero((e.direction === "higher" ? target : actual).range))
        range = I.union(range, z.range);
    }
    return num("points", range);
  }

  // ---- narrowing ----

  /** The environment in which `cond` is known to be `truthy`. */
  narrow(env: Env, cond: A.Expr, truthy: boolean): Env {
    const facts = new Map(env.facts);
    const relations = new Set(env.relations);
    this.collectFacts(cond, truthy, facts, relations, env);
    return { ...env, facts, relations, ruleTop: env.ruleTop };
  }

  private collectFacts(
    cond: A.Expr,
    truthy: boolean,
    facts: Map<string, I.Range>,
    relations: Set<string>,
    env: Env,
  ): void {
    if (cond.kind === "Unary" && cond.op === "not")
      return this.collectFacts(cond.operand, !truthy, facts, relations, env);
    if (cond.kind !== "Binary") return;
    if (cond.op === "and" || cond.op === "or") {
      if ((cond.op === "and") === truthy) {
        this.collectFacts(cond.left, truthy, facts, relations, env);
        this.collectFacts(cond.right, truthy, facts, relations, env);
      }
      return;
    }
    const ops: Record<string, string> = { "=": "!=", "!=": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">" };
    let op = truthy ? cond.op : ops[cond.op];
    if (!op) return;
    let subject = cond.left;
    let c = constValue(cond.right);
    if (c === undefined) {
      const lc = constValue(cond.left);
      if (lc !== undefined) {
        subject = cond.right;
        c = lc;
        const flip: Record<string, string> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!=" };
        op = flip[op] ?? op;
      }
    }
    if (c === undefined) {
      const l = exprKey(cond.left);
      const r = exprKey(cond.right);
      if (op === "<=" || op === "<" || op === "=") relations.add(`${l}<=${r}`);
      if (op === ">=" || op === ">" || op === "=") relations.add(`${r}<=${l}`);
      return;
    }
    const key = exprKey(subject);
    // "≠ 0" cannot always be an interval (x ∈ (-∞, ∞)): remember it as a fact of its own.
    if ((op === "!=" && c.isZero()) || ((op === ">" || op === "<") && c.isZero())) relations.add(`nonzero:${key}`);
    const current = facts.get(key) ?? this.peekRange(subject, env);
    let next: I.Range;
    switch (op) {
      case "=":
        next = I.intersect(current, I.point(c));
        break;
      case "!=":
        next = {
          ...(current.lo ? { lo: current.lo.v.eq(c) ? { v: c, closed: false } : current.lo } : {}),
          ...(current.hi ? { hi: current.hi.v.eq(c) ? { v: c, closed: false } : current.hi } : {}),
        };
        break;
      case ">":
        next = I.intersect(current, { lo: { v: c, closed: false } });
        break;
      case ">=":
        next = I.intersect(current, { lo: { v: c, closed: true } });
        break;
      case "<":
        next = I.intersect(current, { hi: { v: c, closed: false } });
        break;
      default:
        next = I.intersect(current, { hi: { v: c, closed: true } });
    }
    facts.set(key, next);
  }

  /** The range of an expression without recording it (used while narrowing). */
  private peekRange(e: A.Expr, env: Env): I.Range {
    if (e.kind === "Ref") {
      const local = env.locals.get(e.name.text);
      if (local) return local.range;
      const l = env.lets.get(e.name.text);
      if (l) return this.letInfo(l, env).range;
      if (this.model.inputs.has(e.name.text)) return this.inputRange(e.name.text);
    }
    return this.info.get(e)?.range ?? I.FULL;
  }
}

/** A non-zero plain literal next to money: 元 or 万元? The author must say. */
function unitlessMoneyLiteral(otherDim: Dim, e: A.Expr): boolean {
  return (
    otherDim === "money" && e.kind === "Number" && e.unit === undefined && !(Exact.parse(e.digits)?.isZero() ?? true)
  );
}

/** The range with a closed 0 end opened (a divisor known, or assumed, not to be 0). */
function withoutZero(r: I.Range): I.Range {
  return {
    ...(r.lo ? { lo: r.lo.v.isZero() ? { v: r.lo.v, closed: false } : r.lo } : {}),
    ...(r.hi ? { hi: r.hi.v.isZero() ? { v: r.hi.v, closed: false } : r.hi } : {}),
  };
}

function baseDim(t: ValueType): Dim | undefined {
  if (t.kind === "num") return t.dim;
  if (t.kind === "array") return baseDim(t.element);
  if (t.kind === "record" && t.pair) return baseDim([...t.fields.values()][0] ?? { kind: "error" });
  return undefined;
}

function isPointsLike(d: Dim): boolean {
  return d === "points" || d === "plain" || d === "ratio";
}

/** A bound written as a plain number on a 万元 input means 万元. */
function scaleMoney(v: Exact, bound: A.Expr, input: InputDef): Exact {
  if (input.moneyUnit === "万元" && bound.kind === "Number" && bound.unit === undefined) return v.mul(Exact.int(10000));
  return v;
}
