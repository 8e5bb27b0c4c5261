/** Children's points must add up to their parent's, and the top level to the declared total. */
import { Exact } from "../../runtime/exact.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { walkTree } from "../model/paths.js";
import type { AnyNode, GroupNode } from "../model/types.js";
import type { CheckContext } from "./context.js";

/** A scaled group (`折算 100`): a base above 0, and children adding up to it. */
function scaledSum(n: GroupNode, sum: Exact, file: string): Diagnostic[] {
  const base = n.scaledFrom as Exact;
  const at = n.file === file && n.scaledFromDecl ? { file, span: n.scaledFromDecl.span } : { file, span: n.span };
  if (base.sign() <= 0) return [diagnostic("scaled-base", at, { group: n.path.join(".") })];
  if (sum.eq(base)) return [];
  const args = { group: n.path.join("."), base: base.toString(), points: n.points.toString(), sum: sum.toString() };
  return [diagnostic("scaled-sum", at, args)];
}

export function checkWeights({ model, reweighted }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sumOf = (xs: readonly AnyNode[]): Exact => xs.reduce((a, c) => a.add(c.points), Exact.ZERO);
  for (const n of walkTree(model.groups)) {
    if (n.kind === "part") continue;
    const kids: readonly AnyNode[] = n.kind === "group" ? n.children : n.parts;
    // An indicator without parts has its own error (missing-rule); an empty group's points would silently count 0.
    if (kids.length === 0 && n.kind === "indicator") continue;
    if (n.kind === "indicator" && kids.length === 1 && kids[0]?.kind === "part" && kids[0].implicit) continue;
    const sum = sumOf(kids);
    if (n.kind === "group" && n.scaledFrom && n.scaledFromDecl) {
      // Issue 11, kind 3: the sum is checked in the base the children are written in.
      if (n.file === model.file || kids.some((k) => k.file === model.file)) out.push(...scaledSum(n, sum, model.file));
      continue;
    }
    if (sum.eq(n.points)) continue;
    const blame = reweighted.get(n) ?? kids.map((k) => reweighted.get(k)).find((o) => o !== undefined);
    const args = { node: n.path.join("."), points: n.points.toString(), sum: sum.toString() };
    if (n.kind === "group" && n.slot) {
      // A filled slot: the indicators supplied must add up to the points the base reserved.
      if (blame?.file === model.file || kids.some((k) => k.file === model.file)) {
        out.push(
          diagnostic(
            "slot-sum",
            blame?.file === model.file ? blame : { file: model.file, span: model.decl.name.span },
            { slot: args.node, points: args.points, sum: args.sum },
          ),
        );
      }
      continue;
    }
    if (blame && blame.file === model.file) {
      out.push(diagnostic("reweight-sum", blame, args));
    } else if (n.file === model.file || kids.some((k) => k.file === model.file)) {
      const related = kids.map((k) => ({
        file: k.file,
        span: k.pointsDecl.span,
        message: { zh: `${k.name}：${k.points.toString()}`, en: `${k.name}: ${k.points.toString()}` },
      }));
      out.push(
        diagnostic(
          "weight-sum",
          { file: model.file, span: n.file === model.file ? n.pointsDecl.span : model.decl.name.span },
          args,
          related,
          { expected: n.points.toString(), sum: sum.toString() },
        ),
      );
    }
  }
  if (model.total) {
    const sum = sumOf(model.groups);
    if (
      !sum.eq(model.total.value) &&
      (model.total.origin.file === model.file || model.groups.some((g) => g.file === model.file) || reweighted.size > 0)
    ) {
      const at =
        model.total.origin.file === model.file ? model.total.origin : { file: model.file, span: model.decl.name.span };
      out.push(diagnostic("total-mismatch", at, { total: model.total.value.toString(), sum: sum.toString() }));
    }
  }
  return out;
}
