/** What scorers need at run time: exact numbers and the report shape. Imports nothing from the compiler. */
export { Exact, DivisionByZeroError, type RoundingMode } from "./exact.js";
export type { Report, NodeReport, Clamp, Text } from "./report.js";
