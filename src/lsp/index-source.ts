/** What the symbol index reads from a snapshot: its own type, so that symbols.ts and snapshot.ts do not import each other. */
import type { PreparedExample } from "../compiler/examples/prepare.js";
import type { CheckedRubric, Program } from "../compiler/program.js";
import type * as A from "../compiler/syntax/ast.js";

export interface IndexSource {
  readonly program: Program;
  rubricOf(decl: A.RubricDecl): CheckedRubric | undefined;
  exampleOf(decl: A.ExampleDecl): PreparedExample | undefined;
}
