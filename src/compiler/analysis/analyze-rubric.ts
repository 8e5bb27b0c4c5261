/**
 * Runs inference over every expression of a rubric in the environment it
 * is evaluated in: rubric lets and inputs, the indicator's lets, narrowed by
 * the indicator's `veto`/`exempt` conditions (parts run only when neither
 * holds).
 *
 * Each indicator is inferred on its own and cached by its declarations'
 * identity and the rubric context (inputs, lets, enums): after an edit that
 * re-parsed one indicator, only that indicator is inferred again.
 */
import type * as A from "../syntax/ast.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { indicators } from "../model/paths.js";
import { checkScaleDecl } from "../model/judged.js";
import type { AdjustDef, IndicatorNode, LetDef, PartNode, RubricModel } from "../model/types.js";
import { contextSignature, indicatorKey, indicatorSignature } from "../model/signature.js";
import { Inferrer, type BandSite, type DivisionSite, type Env, type ExprInfo, type Inference } from "./infer.js";

export interface RubricAnalysis extends Inference {
  readonly parts: Map<PartNode, ExprInfo>;
  /** Issue 11, kind 2: each bonus's and penalty's rule. */
  readonly adjust: Map<AdjustDef, ExprInfo>;
  readonly inferrer: Inferrer;
}

interface IndicatorInference {
  readonly context: string;
  readonly signature: string;
  readonly info: ReadonlyMap<A.Expr, ExprInfo>;
  readonly divisions: readonly DivisionSite[];
  readonly bands: readonly BandSite[];
  readonly diagnostics: readonly Diagnostic[];
  /** Part results in part order. */
  readonly parts: readonly ExprInfo[];
  readonly adjust: readonly ExprInfo[];
}

/** Per indicator (keyed by its first rule), per rubric that contains it (a base and its derived rubrics share indicators). */
const cache = new WeakMap<object, Map<string, IndicatorInference>>();

export function indicatorEnv(inf: Inferrer, model: RubricModel, ind: IndicatorNode): Env {
  const lets = new Map<string, LetDef>(model.lets);
  for (const l of ind.lets) lets.set(l.name, l);
  let env = inf.rootEnv(ind.rulesFile, lets);
  for (const c of [...ind.veto, ...ind.exempt, ...ind.notApplicable]) env = inf.narrow(env, c.cond, false);
  return env;
}

function inferIndicator(
  shared: Inferrer,
  model: RubricModel,
  ind: IndicatorNode,
  context: string,
  signature: string,
): IndicatorInference {
  const inf = new Inferrer(model, shared);
  const lets = new Map<string, LetDef>(model.lets);
  for (const l of ind.lets) lets.set(l.name, l);
  const base = inf.rootEnv(ind.rulesFile, lets);
  for (const c of [...ind.veto, ...ind.exempt, ...ind.notApplicable]) {
    const ci = inf.infer(c.cond, base);
    if (ci.type.kind !== "bool" && ci.type.kind !== "error" && base.report) {
      // Conditions are reported like any other bool context.
      inf.infer({ kind: "Unary", op: "not", operand: c.cond, span: c.cond.span }, base);
    }
  }
  const env = indicatorEnv(inf, model, ind);
  for (const l of ind.lets) inf.letInfo(l, env);
  const parts = ind.parts.map((p) =>
    inf.infer(p.rule, { ...env, file: p.file, report: p.file === model.file, partPoints: p.points, ruleTop: true }),
  );
  // A bonus or penalty is a plain value (no `judged`/`deduct` form: those belong to a part), clamped to [0, cap].
  const adjust = ind.adjust.map((a) =>
    inf.infer(a.rule, { ...env, file: a.file, report: a.file === model.file, ruleTop: false }),
  );
  // Rubric-level lets are reported once, by the rubric's own inference: drop repeats here.
  const own = inf.diagnostics.filter(
    (d) =>
      ![...model.lets.values()].some(
        (l) => d.file === l.file && d.span.start >= l.span.start && d.span.end <= l.span.end,
      ),
  );
  return {
    context,
    signature,
    info: inf.info,
    divisions: inf.divisions,
    bands: inf.bands,
    diagnostics: own,
    parts,
    adjust,
  };
}

export function analyzeRubric(model: RubricModel): RubricAnalysis {
  const root = new Inferrer(model);
  for (const l of model.lets.values()) root.letInfo(l, root.rootEnv(l.file));
  // Issue 11, kind 4: a grade cap's condition is a rubric-level condition (reported like `exempt when`'s).
  for (const g of model.gradeCaps) {
    const env = root.rootEnv(g.file);
    const ci = root.infer(g.cond, env);
    if (ci.type.kind !== "bool" && ci.type.kind !== "error" && env.report)
      root.infer({ kind: "Unary", op: "not", operand: g.cond, span: g.cond.span }, env);
  }
  const context = contextSignature(model);
  const info = new Map<A.Expr, ExprInfo>(root.info);
  const divisions: DivisionSite[] = [...root.divisions];
  const bands: BandSite[] = [...root.bands];
  const diagnostics: Diagnostic[] = [...root.diagnostics];
  for (const s of model.scales.values()) if (model.decl.items.includes(s.decl)) diagnostics.push(...checkScaleDecl(s));
  const parts = new Map<PartNode, ExprInfo>();
  const adjust = new Map<AdjustDef, ExprInfo>();
  for (const ind of indicators(model.groups)) {
    const signature = indicatorSignature(ind);
    const key = indicatorKey(ind);
    let perRubric = cache.get(key);
    if (!perRubric) {
      perRubric = new Map();
      cache.set(key, perRubric);
    }
    const rubricId = `${model.name}\u0000${model.year ?? ""}`;
    let r = perRubric.get(rubricId);
    if (!r || r.signature !== signature || r.context !== context) {
      r = inferIndicator(root, model, ind, context, signature);
      perRubric.set(rubricId, r);
    }
    // forEach, not for-of: no entry array per expression (a keystroke copies ~100,000 of them on a large rubric).
    r.info.forEach((i, e) => info.set(e, i));
    divisions.push(...r.divisions);
    bands.push(...r.bands);
    diagnostics.push(...r.diagnostics);
    ind.parts.forEach((p, i) => {
      const pi = r.parts[i];
      if (pi) parts.set(p, pi);
    });
    ind.adjust.forEach((a, i) => {
      const ai = r.adjust[i];
      if (ai) adjust.set(a, ai);
    });
  }
  return { info, divisions, bands, diagnostics, parts, adjust, inferrer: root };
}
