import type { RubricAnalysis } from "../analysis/analyze-rubric.js";
import type { AnyNode, Origin, RubricModel } from "../model/types.js";

/** What every check reads: the built model and the inference results. */
export interface CheckContext {
  readonly model: RubricModel;
  readonly reweighted: ReadonlyMap<AnyNode, Origin>;
  readonly analysis: RubricAnalysis;
}
