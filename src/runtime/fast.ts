/** The runtime of compiled scorers' specialised code: exact safe-integer arithmetic, fast readers, the skeleton. */
export * from "./fast-num.js";
export * from "./fast-input.js";
export * from "./fast-score.js";
export * from "./fast-report.js";
export { boundHolds } from "./bound-expr.js";
export * from "./fast-generic.js";
