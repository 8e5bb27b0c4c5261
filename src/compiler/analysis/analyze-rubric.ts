/**
 * Runs inference over every expression of a rubric in the environment it
 * is evaluated in: rubric lets and inputs, the indicator's lets, narrowed by
 * the indicator's `veto`/`exempt` conditions (parts run only when neither
 * holds).
 */
import { indicators } from "../model/paths.js";
import type { IndicatorNode, LetDef, PartNode, RubricModel } from "../model/types.js";
import { Inferrer, type Env, type ExprInfo, type Inference } from "./infer.js";

export interface RubricAnalysis extends Inference {
  readonly parts: Map<PartNode, ExprInfo>;
  readonly inferrer: Inferrer;
}

export function indicatorEnv(inf: Inferrer, model: RubricModel, ind: IndicatorNode): Env {
  const lets = new Map<string, LetDef>(model.lets);
  for (const l of ind.lets) lets.set(l.name, l);
  let env = inf.rootEnv(ind.rulesFile, lets);
  for (const c of [...ind.veto, ...ind.exempt]) env = inf.narrow(env, c.cond, false);
  return env;
}

export function analyzeRubric(model: RubricModel): RubricAnalysis {
  const inf = new Inferrer(model);
  const parts = new Map<PartNode, ExprInfo>();
  for (const l of model.lets.values()) inf.letInfo(l, inf.rootEnv(l.file));
  for (const ind of indicators(model.groups)) {
    const lets = new Map<string, LetDef>(model.lets);
    for (const l of ind.lets) lets.set(l.name, l);
    const base = inf.rootEnv(ind.rulesFile, lets);
    for (const c of [...ind.veto, ...ind.exempt]) {
      const ci = inf.infer(c.cond, base);
      if (ci.type.kind !== "bool" && ci.type.kind !== "error" && base.report) {
        // Conditions are reported like any other bool context.
        inf.infer({ kind: "Unary", op: "not", operand: c.cond, span: c.cond.span }, base);
      }
    }
    const env = indicatorEnv(inf, model, ind);
    for (const l of ind.lets) inf.letInfo(l, env);
    for (const p of ind.parts) {
      const partEnv: Env = { ...env, file: p.file, report: p.file === model.file, partPoints: p.points, ruleTop: true };
      parts.set(p, inf.infer(p.rule, partEnv));
    }
  }
  return { ...inf.result(), parts, inferrer: inf };
}
