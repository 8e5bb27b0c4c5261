/**
 * The skeleton compiled scorers run on: a generated module supplies its
 * tree (names, points, rounding) and one function per indicator whose rules
 * are compiled to straight-line code over `Exact`; this file does the rest
 * exactly as the reference evaluator does (veto, exemption, whole
 * judgements, clamping, rounding, overrides, the report).
 */
import { weightedMean } from "./weighted-mean.js";
import { Exact, DivisionByZeroError, type RoundingMode } from "./exact.js";
import type { Clamp, GradeCapReport, NodeReport, Report, Text } from "./report.js";
import { capGrade, type GradeCapSpec } from "./grade-caps.js";
import { scaleGroup } from "./scaled.js";
import { notApplicableNode, redistribute, sharedNode, type ShareSource } from "./redistribute.js";
import { applyAdjustments } from "./adjust.js";
import { ScoreError, type ConvertedValue, type InputError, type RubricMeta, type ScoreInput } from "./scorer.js";
import {
  INDICATOR_TEXT,
  PART_TEXT,
  clampPoints,
  exprTrace,
  formatValue,
  pushOnce,
  showLetValue,
  trace,
  type Dim,
} from "./trace.js";
import { resolveJudgementPaths } from "./judgements.js";
import { peerStat, type PeerStatName, type PeerStats } from "./peers.js";

export { PeerCollector } from "./peers.js";
import { judgedTrace, scoreJudged, type Bounds, type JudgedKind } from "./judged-bounds.js";

export type { Bounds };
import {
  achievement as achievementRule,
  countDeduction,
  isProblem,
  stepDeduction,
  type Direction,
  type RuleOutcome,
  type StepMode,
} from "./step-rules.js";

export { Exact };

export interface Rounding {
  readonly digits: number;
  readonly mode: RoundingMode;
}

export interface IndicatorRules {
  readonly veto: readonly (() => boolean)[];
  readonly exempt: readonly (() => boolean)[];
  /** One per part: its raw value (a condition scores all or nothing). */
  readonly parts: readonly (() => Exact | boolean)[];
  /** Issue 11, kind 2: one per bonus or penalty, in the order of `IndicatorSpec.adjust`. */
  readonly adjust?: readonly (() => Exact | boolean)[];
  /** Issue 11, kind 1: the condition of `not applicable when …`. */
  readonly notApplicable?: () => boolean;
}

export interface PartSpec {
  readonly name: string;
  readonly title?: string;
  readonly path: readonly string[];
  readonly points: Exact;
  /** Index into `meta.judged` when the part is judged. */
  readonly judged?: number;
  /** The one part of an indicator written `score = …`: messages name the indicator. */
  readonly implicit?: boolean;
}

export interface IndicatorSpec {
  readonly kind: "indicator";
  readonly name: string;
  /** `path` joined with dots. */
  readonly pathText: string;
  readonly title?: string;
  readonly path: readonly string[];
  readonly points: Exact;
  readonly parts: readonly PartSpec[];
  readonly vetoText: readonly string[];
  readonly exemptText: readonly string[];
  /** Index into `meta.judged` when the indicator may be judged as a whole. */
  readonly wholeJudged?: number;
  readonly rules: (c: Ctx) => IndicatorRules;
  /** Issue 11, kind 2: bonuses and penalties with their caps. */
  readonly adjust?: readonly { readonly which: "bonus" | "penalty"; readonly cap: Exact }[];
  /** Issue 11, kind 1: when not applicable, the siblings (indices) its points go to. */
  readonly notApplicable?: ShareSource;
}

export interface GroupSpec {
  readonly kind: "group";
  readonly name: string;
  readonly title?: string;
  readonly path: readonly string[];
  readonly points: Exact;
  readonly children: readonly NodeSpec[];
  /** Issue 11, kind 3: the base the children are written in (`折算 100`). */
  readonly scaledFrom?: Exact;
}

export type NodeSpec = GroupSpec | IndicatorSpec;

