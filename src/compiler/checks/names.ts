/** Sibling names in the tree and part names in an indicator must be unique. */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { walkTree } from "../model/paths.js";
import type { AnyNode } from "../model/types.js";
import type { CheckContext } from "./context.js";

export function checkNames({ model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (siblings: readonly AnyNode[]): void => {
    const seen = new Map<string, AnyNode>();
    for (const s of siblings) {
      const prev = seen.get(s.name);
      if (prev && s.file === model.file) {
        out.push(
          diagnostic(
            "duplicate-name",
            { file: s.file, span: s.span },
            { name: s.name, kind: s.kind === "part" ? "part" : "node" },
            [{ file: prev.file, span: prev.span, message: { zh: "首次定义于此", en: "first defined here" } }],
          ),
        );
      }
      seen.set(s.name, s);
    }
  };
  check(model.groups);
  for (const n of walkTree(model.groups)) {
    if (n.kind === "group") check(n.children);
    else if (n.kind === "indicator") check(n.parts);
  }
  return out;
}
