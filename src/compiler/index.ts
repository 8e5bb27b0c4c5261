/** The front end's public interface: analyse documents, run examples, score. */
export {
  analyzeProgram,
  parseDocument,
  type Program,
  type SourceDocument,
  type CheckedRubric,
  type ParsedDocument,
} from "./program.js";
export { runExample, type ExampleResult, type Assertion } from "./examples/run.js";
export { scoreRubric, type ScoringInput, type ScoreResult } from "./evaluate/rubric.js";
export type { Diagnostic, Severity, Message, Lang } from "./diagnostics/diagnostic.js";
export { DIAGNOSTICS, type DiagnosticCode } from "./diagnostics/codes.js";
export { KEYWORDS } from "./syntax/keywords.js";
export { LineIndex } from "./util/line-index.js";
export { updateDocument, type TextEdit } from "./program.js";