export interface RubricSpec {
  readonly meta: RubricMeta;
  readonly tree: readonly NodeSpec[];
  readonly rounding: { readonly part?: Rounding; readonly indicator?: Rounding; readonly total?: Rounding };
  readonly grades: readonly { readonly name: string; readonly threshold?: Exact; readonly strict: boolean }[];
  /** Issue 11, kind 4: `grade at most … when …`, each with its condition compiled. */
  readonly gradeCaps?: readonly (GradeCapSpec & { readonly cond: (c: Ctx) => boolean })[];
}

/** A failure while scoring one indicator: a missing input, a zero divisor, a missing judgement. */
export class ScoreFailure extends Error {
  constructor(
    readonly kind: InputError["kind"],
    readonly text: Text,
    readonly field?: string,
  ) {
    super(text.en);
  }
}

type Native = Exact | boolean | string | readonly Native[] | { readonly [k: string]: Native };

/** A record value (an element of a `list of { … }` input). */
export type Rec = { readonly [field: string]: unknown };

/** Stands in generated code where the source had an error (never reached for a checked rubric). */
export function fail(what: string): never {
  throw new ScoreFailure("wrong-type", { zh: what, en: what });
}

function native(v: ConvertedValue): Native {
  switch (v.k) {
    case "array":
      return v.v.map(native);
    case "record":
      return Object.fromEntries([...v.v].map(([k, x]) => [k, native(x)]));
    default:
      return v.v;
  }
}

/** Per-record state handed to the compiled rules. */
export class Ctx {
  /** Trace lines of the part or indicator being evaluated (undefined when not explaining). */
  trace: Text[] | undefined;
  private part: PartSpec | undefined;
  private readonly letValues: unknown[] = [];
  /** Lets already traced for the indicator being scored (cleared per indicator). */
  readonly tracedLets = new Set<string>();

  constructor(
    private readonly inputs: readonly (Native | undefined)[],
    private readonly inputNames: readonly string[],
    readonly judgements: ReadonlyMap<
      number,
      { readonly value: Exact; readonly reason?: string; readonly full?: boolean }
    >,
    readonly explain: boolean,
  ) {}

  /** Value of input `i`; a missing input fails the indicator that needs it. */
  in(i: number): Native {
    const v = this.inputs[i];
    if (v === undefined) {
      const name = this.inputNames[i] ?? "?";
      throw new ScoreFailure("missing", { zh: `缺少输入「${name}」`, en: `missing input '${name}'` }, name);
    }
    return v;
  }

  /** A rubric-level let, computed once per record. */
  let<T>(i: number, f: () => T): T {
    if (i in this.letValues) return this.letValues[i] as T;
    const v = f();
    this.letValues[i] = v;
    return v;
  }

  /** A let's value, traced once per indicator; `key` tells rubric lets (R…) from the indicator's (l…). */
  letTrace<T>(key: string, name: string, text: string, dim: Dim, v: T): T {
    if (this.trace && !this.tracedLets.has(key)) {
      this.tracedLets.add(key);
      this.trace.push(exprTrace.letValue(name, text, showLetValue(v, dim)));
    }
    return v;
  }

  /** `min`/`max` of several arguments, traced when the first one is capped or raised. */
  bound(f: "min" | "max", dim: Dim, xs: readonly Exact[]): Exact {
    const v = fn[f](xs);
    if (this.trace && !v.eq(xs[0] as Exact))
      pushOnce(
        this.trace,
        exprTrace.bounded(
          f,
          xs.map((x) => formatValue(x, dim)),
          formatValue(v, dim),
        ),
      );
    return v;
  }

  /** Issue 11, rule kind 5: `weighted_mean(values, weights)`, refused and traced like the reference evaluator. */
  weightedMean(values: readonly Exact[], weights: readonly Exact[], dim: Dim, weightDim: Dim): Exact {
    const o = weightedMean(values, weights, { value: dim, weight: weightDim });
    if ("problem" in o) throw new ScoreFailure(o.problem === "zero-weight" ? "zero-denominator" : "wrong-type", o.text);
    if (this.trace) pushOnce(this.trace, o.trace());
    return o.value;
  }

