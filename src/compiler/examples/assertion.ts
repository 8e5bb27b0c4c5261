import type { Span } from "../syntax/ast.js";

/** One expectation of an example, checked: its own file so that outcome.ts and run.ts do not import each other. */
export interface Assertion {
  readonly label: string;
  readonly expected: string;
  readonly actual: string | null;
  readonly pass: boolean;
  readonly span: Span;
  /** The node's path, for showing its trace on failure. */
  readonly path?: readonly string[];
}
