/** What scorers need at run time: exact numbers, the report shape, validation and the compiled-scorer skeleton. Imports nothing from the compiler. */
export { Exact, DivisionByZeroError, type RoundingMode } from "./exact.js";
export type { Report, NodeReport, Clamp, Text, GradeCapReport } from "./report.js";
export { ScoreError } from "./scorer.js";
export type {
  Scorer,
  ScoreInput,
  InputValue,
  InputError,
  InputErrorKind,
  InputSpec,
  InputTypeSpec,
  JudgedSpec,
  RubricMeta,
  ConvertedValue,
} from "./scorer.js";
export { convertInput, checkJudgements } from "./validate.js";
export * as rt from "./compiled.js";
export * as fx from "./fast.js";
export type { Totals } from "./fast-score.js";
export { PeerCollector, peerStat, type PeerStats, type PeerSubjectStats, type PeerSubjectSpec } from "./peers.js";
