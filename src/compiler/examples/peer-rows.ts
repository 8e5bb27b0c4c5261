/** Issue 11, rule kind 7: the other departments of an example (`given peer { … }`) keep their inputs' constraints. */
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RubricModel } from "../model/types.js";
import type { Value } from "../evaluate/values.js";
import { violatedConstraint } from "./given.js";

export function peerConstraintDiagnostics(
  model: RubricModel,
  rows: readonly ReadonlyMap<string, Value>[],
  entries: readonly ReadonlyMap<string, A.GivenEntry>[],
  file: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  rows.forEach((row, i) => {
    for (const [name, value] of row) {
      const input = model.inputs.get(name);
      const g = entries[i]?.get(name);
      const bad = input && g ? violatedConstraint(input, value, row, model) : undefined;
      if (bad && g)
        out.push(
          diagnostic(
            "given-constraint",
            { file, span: g.value.span },
            { input: name, value: bad.value, constraint: bad.constraint },
          ),
        );
    }
  });
  return out;
}