  /** `floor`, `ceil` or `round` inside an expression, traced when it changes the value. */
  rounding(text: string, dim: Dim, x: Exact, f: (x: Exact) => Exact): Exact {
    const r = f(x);
    if (this.trace && !r.eq(x)) pushOnce(this.trace, exprTrace.rounded(text, formatValue(x, dim), formatValue(r, dim)));
    return r;
  }

  /** Issue 11, rule kind 7: the statistics of the department's peers, when given. */
  peers: PeerStats | undefined;

  /** Issue 11, rule kind 7: a peer statistic, traced like the reference evaluator. */
  peer(stat: PeerStatName, subject: string, dim: Dim, own: (() => Exact) | undefined, desc: boolean): Exact {
    const r = peerStat(this.peers, stat, subject, dim, this.peers && own ? own() : undefined, desc);
    if ("problem" in r) throw new ScoreFailure("missing", r.problem, "peers");
    if (this.trace) pushOnce(this.trace, r.trace);
    return r.value;
  }

  /** Issue 11, rule kind 6: date − date, in days, traced like the reference evaluator. */
  dateDiff(text: string, a: Exact, b: Exact): Exact {
    if (this.trace) pushOnce(this.trace, exprTrace.dateDiff(text, a, b));
    return a.sub(b);
  }

  div(a: Exact, b: Exact, divisor: string, field?: string): Exact {
    try {
      return a.div(b);
    } catch (e) {
      if (!(e instanceof DivisionByZeroError)) throw e;
      throw new ScoreFailure(
        "zero-denominator",
        { zh: `除数「${divisor}」为 0`, en: `the divisor '${divisor}' is 0` },
        field ?? divisor,
      );
    }
  }

  cond(value: boolean, text: string): boolean {
    this.trace?.push(trace.condition(text, value));
    return value;
  }

  /** A judged rule's score under the interval `b` that applies (see judged-bounds.ts). */
  judged(b: Bounds, what: JudgedKind = { kind: "plain" }, subject = ""): Exact {
    const p = this.part;
    const name = (p?.implicit ? p.path.slice(0, -1) : p?.path)?.join(".") ?? "?";
    const j = p?.judged !== undefined ? this.judgements.get(p.judged) : undefined;
    const r = scoreJudged(name, p?.points ?? Exact.ZERO, j, b, what, subject);
    if ("error" in r) throw new ScoreFailure(r.missing ? "missing" : "judgement-out-of-bounds", r.error, name);
    this.trace?.push(r.line);
    return r.value;
  }

  /** `judged by V { … }`: the interval of the arm for `member` (`null` stands for `otherwise`). */
  judgedBy(member: string, subject: string, arms: readonly (readonly [string | null, Bounds])[]): Exact {
    const arm = arms.find(([m]) => m === null || m === member);
    if (!arm)
      throw new ScoreFailure("wrong-type", {
        zh: `结论 ${member} 没有对应的评分范围`,
        en: `the verdict ${member} has no interval`,
      });
    return this.judged(arm[1], { kind: "verdict", verdict: member }, subject);
  }

  /** `deduct judged in b when C`: the points less the judged deduction when C holds, else the points. */
  judgedDeduct(holds: boolean, cond: string, b: Bounds): Exact {
    if (holds) return this.judged(b, { kind: "deduction" }, cond);
    this.trace?.push(judgedTrace.noDeduction(cond));
    return this.part?.points ?? Exact.ZERO;
  }

  band<T>(subject: string, x: Exact, dim: Dim, arm: string, result: T, show: (v: T) => string): T {
    this.trace?.push(trace.band(subject, formatValue(x, dim), arm, show(result)));
    return result;
  }

  noBand(subject: string, x: Exact, dim: Dim): never {
    const shown = formatValue(x, dim);
    throw new ScoreFailure("wrong-type", {
      zh: `${subject} = ${shown} 不属于任何分档`,
      en: `${subject} = ${shown} falls in no band`,
    });
  }

  /** A reusable rule's result, traced with its arguments (the body has already run). */
  rule<T>(name: string, args: readonly unknown[], result: T): T {
    this.trace?.push(
      trace.ruleCall(
        name,
        args.map((a) => fn.showAny(a)),
        fn.showAny(result),
      ),
    );
    return result;
  }

