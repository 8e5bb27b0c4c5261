/**
 * The reference evaluator: scores a checked rubric for one department.
 * Deliberately plain — this is the semantics compiled scorers must match:
 *   part      = `rounding part` of the rule, then clamp to [0, points]
 *   indicator = veto → 0; exempt → points; whole judgement; else Σ parts,
 *               then `rounding indicator`, then clamp to [0, points];
 *               an override replaces it (the computed score is kept)
 *   group     = Σ children;  total = Σ top level, then `rounding total`
 */
import { Exact } from "../../runtime/exact.js";
import type { Clamp, GradeCapReport, NodeReport, Report, Text } from "../../runtime/report.js";
import { capGrade } from "../../runtime/grade-caps.js";
import { scaleGroup } from "../../runtime/scaled.js";
import { applyAdjustments } from "../../runtime/adjust.js";
import { notApplicableNode, sharedNode } from "../../runtime/redistribute.js";
import { scoreShell, siblingPlan } from "./not-applicable.js";
import { INDICATOR_TEXT, PART_TEXT, clampPoints, trace as T } from "../../runtime/trace.js";
import type { CheckedRubric } from "../checked-rubric.js";
import type { GradeCapDef, IndicatorNode, LetDef, PartNode, RoundingSpec, TreeNode } from "../model/types.js";
import { Evaluator, exprText, type Judgement } from "./expr.js";
import { judgedSites } from "../model/judged.js";
import { EvalError, type Value } from "./values.js";
import type { PeerStats } from "../../runtime/peers.js";

export interface ScoringInput {
  readonly inputs: ReadonlyMap<string, Value>;
  readonly judgements: ReadonlyMap<PartNode, Judgement>;
  readonly wholeJudgements: ReadonlyMap<IndicatorNode, Judgement>;
  readonly overrides: ReadonlyMap<IndicatorNode, { readonly value: Exact; readonly reason: string }>;
  /** The statistics of the department's peers (issue 11, kind 7). */
  readonly peers?: PeerStats;
}

export const NO_JUDGEMENTS: Omit<ScoringInput, "inputs"> = {
  judgements: new Map(),
  wholeJudgements: new Map(),
  overrides: new Map(),
};

export interface ScoreResult {
  readonly report: Report;
  /** Final scores by node (null where scoring failed), for callers that compare numbers. */
  readonly scores: ReadonlyMap<TreeNode | PartNode, Exact | null>;
  readonly total: Exact | null;
  readonly failures: readonly { readonly node: IndicatorNode; readonly error: EvalError }[];
  /** A grade cap's condition could not be evaluated (issue 11, kind 4). */
  readonly gradeFailure?: EvalError;
}

const clamp = clampPoints;

function round(v: Exact, spec: RoundingSpec | undefined, trace: Text[], what: Text): Exact {
  if (!spec) return v;
  const r = v.round(spec.digits, spec.mode);
  if (!r.eq(v)) trace.push(T.rounded(what, v, spec.digits, spec.mode, r));
  return r;
}

