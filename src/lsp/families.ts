/**
 * Families of documents: documents connected by rubric names (one declares
 * what another extends or gives examples for, or both declare the same name).
 * A family's analysis depends on its own texts only, so after an edit only the
 * edited document's family is analysed again; the others keep their result.
 */
import type { ParsedDocument, Program } from "../compiler/program.js";
import { sortDiagnostics } from "../compiler/diagnostics/diagnostic.js";
import { rubricKey } from "../compiler/model/types.js";
import type * as A from "../compiler/syntax/ast.js";

interface Names {
  /** Rubric keys (name and year) declared, with their names. */
  readonly declared: { readonly name: string; readonly key: string }[];
  readonly referenced: A.RubricRef[];
}

function namesOf(doc: ParsedDocument): Names {
  const declared: Names["declared"] = [];
  const referenced: A.RubricRef[] = [];
  for (const item of doc.ast.items) {
    if (item.kind === "Example") {
      if (item.target) referenced.push(item.target);
      continue;
    }
    if (item.name.text !== "")
      declared.push({
        name: item.name.text,
        key: rubricKey(item.name.text, item.year ? Number(item.year.digits) : undefined),
      });
    if (item.base) referenced.push(item.base);
    for (const sub of item.items) if (sub.kind === "Example" && sub.target) referenced.push(sub.target);
  }
  return { declared, referenced };
}

/**
 * The documents `uris` split into families, each in the order of `uris`; undefined when some reference
 * resolves to no rubric: its diagnostic suggests names from every document, so all are analysed together.
 * (A reference resolves as `analyzeProgram` resolves it: its exact key, or without a year the one rubric of
 * that name.)
 */
export function families(docs: ReadonlyMap<string, ParsedDocument>, uris: readonly string[]): string[][] | undefined {
  const names = new Map<string, Names>();
  const byName = new Map<string, string[]>();
  const keysByName = new Map<string, Set<string>>();
  for (const uri of uris) {
    const doc = docs.get(uri);
    if (!doc) continue;
    const n = namesOf(doc);
    names.set(uri, n);
    for (const d of n.declared) {
      byName.set(d.name, [...(byName.get(d.name) ?? []), uri]);
      keysByName.set(d.name, (keysByName.get(d.name) ?? new Set()).add(d.key));
    }
  }
  // Union-find over documents, joined through the names they declare and refer to.
  const parent = new Map<string, string>(uris.map((u) => [u, u]));
  const root = (u: string): string => {
    let r = u;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(u, r);
    return r;
  };
  const join = (a: string, b: string): void => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const [uri, n] of names) {
    for (const d of n.declared) for (const other of byName.get(d.name) ?? []) join(uri, other);
    for (const ref of n.referenced) {
      const keys = keysByName.get(ref.name.text);
      const resolved =
        keys !== undefined &&
        (ref.year
          ? keys.has(rubricKey(ref.name.text, Number(ref.year.digits)))
          : keys.has(ref.name.text) || keys.size === 1);
      if (!resolved) return undefined;
      for (const other of byName.get(ref.name.text) ?? []) join(uri, other);
    }
  }
  const out = new Map<string, string[]>();
  for (const uri of uris) {
    const r = root(uri);
    out.set(r, [...(out.get(r) ?? []), uri]);
  }
  return [...out.values()];
}

/** The analyses of several families as one program (families share no document). */
export function mergePrograms(programs: readonly Program[]): Program {
  if (programs.length === 1) return programs[0] as Program;
  return {
    documents: new Map(programs.flatMap((p) => [...p.documents])),
    rubrics: programs.flatMap((p) => p.rubrics),
    examples: programs.flatMap((p) => p.examples),
    diagnostics: sortDiagnostics(programs.flatMap((p) => p.diagnostics)),
  };
}