  tier<T>(subject: string, x: string, result: T, show: (v: T) => string): T {
    this.trace?.push(trace.tier(subject, x, show(result)));
    return result;
  }

  noTier(x: string): never {
    throw new ScoreFailure("wrong-type", { zh: `${x} 不属于任何分类`, en: `${x} matches no tier` });
  }

  deductPer(amount: Exact, n: Exact): Exact {
    const points = this.part?.points ?? Exact.ZERO;
    const v = points.sub(amount.mul(n));
    this.trace?.push(trace.deductPer(amount, n, points, v));
    return v;
  }

  deductBeyond(
    amount: Exact,
    step: Exact,
    x: Exact,
    t: Exact,
    direction: "over" | "under",
    texts: { subject: string; dim: Dim; stepDim: Dim; thresholdDim: Dim },
  ): Exact {
    const points = this.part?.points ?? Exact.ZERO;
    if (step.isZero())
      throw new ScoreFailure("zero-denominator", { zh: "扣分步长为 0", en: "the deduction step is 0" });
    const beyond = direction === "over" ? x.sub(t) : t.sub(x);
    const xs = this.trace ? formatValue(x, texts.dim) : "";
    const ts = this.trace ? formatValue(t, texts.thresholdDim) : "";
    if (beyond.sign() <= 0) {
      this.trace?.push(trace.noDeduction(texts.subject, xs, direction, ts));
      return points;
    }
    const d = amount.mul(beyond.div(step));
    const v = points.sub(d);
    this.trace?.push(
      trace.deductBeyond(
        texts.subject,
        xs,
        direction,
        ts,
        formatValue(beyond, texts.stepDim),
        formatValue(step, texts.stepDim),
        amount,
        d,
        points,
        v,
      ),
    );
    return v;
  }

  private ruleOutcome(o: RuleOutcome): Exact {
    if (isProblem(o)) throw new ScoreFailure(o.problem === "zero-step" ? "zero-denominator" : "wrong-type", o.text);
    this.trace?.push(o.trace());
    return o.value;
  }

  countDeduct(amount: Exact, n: Exact, cap: Exact): Exact {
    return this.ruleOutcome(countDeduction(this.part?.points ?? Exact.ZERO, amount, n, cap));
  }

  stepDeduct(
    amount: Exact,
    step: Exact,
    x: Exact,
    threshold: Exact,
    cap: Exact | undefined,
    texts: { direction: Direction; mode: StepMode; subject: string; dim: Dim },
  ): Exact {
    const points = this.part?.points ?? Exact.ZERO;
    return this.ruleOutcome(stepDeduction({ points, amount, step, x, threshold, ...(cap ? { cap } : {}), ...texts }));
  }

  achievement(
    actual: Exact,
    target: Exact,
    zero: "full" | (() => Exact) | undefined,
    texts: { direction: "higher" | "lower"; subject: string; dim: Dim },
  ): Exact {
    const points = this.part?.points ?? Exact.ZERO;
    const z = zero === "full" ? { zero: () => points } : zero ? { zero } : {};
    return this.ruleOutcome(achievementRule({ points, actual, target, ...z, ...texts }));
  }

  achievementPair(
    pair: Rec,
    zero: "full" | (() => Exact) | undefined,
    texts: { direction: "higher" | "lower"; subject: string; dim: Dim },
  ): Exact {
    return this.achievement(this.field<Exact>(pair, "实际"), this.field<Exact>(pair, "目标"), zero, texts);
  }

  index<T>(arr: readonly T[], i: Exact): T {
    if (!i.isInteger() || i.lt(Exact.ONE) || i.gt(Exact.int(arr.length))) {
      throw new ScoreFailure("wrong-type", {
        zh: `下标 ${i.toString()} 超出 1..${arr.length}`,
        en: `index ${i.toString()} is outside 1..${arr.length}`,
      });
    }
    return arr[Number(i.num) - 1] as T;
  }

  field<T>(rec: Rec, name: string): T {
    const v = rec[name];
    if (v === undefined)
      throw new ScoreFailure(
        "missing",
        { zh: `记录缺少字段「${name}」`, en: `the record has no field '${name}'` },
        name,
      );
    return v as T;
  }