export function scoreRubric(rubric: CheckedRubric, input: ScoringInput): ScoreResult {
  const { model, analysis } = rubric;
  const scores = new Map<TreeNode | PartNode, Exact | null>();
  const failures: { node: IndicatorNode; error: EvalError }[] = [];
  // One memo for the whole department: a rubric-level let is computed once, not once per indicator
  // (indicator lets are distinct declarations, so they never collide).
  const letValues = new Map<LetDef, Value>();
  const errors: { path: string; message: Text }[] = [];

  const isDeduction = (p: PartNode): boolean => judgedSites(p.rule).some((s) => s.deduction);

  const scoreIndicator = (ind: IndicatorNode): NodeReport => {
    const trace: Text[] = [];
    const clamps: Clamp[] = [];
    const lets = new Map(model.lets);
    for (const l of ind.lets) lets.set(l.name, l);
    const scope = {
      model,
      inputs: input.inputs,
      lets,
      letValues,
      tracedLets: new Set<LetDef>(),
      judgements: input.judgements,
      info: analysis.info,
      trace,
      file: ind.rulesFile,
      ...(input.peers ? { peers: input.peers } : {}),
    };
    const ev = new Evaluator(scope);
    const partReports: NodeReport[] = [];
    let status: NodeReport["status"];
    let judgedWhole: NodeReport["judged"];
    const override = input.overrides.get(ind);
    let computed: Exact | null = null;
    let adjusted: NodeReport["adjusted"];
    let error: EvalError | undefined;
    try {
      let raw: Exact | undefined;
      for (const v of ind.veto) {
        if (ev.bool(v.cond, new Map())) {
          trace.push(T.veto(exprText(v.cond)));
          status = "vetoed";
          raw = Exact.ZERO;
          break;
        }
      }
      if (!raw) {
        for (const x of ind.exempt) {
          if (ev.bool(x.cond, new Map())) {
            trace.push(T.exempt(exprText(x.cond)));
            status = "exempt";
            raw = ind.points;
            break;
          }
        }
      }
      const whole = input.wholeJudgements.get(ind);
      if (!raw && whole) {
        trace.push(T.wholeJudged(whole.value, whole.reason));
        judgedWhole = { value: whole.value.toString(), ...(whole.reason ? { reason: whole.reason } : {}) };
        raw = whole.value;
      }
      if (!raw) {
        let sum = Exact.ZERO;
        for (const p of ind.parts) {
          const ptrace: Text[] = [];
          const pclamps: Clamp[] = [];
          const pev = new Evaluator({ ...scope, trace: ptrace, part: p, file: p.file });
          const value = pev.eval(p.rule);
          // A condition as a rule (a checklist item met or not) scores all or nothing.
          if (value.k !== "bool" && value.k !== "num")
            throw new EvalError(
              "invalid",
              { zh: "得分项的值须为数值", en: "a part's value must be a number" },
              p.file,
              p.rule.span,
            );
          const v = value.k === "bool" ? (value.v ? p.points : Exact.ZERO) : value.v;
          if (value.k === "bool") ptrace.push(T.conditionRule(value.v));
          // Round first, clamp last: a rounding can never lift a score above its points.
          let s = round(v, model.rounding.part, ptrace, PART_TEXT);
          s = clamp(s, p.points, pclamps);
          const j = input.judgements.get(p);
          scores.set(p, s);
          sum = sum.add(s);
          partReports.push({
            kind: "part",
            path: p.path,
            name: p.name,
            ...(p.title ? { title: p.title } : {}),
            points: p.points.toString(),
            computed: s.toString(),
            score: s.toString(),
            ...(j
              ? {
                  judged: {
                    value: j.value.toString(),
                    ...(j.reason ? { reason: j.reason } : {}),
                    ...(isDeduction(p) ? { deduction: true } : {}),
                  },
                }
              : {}),
            clamps: pclamps,
            trace: ptrace,
            children: [],
          });
        }
        raw = sum;
      }
      let s = round(raw, model.rounding.indicator, trace, INDICATOR_TEXT);
      s = clamp(s, ind.points, clamps);
      // Issue 11, kind 2: bonuses and penalties on top of the base (not for a vetoed or exempt indicator).
      if (ind.adjust.length > 0 && status === undefined) {
        const items = ind.adjust.map((a) => {
          const v = ev.eval(a.rule);
          if (v.k !== "bool" && v.k !== "num")
            throw new EvalError(
              "invalid",
              { zh: "加分或减分须为数值", en: "a bonus or penalty must be a number" },
              a.file,
              a.rule.span,
            );
          return { which: a.which, cap: a.cap, value: v.v };
        });
        const adj = applyAdjustments(s, items);
        trace.push(...adj.trace);
        adjusted = { base: s.toString(), bonus: adj.bonus.toString(), penalty: adj.penalty.toString() };
        s = round(adj.score, model.rounding.indicator, trace, INDICATOR_TEXT);
      }
      computed = s;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      error = e;
    }
    const final = override ? override.value : computed;
    if (override) {
      trace.push(T.overridden(override.value, computed, override.reason));
    } else if (error) {
      failures.push({ node: ind, error });
      errors.push({ path: ind.path.join("."), message: error.text });
    }
    scores.set(ind, final);
    const errText =
      error && !override
        ? {
            error: {
              zh: `指标「${ind.path.join(".")}」：${error.text.zh}`,
              en: `indicator '${ind.path.join(".")}': ${error.text.en}`,
            },
          }
        : {};
    return {
      kind: "indicator",
      path: ind.path,
      name: ind.name,
      ...(ind.title ? { title: ind.title } : {}),
      points: ind.points.toString(),
      computed: computed?.toString() ?? null,
      score: final?.toString() ?? null,
      ...(adjusted ? { adjusted } : {}),
      ...(override ? { override: { value: override.value.toString(), reason: override.reason } } : {}),
      ...(judgedWhole ? { judged: judgedWhole } : {}),
      ...(status ? { status } : {}),
      clamps,
      trace,
      ...errText,
      children: partReports,
    };
  };

  // Issue 11, kind 1: whether a sibling is not applicable (its condition, unless an override decides it).
  const notApplicable = (ind: IndicatorNode): boolean => {
    const na = ind.notApplicable[0];
    if (!na || input.overrides.has(ind)) return false;
    const lets = new Map(model.lets);
    for (const l of ind.lets) lets.set(l.name, l);
    const ev = new Evaluator({
      model,
      inputs: input.inputs,
      lets,
      letValues,
      tracedLets: new Set<LetDef>(),
      judgements: input.judgements,
      info: analysis.info,
      trace: [],
      file: ind.rulesFile,
    });
    return ev.bool(na.cond, new Map());
  };

  const scoreSiblings = (nodes: readonly TreeNode[]): NodeReport[] => {
    const plan = siblingPlan(nodes, notApplicable);
    if (!plan) return nodes.map(scoreNode);
    return nodes.map((n, i) => {
      const failed = plan.failed.get(i);
      if (failed && n.kind === "indicator") return failedIndicator(n, failed);
      if (plan.active[i]) {
        scores.set(n, Exact.ZERO);
        return notApplicableNode(scoreShell(n), plan.shares.given[i], true);
      }
      const report = scoreNode(n);
      const eff = plan.shares.effective[i] as Exact;
      if (eff.eq(n.points)) return report;
      const shared = sharedNode(report, scores.get(n) ?? null, n.points, eff, plan.shares.received[i] ?? [], true);
      scores.set(n, shared.score);
      return shared.report;
    });
  };

  /** An indicator whose not-applicable condition could not be evaluated fails like any rule. */
  const failedIndicator = (ind: IndicatorNode, error: EvalError): NodeReport => {
    failures.push({ node: ind, error });
    errors.push({ path: ind.path.join("."), message: error.text });
    scores.set(ind, null);
    return scoreShell(ind, {
      zh: `指标「${ind.path.join(".")}」：${error.text.zh}`,
      en: `indicator '${ind.path.join(".")}': ${error.text.en}`,
    });
  };

  const scoreNode = (n: TreeNode): NodeReport => {
    if (n.kind === "indicator") return scoreIndicator(n);
    const children = scoreSiblings(n.children);
    let sum: Exact | null = Exact.ZERO;
    for (const c of n.children) {
      const s = scores.get(c);
      sum = sum && s ? sum.add(s) : null;
    }
    const trace: Text[] = [];
    let scaledFrom: NodeReport["scaledFrom"];
    let score = sum;
    if (n.scaledFrom && n.scaledFrom.sign() > 0) {
      if (sum) {
        const scaled = scaleGroup(sum, n.points, n.scaledFrom);
        score = scaled.score;
        trace.push(scaled.trace);
      }
      scaledFrom = { base: n.scaledFrom.toString(), sum: sum?.toString() ?? "—" };
    }
    scores.set(n, score);
    return {
      kind: "group",
      path: n.path,
      name: n.name,
      ...(n.title ? { title: n.title } : {}),
      points: n.points.toString(),
      computed: score?.toString() ?? null,
      score: score?.toString() ?? null,
      ...(scaledFrom ? { scaledFrom } : {}),
      clamps: [],
      trace,
      children,
    };
  };

  const tree = scoreSiblings(model.groups);
  let total: Exact | null = Exact.ZERO;
  for (const g of model.groups) {
    const s = scores.get(g);
    total = total && s ? total.add(s) : null;
  }
  if (total && model.rounding.total) total = total.round(model.rounding.total.digits, model.rounding.total.mode);
  let grade = total ? gradeOf(rubric, total) : null;
  let gradeCap: GradeCapReport | undefined;
  let gradeFailure: EvalError | undefined;
  if (grade && model.gradeCaps.length > 0) {
    try {
      const capped = capGrade(
        model.grades.map((g) => g.name),
        grade,
        model.gradeCaps.map((c) => ({
          grade: c.grade,
          text: exprText(c.cond),
          ...(c.reason ? { reason: c.reason } : {}),
        })),
        (i) => {
          const c = model.gradeCaps[i] as GradeCapDef;
          const scope = {
            model,
            inputs: input.inputs,
            lets: model.lets,
            letValues,
            tracedLets: new Set<LetDef>(),
            ...(input.peers ? { peers: input.peers } : {}),
          };
          const ev = new Evaluator({
            ...scope,
            judgements: input.judgements,
            info: analysis.info,
            trace: [],
            file: c.file,
          });
          return ev.bool(c.cond, new Map());
        },
      );
      grade = capped.grade;
      gradeCap = capped.cap;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      errors.push({ path: "grade", message: { zh: `等级上限：${e.text.zh}`, en: `grade cap: ${e.text.en}` } });
      gradeFailure = e;
      grade = null;
    }
  }
  const maxTotal = model.groups.reduce((a, g) => a.add(g.points), Exact.ZERO);
  return {
    report: {
      rubric: model.name,
      ...(model.year !== undefined ? { year: model.year } : {}),
      total: total?.toString() ?? null,
      maxTotal: maxTotal.toString(),
      grade,
      ...(gradeCap ? { gradeCap } : {}),
      tree,
      errors,
    },
    scores,
    total,
    failures,
    ...(gradeFailure ? { gradeFailure } : {}),
  };
}

export function gradeOf(rubric: CheckedRubric, total: Exact): string | null {
  for (const g of rubric.model.grades) {
    if (!g.threshold) return g.name;
    if (g.strict ? total.gt(g.threshold) : total.ge(g.threshold)) return g.name;
  }
  return null;
}
