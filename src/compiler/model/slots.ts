/**
 * Slots (`group 产出指标 50 slot`): a base rubric's group whose indicators each
 * department supplies in a derived rubric (`add 产出指标 indicator …`). Empty,
 * the base still checks (the slot counts at its points) but cannot be scored.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../syntax/ast.js";
import { walkTree } from "./paths.js";
import type { GroupNode, RubricModel } from "./types.js";

export function unfilledSlots(model: RubricModel): GroupNode[] {
  return [...walkTree(model.groups)].filter(
    (n): n is GroupNode => n.kind === "group" && n.slot === true && n.children.length === 0,
  );
}

/** Why the rubric cannot be scored, one diagnostic per empty slot (at `at`). */
export function slotDiagnostics(model: RubricModel, file: string, at: Span): Diagnostic[] {
  return unfilledSlots(model).map((g) =>
    diagnostic("slot-unfilled", { file, span: at }, { slot: g.path.join("."), points: g.points.toString() }, [
      { file: g.file, span: g.span, message: { zh: "预留于此", en: "declared here" } },
    ]),
  );
}