  setPart(p: PartSpec | undefined): void {
    this.part = p;
  }
}

// ---- built-in functions over exact numbers ----

export const fn = {
  min(xs: readonly Exact[]): Exact {
    if (xs.length === 0)
      throw new ScoreFailure("wrong-type", { zh: "空数组没有最值", en: "an empty array has no min or max" });
    return xs.reduce((a, b) => Exact.min(a, b));
  },
  max(xs: readonly Exact[]): Exact {
    if (xs.length === 0)
      throw new ScoreFailure("wrong-type", { zh: "空数组没有最值", en: "an empty array has no min or max" });
    return xs.reduce((a, b) => Exact.max(a, b));
  },
  sum(xs: readonly Exact[]): Exact {
    return xs.reduce((a, b) => a.add(b), Exact.ZERO);
  },
  mean(xs: readonly Exact[]): Exact {
    if (xs.length === 0)
      throw new ScoreFailure("zero-denominator", { zh: "空数组没有平均值", en: "an empty array has no mean" });
    return xs.reduce((a, b) => a.add(b), Exact.ZERO).div(Exact.int(xs.length));
  },
  count(xs: readonly boolean[]): Exact {
    return Exact.int(xs.filter((x) => x).length);
  },
  len(xs: readonly unknown[]): Exact {
    return Exact.int(xs.length);
  },
  clamp(x: Exact, lo: Exact, hi: Exact): Exact {
    return Exact.min(Exact.max(x, lo), hi);
  },
  showNum(_dim: Dim): (v: Exact) => string {
    return (v) => v.toString(6);
  },
  showAny(v: unknown): string {
    if (v instanceof Exact) return v.toString(6);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "string") return v;
    return JSON.stringify(v);
  },
};

// ---- scoring ----

function resolveJudgements(
  meta: RubricMeta,
  byPath: ReadonlyMap<string, { value: Exact; reason?: string }>,
): Map<number, { value: Exact; reason?: string; full?: boolean }> {
  const out = new Map<number, { value: Exact; reason?: string; full?: boolean }>();
  meta.judged.forEach((s, i) => {
    const j = byPath.get(s.path);
    if (j) out.set(i, j);
  });
  return out;
}

type MutableNode = { -readonly [K in keyof NodeReport]: NodeReport[K] };

/** What `judge rest full` gives a judged part, parsed once per rubric: its best score (the least deduction). */
const maxima = new WeakMap<RubricMeta, Exact[]>();
export function judgedMax(meta: RubricMeta, i: number): Exact {
  let m = maxima.get(meta);
  if (!m) {
    m = meta.judged.map((j) => Exact.parse(j.deduction ? j.min : j.max) ?? Exact.ZERO);
    maxima.set(meta, m);
  }
  return m[i] ?? Exact.ZERO;
}

/** Text of the rubric's constant points, formatted once. */
const pointsText = new WeakMap<Exact, string>();
function constantText(v: Exact): string {
  let t = pointsText.get(v);
  if (t === undefined) {
    t = v.toString();
    pointsText.set(v, t);
  }
  return t;
}

/** What only some report nodes carry, set between `score` and `clamps` (NodeReport's order, which the reference evaluator's reports follow too). */
export interface NodeExtras {
  adjusted?: NodeReport["adjusted"];
  scaledFrom?: NodeReport["scaledFrom"];
  override?: NodeReport["override"];
  judged?: NodeReport["judged"];
  status?: NodeReport["status"];
  error?: Text;
}

/**
 * A report node, keys in NodeReport's order so that JSON output is the same
 * whichever scorer made it (no object spreads: this runs for every node of every department).
 */
export function reportNode(
  kind: NodeReport["kind"],
  spec: { readonly name: string; readonly title?: string; readonly path: readonly string[]; readonly points: Exact },
  computed: string | null,
  score: string | null,
  clamps: Clamp[],
  trace: Text[],
  children: NodeReport[],
  extras?: NodeExtras,
): MutableNode {
  const points = constantText(spec.points);
  const n = (
    spec.title === undefined
      ? { kind, path: spec.path, name: spec.name, points, computed, score }
      : { kind, path: spec.path, name: spec.name, title: spec.title, points, computed, score }
  ) as MutableNode;
  if (extras) {
    if (extras.adjusted) n.adjusted = extras.adjusted;
    if (extras.scaledFrom) n.scaledFrom = extras.scaledFrom;
    if (extras.override) n.override = extras.override;
    if (extras.judged) n.judged = extras.judged;
    if (extras.status) n.status = extras.status;
  }
  n.clamps = clamps;
  n.trace = trace;
  if (extras?.error) n.error = extras.error;
  n.children = children;
  return n;
}

