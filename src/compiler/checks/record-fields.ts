/**
 * Issue 11, rule kind 5: constraints on the fields of a `list of { … }` input
 * are checked on every record, so they must be constants in the field's unit
 * (`资金: money(万元) > 0`, `执行率: ratio in [0, 100%]`); the money fields of
 * one list share a unit, the unit its plain numbers are read in.
 */
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { W, ty } from "../diagnostics/words.js";
import { constDim, constValue } from "../model/constants.js";
import { dimJoin } from "../analysis/infer.js";
import type { Dim, ValueType } from "../model/types.js";
import type { CheckContext } from "./context.js";

function fieldDim(t: A.TypeExpr): Dim | undefined {
  if (t.kind === "Money") return "money";
  if (t.kind !== "Prim") return undefined;
  if (t.prim === "number") return "plain";
  return t.prim === "bool" || t.prim === "text" ? undefined : t.prim;
}

function fieldType(t: ValueType, name: string): ValueType {
  const rec = t.kind === "array" ? t.element : t;
  return (rec.kind === "record" ? rec.fields.get(name) : undefined) ?? { kind: "error" };
}

export function checkRecordFields({ model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const input of model.inputs.values()) {
    if (input.file !== model.file || input.decl.type.kind !== "List") continue;
    const fields = input.decl.type.fields;
    const units = new Set(fields.flatMap((f) => (f.type.kind === "Money" ? [f.type.unit] : [])));
    if (units.size > 1)
      out.push(
        diagnostic("record-money-units", { file: input.file, span: input.decl.type.span }, { input: input.name }),
      );
    for (const f of fields) {
      const dim = fieldDim(f.type);
      for (const c of f.constraints) {
        const at = { file: input.file, span: c.span };
        if (dim === undefined) {
          out.push(
            diagnostic("type-mismatch", at, {
              expected: W.number,
              actual: ty(fieldType(input.type, f.name.text)),
              context: f.name.text,
            }),
          );
          continue;
        }
        const bounds = c.kind === "in" ? [c.interval.lo, c.interval.hi] : [c.bound];
        for (const b of bounds) {
          if (constValue(b) === undefined) {
            out.push(diagnostic("record-field-constraint", { file: input.file, span: b.span }, { field: f.name.text }));
            continue;
          }
          const bd = constDim(b);
          // A plain number takes the field's unit; `5%` on a count or `3万元` on a ratio does not fit.
          if (!dimJoin(dim, bd) || (dim === "date") !== (bd === "date"))
            out.push(
              diagnostic(
                "unit-mismatch",
                { file: input.file, span: b.span },
                {
                  op: c.kind === "in" ? "in" : c.op,
                  left: ty({ kind: "num", dim }),
                  right: ty({ kind: "num", dim: bd }),
                },
              ),
            );
        }
      }
    }
  }
  return out;
}
