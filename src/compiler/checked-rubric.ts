/** A rubric built and analysed; its own file so that the evaluator and examples need not import program.ts. */
import type { RubricAnalysis } from "./analysis/analyze-rubric.js";
import type { AnyNode, Origin, RubricModel } from "./model/types.js";

export interface CheckedRubric {
  readonly model: RubricModel;
  readonly analysis: RubricAnalysis;
  readonly reweighted: ReadonlyMap<AnyNode, Origin>;
}
