/**
 * Issue 11, rule kind 1: `not applicable when C share … among A, B` names
 * siblings (nodes under the same parent) other than itself, once each, with
 * points to scale; shares never go round in a cycle; an indicator is either
 * exempt (full points) or shares its points, not both. The points still add
 * up as written: a share moves weight between siblings, so their sum — and
 * every sum above — is unchanged (the shares are exact rationals).
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggest } from "../util/suggest.js";
import { walkTree } from "../model/paths.js";
import type { IndicatorNode, TreeNode } from "../model/types.js";
import type { CheckContext } from "./context.js";

export function checkRedistribution({ model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const levels: (readonly TreeNode[])[] = [model.groups];
  for (const n of walkTree(model.groups)) if (n.kind === "group") levels.push(n.children);
  for (const level of levels) {
    const byName = new Map(level.map((n) => [n.name, n]));
    const edges = new Map<string, string[]>();
    for (const ind of level) {
      if (ind.kind !== "indicator" || ind.notApplicable.length === 0) continue;
      const [na, ...more] = ind.notApplicable;
      if (!na) continue;
      edges.set(ind.name, [...na.targets]);
      if (na.file !== model.file) continue;
      // Inherited from the base: only a target this rubric removed or renamed is worth saying.
      if (na.span.start < model.decl.span.start || na.span.end > model.decl.span.end) {
        out.push(...removedTargets(ind, byName));
        continue;
      }
      for (const m of more) out.push(diagnostic("na-twice", { file: m.file, span: m.span }, { indicator: ind.name }));
      if (ind.exempt.length > 0)
        out.push(diagnostic("na-and-exempt", { file: na.file, span: na.span }, { indicator: ind.name }));
      out.push(...targetProblems(ind, byName));
    }
    out.push(...cycles(edges, level, model.file));
  }
  return out;
}

function removedTargets(ind: IndicatorNode, byName: ReadonlyMap<string, TreeNode>): Diagnostic[] {
  const na = ind.notApplicable[0];
  if (!na) return [];
  return na.decl.targets
    .filter((t) => !byName.has(t.text))
    .map((t) =>
      diagnostic("na-target-removed", { file: na.file, span: t.span }, { indicator: ind.name, target: t.text }),
    );
}

function targetProblems(ind: IndicatorNode, byName: ReadonlyMap<string, TreeNode>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const na = ind.notApplicable[0];
  if (!na) return out;
  const seen = new Set<string>();
  for (const t of na.decl.targets) {
    const at = { file: na.file, span: t.span };
    const node = byName.get(t.text);
    if (seen.has(t.text)) out.push(diagnostic("na-target-duplicate", at, { target: t.text }));
    else if (t.text === ind.name) out.push(diagnostic("na-target-self", at, { indicator: ind.name }));
    else if (!node) {
      const s = suggest(
        t.text,
        [...byName.keys()].filter((k) => k !== ind.name),
      );
      out.push(
        diagnostic("na-target-unknown", at, { indicator: ind.name, target: t.text, ...(s ? { suggestion: s } : {}) }),
      );
    } else if (node.points.sign() <= 0) out.push(diagnostic("na-target-zero", at, { target: t.text }));
    seen.add(t.text);
  }
  return out;
}

/** A cycle of shares (A → B → A) has no order to pass points in: reported once, at its first source. */
function cycles(edges: ReadonlyMap<string, readonly string[]>, level: readonly TreeNode[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    if (done.has(name)) return;
    const at = stack.indexOf(name);
    if (at >= 0) {
      const chain = [...stack.slice(at), name];
      const first = level.find((n) => n.name === chain[0]) as IndicatorNode | undefined;
      const na = first?.notApplicable[0];
      if (na && na.file === file && !out.some((d) => d.span === na.span))
        out.push(diagnostic("na-cycle", { file: na.file, span: na.span }, { chain: chain.join(" → ") }));
      return;
    }
    for (const t of edges.get(name) ?? []) if (t !== name) visit(t, [...stack, name]);
    done.add(name);
  };
  for (const name of edges.keys()) visit(name, []);
  return out;
}
