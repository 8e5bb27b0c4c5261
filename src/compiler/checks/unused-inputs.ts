/**
 * An input nothing reads (no rule, let or other input's constraint) is
 * asked of every department for nothing: usually a leftover or a typo in
 * the rule that should read it. Reported where the input is declared, so an
 * input of a base rubric that the base reads is never reported in a derived
 * rubric that replaced the reading rule.
 */
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { inputUses, subExpressions } from "../model/uses.js";
import type { CheckContext } from "./context.js";

function refs(e: A.Expr, out: Set<string>): void {
  for (const x of subExpressions(e)) if (x.kind === "Ref") out.add(x.name.text);
}

export function checkUnusedInputs({ model }: CheckContext): Diagnostic[] {
  const read = new Set(inputUses(model).keys());
  for (const l of model.lets.values()) refs(l.value, read);
  for (const g of model.gradeCaps) refs(g.cond, read);
  for (const i of model.inputs.values()) {
    for (const c of i.decl.constraints) {
      if (c.kind === "compare") refs(c.bound, read);
      else {
        refs(c.interval.lo, read);
        refs(c.interval.hi, read);
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const i of model.inputs.values()) {
    if (i.file !== model.file || read.has(i.name) || model.base?.inputs.has(i.name)) continue;
    out.push(diagnostic("unused-input", { file: i.file, span: i.decl.name.span }, { input: i.name }));
  }
  return out;
}
