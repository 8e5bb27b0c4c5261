/**
 * Which documents an analysis needs: the open ones, and every document
 * connected to them through rubric names — the bases they extend or give
 * examples for, the rubrics that extend them, transitively. Unrelated
 * rubrics elsewhere in the workspace are neither analysed on every
 * keystroke nor able to collide with the open ones.
 */
import type { ParsedDocument } from "../compiler/program.js";

function namesOf(doc: ParsedDocument): { declared: string[]; referenced: string[] } {
  const declared: string[] = [];
  const referenced: string[] = [];
  for (const item of doc.ast.items) {
    if (item.kind === "Example") {
      if (item.target) referenced.push(item.target.name.text);
      continue;
    }
    declared.push(item.name.text);
    if (item.base) referenced.push(item.base.name.text);
    for (const sub of item.items) if (sub.kind === "Example" && sub.target) referenced.push(sub.target.name.text);
  }
  return { declared, referenced };
}

export function relatedDocuments(docs: ReadonlyMap<string, ParsedDocument>, roots: Iterable<string>): Set<string> {
  const declaredIn = new Map<string, string[]>();
  const referencedIn = new Map<string, string[]>();
  const names = new Map<string, { declared: string[]; referenced: string[] }>();
  for (const [uri, doc] of docs) {
    const n = namesOf(doc);
    names.set(uri, n);
    for (const d of n.declared) declaredIn.set(d, [...(declaredIn.get(d) ?? []), uri]);
    for (const r of n.referenced) referencedIn.set(r, [...(referencedIn.get(r) ?? []), uri]);
  }
  const out = new Set<string>();
  const queue = [...roots].filter((u) => docs.has(u));
  while (queue.length > 0) {
    const uri = queue.pop() as string;
    if (out.has(uri)) continue;
    out.add(uri);
    const n = names.get(uri);
    if (!n) continue;
    // Documents declaring what this one refers to, and documents referring to what it declares.
    for (const r of n.referenced) for (const u of declaredIn.get(r) ?? []) if (!out.has(u)) queue.push(u);
    for (const d of n.declared) for (const u of referencedIn.get(d) ?? []) if (!out.has(u)) queue.push(u);
  }
  return out;
}