function round(v: Exact, r: Rounding | undefined, tr: Text[] | undefined, what: Text): Exact {
  if (!r) return v;
  const out = v.round(r.digits, r.mode);
  if (tr && !out.eq(v)) tr.push(trace.rounded(what, v, r.digits, r.mode, out));
  return out;
}

export function scoreWith(
  spec: RubricSpec,
  values: ReadonlyMap<string, ConvertedValue>,
  input: ScoreInput,
  explain: boolean,
  peers?: PeerStats,
): Report {
  const names = spec.meta.inputs.map((i) => i.name);
  const natives = names.map((n) => {
    const v = values.get(n);
    return v === undefined ? undefined : native(v);
  });
  const resolved = resolveJudgementPaths(spec.meta, input);
  const judgements = resolveJudgements(spec.meta, resolved.judgements);
  const restFull = input.judgeRestFull === true;
  const ctx = new Ctx(natives, names, judgements, explain);
  ctx.peers = peers;
  const failures: InputError[] = [];
  const scores = new Map<NodeSpec, Exact | null>();

  const indicator = (ind: IndicatorSpec): NodeReport => {
    const tr: Text[] | undefined = explain ? [] : undefined;
    const clamps: Clamp[] = [];
    const partReports: NodeReport[] = [];
    const path = ind.pathText;
    const override = resolved.overrides.size > 0 ? resolved.overrides.get(path) : undefined;
    let status: NodeReport["status"];
    let judgedWhole: NodeReport["judged"];
    let computed: Exact | null = null;
    let adjusted: NodeReport["adjusted"];
    let failure: ScoreFailure | undefined;
    ctx.trace = tr;
    ctx.tracedLets.clear();
    ctx.setPart(undefined);
    try {
      const rules = ind.rules(ctx);
      let raw: Exact | undefined;
      for (let i = 0; i < rules.veto.length && !raw; i++) {
        if ((rules.veto[i] as () => boolean)()) {
          tr?.push(trace.veto(ind.vetoText[i] ?? ""));
          status = "vetoed";
          raw = Exact.ZERO;
        }
      }
      for (let i = 0; i < rules.exempt.length && !raw; i++) {
        if ((rules.exempt[i] as () => boolean)()) {
          tr?.push(trace.exempt(ind.exemptText[i] ?? ""));
          status = "exempt";
          raw = ind.points;
        }
      }
      const whole = ind.wholeJudged !== undefined ? judgements.get(ind.wholeJudged) : undefined;
      if (!raw && whole) {
        tr?.push(trace.wholeJudged(whole.value, whole.reason));
        judgedWhole = whole.reason
          ? { value: whole.value.toString(), reason: whole.reason }
          : { value: whole.value.toString() };
        raw = whole.value;
      }
      if (!raw) {
        let sum = Exact.ZERO;
        for (let i = 0; i < ind.parts.length; i++) {
          const p = ind.parts[i] as PartSpec;
          const ptr: Text[] | undefined = explain ? [] : undefined;
          const pclamps: Clamp[] = [];
          ctx.trace = ptr;
          ctx.setPart(p);
          if (p.judged !== undefined && restFull && !judgements.has(p.judged)) {
            (judgements as Map<number, { value: Exact; full: boolean }>).set(p.judged, {
              value: judgedMax(spec.meta, p.judged),
              full: true,
            });
          }
          const value = (rules.parts[i] as () => Exact | boolean)();
          let v: Exact;
          if (typeof value === "boolean") {
            ptr?.push(trace.conditionRule(value));
            v = value ? p.points : Exact.ZERO;
          } else v = value;
          // Same order as the reference evaluator: round, then clamp to [0, points].
          let sp = round(v, spec.rounding.part, ptr, PART_TEXT);
          sp = clampPoints(sp, p.points, pclamps);
          sum = sum.add(sp);
          const text = sp.toString();
          const jr = p.judged !== undefined ? judgements.get(p.judged) : undefined;
          let judged: { value: string; reason?: string; deduction?: boolean } | undefined;
          if (jr) {
            judged = { value: jr.value.toString() };
            if (jr.reason) judged.reason = jr.reason;
            if (p.judged !== undefined && spec.meta.judged[p.judged]?.deduction) judged.deduction = true;
          }
          const node = reportNode("part", p, text, text, pclamps, ptr ?? [], [], judged ? { judged } : undefined);
          partReports.push(node);
        }
        ctx.trace = tr;
        ctx.setPart(undefined);
        raw = sum;
      }
      let si = round(raw, spec.rounding.indicator, tr, INDICATOR_TEXT);
      si = clampPoints(si, ind.points, clamps);
      if (ind.adjust && ind.adjust.length > 0 && status === undefined) {
        const fns = rules.adjust ?? [];
        const items = ind.adjust.map((a, i) => ({
          which: a.which,
          cap: a.cap,
          value: (fns[i] as () => Exact | boolean)(),
        }));
        const adj = applyAdjustments(si, items);
        tr?.push(...adj.trace);
        adjusted = { base: si.toString(), bonus: adj.bonus.toString(), penalty: adj.penalty.toString() };
        si = round(adj.score, spec.rounding.indicator, tr, INDICATOR_TEXT);
      }
      computed = si;
    } catch (e) {
      if (!(e instanceof ScoreFailure)) throw e;
      failure = e;
    }
    const final = override ? override.value : computed;
    if (override) tr?.push(trace.overridden(override.value, computed, override.reason));
    else if (failure) {
      failures.push({
        kind: failure.kind,
        field: failure.field ?? path,
        indicators: [path],
        message: { zh: `指标「${path}」：${failure.text.zh}`, en: `indicator '${path}': ${failure.text.en}` },
      });
    }
    scores.set(ind, final);
    const computedText = computed?.toString() ?? null;
    const extras: NodeExtras = {};
    if (adjusted) extras.adjusted = adjusted;
    if (override) extras.override = { value: override.value.toString(), reason: override.reason };
    if (judgedWhole) extras.judged = judgedWhole;
    if (status) extras.status = status;
    if (failure && !override)
      extras.error = { zh: `指标「${path}」：${failure.text.zh}`, en: `indicator '${path}': ${failure.text.en}` };
    const node = reportNode(
      "indicator",
      ind,
      computedText,
      override ? override.value.toString() : computedText,
      clamps,
      tr ?? [],
      partReports,
      extras,
    );
    return node;
  };

  // Issue 11, kind 1: siblings not applicable give their points to others (an override decides an indicator).
  const applicable = (n: IndicatorSpec): boolean => {
    if (!n.notApplicable || n.notApplicable.targets.length === 0 || resolved.overrides.has(n.pathText)) return true;
    ctx.trace = undefined;
    ctx.tracedLets.clear();
    ctx.setPart(undefined);
    return !(n.rules(ctx).notApplicable?.() ?? false);
  };
  const siblings = (nodes: readonly NodeSpec[]): NodeReport[] => {
    if (!nodes.some((n) => n.kind === "indicator" && n.notApplicable)) return nodes.map(node);
    const failed = new Map<number, ScoreFailure>();
    const active = nodes.map((n, i) => {
      if (n.kind !== "indicator") return false;
      try {
        return !applicable(n);
      } catch (e) {
        if (!(e instanceof ScoreFailure)) throw e;
        failed.set(i, e);
        return false;
      }
    });
    const shares = redistribute(
      nodes.map((n) =>
        n.kind === "indicator" && n.notApplicable
          ? { name: n.name, points: n.points, na: n.notApplicable }
          : { name: n.name, points: n.points },
      ),
      active,
    );
    return nodes.map((n, i) => {
      const f = failed.get(i);
      if (f && n.kind === "indicator") {
        const path = n.pathText;
        const message = { zh: `指标「${path}」：${f.text.zh}`, en: `indicator '${path}': ${f.text.en}` };
        failures.push({ kind: f.kind, field: f.field ?? path, indicators: [path], message });
        scores.set(n, null);
        return reportNode("indicator", n, null, null, [], [], [], { error: message });
      }
      if (active[i]) {
        scores.set(n, Exact.ZERO);
        return notApplicableNode(reportNode(n.kind, n, null, null, [], [], []), shares.given[i], explain);
      }
      const r = node(n);
      const eff = shares.effective[i] as Exact;
      if (eff.eq(n.points)) return r;
      const shared = sharedNode(r, scores.get(n) ?? null, n.points, eff, shares.received[i] ?? [], explain);
      scores.set(n, shared.score);
      return shared.report;
    });
  };

  const node = (n: NodeSpec): NodeReport => {
    if (n.kind === "indicator") return indicator(n);
    const children = siblings(n.children);
    let sum: Exact | null = Exact.ZERO;
    for (const c of n.children) {
      const s = scores.get(c);
      sum = sum && s ? sum.add(s) : null;
    }
    let score = sum;
    const tr: Text[] = [];
    let extras: NodeExtras | undefined;
    if (n.scaledFrom) {
      if (sum) {
        const scaled = scaleGroup(sum, n.points, n.scaledFrom);
        score = scaled.score;
        if (explain) tr.push(scaled.trace);
      }
      extras = { scaledFrom: { base: n.scaledFrom.toString(), sum: sum?.toString() ?? "—" } };
    }
    scores.set(n, score);
    const text = score?.toString() ?? null;
    return reportNode("group", n, text, text, [], tr, children, extras);
  };

  const tree = siblings(spec.tree);
  if (failures.length > 0) throw new ScoreError(failures);
  let total = Exact.ZERO;
  for (const n of spec.tree) total = total.add(scores.get(n) ?? Exact.ZERO);
  if (spec.rounding.total) total = total.round(spec.rounding.total.digits, spec.rounding.total.mode);
  let grade: string | null = null;
  for (const g of spec.grades) {
    if (!g.threshold || (g.strict ? total.gt(g.threshold) : total.ge(g.threshold))) {
      grade = g.name;
      break;
    }
  }
  let gradeCap: GradeCapReport | undefined;
  const caps = spec.gradeCaps ?? [];
  if (grade !== null && caps.length > 0) {
    ctx.trace = undefined;
    ctx.setPart(undefined);
    try {
      const capped = capGrade(
        spec.grades.map((g) => g.name),
        grade,
        caps,
        (i) => (caps[i] as { cond: (c: Ctx) => boolean }).cond(ctx),
      );
      grade = capped.grade;
      gradeCap = capped.cap;
    } catch (e) {
      if (!(e instanceof ScoreFailure)) throw e;
      throw new ScoreError([
        {
          kind: e.kind,
          field: e.field ?? "grade",
          indicators: [],
          message: { zh: `等级上限：${e.text.zh}`, en: `grade cap: ${e.text.en}` },
        },
      ]);
    }
  }
  return {
    rubric: spec.meta.name,
    ...(spec.meta.year !== undefined ? { year: spec.meta.year } : {}),
    total: total.toString(),
    maxTotal: spec.meta.total,
    grade,
    ...(gradeCap ? { gradeCap } : {}),
    tree,
    errors: [],
  };
}

/**
 * Issue 11, rule kind 7: a department's value of each peer subject, for the peers' statistics. A subject
 * that fails (a missing input, a zero divisor) leaves this department out of that subject's statistics.
 */
export function peerRow(
  meta: RubricMeta,
  subjects: readonly ((c: Ctx) => Exact)[],
  values: ReadonlyMap<string, ConvertedValue>,
): (Exact | undefined)[] {
  const names = meta.inputs.map((i) => i.name);
  const natives = names.map((n) => {
    const v = values.get(n);
    return v === undefined ? undefined : native(v);
  });
  const ctx = new Ctx(natives, names, new Map(), false);
  return subjects.map((f) => {
    try {
      return f(ctx);
    } catch {
      return undefined;
    }
  });
}
