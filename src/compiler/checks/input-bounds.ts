/**
 * An input's bound written over other inputs (`<= 甲 + 乙`, `= 甲 + 乙`) is
 * enforced on every department's data, so it must name inputs that exist
 * and be in the input's unit: a 万元 total bounded by a count is a typo, not
 * a rule. Constant bounds are read in the input's unit and need no check.
 */
import type * as A from "../syntax/ast.js";
import { Inferrer } from "../analysis/infer.js";
import { constValue } from "../model/constants.js";
import type { Dim, ValueType } from "../model/types.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ty } from "../diagnostics/words.js";
import type { CheckContext } from "./context.js";

function scalarDim(t: ValueType): Dim | undefined {
  if (t.kind === "num") return t.dim;
  if (t.kind === "array") return scalarDim(t.element);
  if (t.kind === "record" && t.pair) return scalarDim([...t.fields.values()][0] ?? { kind: "error" });
  return undefined;
}

export function checkInputBounds({ model, analysis }: CheckContext): Diagnostic[] {
  const inf = new Inferrer(model, analysis.inferrer);
  const out: Diagnostic[] = [];
  for (const input of model.inputs.values()) {
    if (input.file !== model.file) continue;
    const want = scalarDim(input.type);
    const bounds: A.Expr[] = input.decl.constraints.flatMap((c) =>
      c.kind === "compare" ? [c.bound] : [c.interval.lo, c.interval.hi],
    );
    for (const b of bounds) {
      if (constValue(b)) continue;
      const got = inf.infer(b, inf.rootEnv(input.file)).type;
      const dim = scalarDim(got);
      // A plain number (a factor, a bare count) is read in the input's unit.
      if (got.kind === "error" || !want || dim === want || dim === "plain" || want === "plain") continue;
      out.push(
        diagnostic(
          "type-mismatch",
          { file: input.file, span: b.span },
          {
            expected: ty({ kind: "num", dim: want }),
            actual: ty(got),
            context: { zh: `输入「${input.name}」的界限`, en: `the bound of input '${input.name}'` },
          },
        ),
      );
    }
  }
  return [...inf.diagnostics, ...out];
}
