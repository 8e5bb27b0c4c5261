/**
 * Finds and reads rubric files. A directory means every `.rubric` file below
 * it; a file brings its sibling `.rubric` files along as context (a rubric
 * may extend one written beside it), but only the named files are reported.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { decodeUtf8 } from "../compiler/syntax/parse.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { SourceDocument } from "../compiler/program.js";

export interface Loaded {
  readonly documents: SourceDocument[];
  /** Files the user named (or found in named directories): diagnostics are shown for these. */
  readonly reported: Set<string>;
  /** Problems reading files (missing, unreadable, not UTF-8). */
  readonly diagnostics: Diagnostic[];
  readonly missing: string[];
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile() && entry.name.endsWith(".rubric")) out.push(p);
  }
}

export function loadPaths(paths: readonly string[], cwd = process.cwd()): Loaded {
  const named: string[] = [];
  const context = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs, named);
    else {
      named.push(abs);
      try {
        for (const sib of readdirSync(dirname(abs))) if (sib.endsWith(".rubric")) context.add(join(dirname(abs), sib));
      } catch {
        /* an unreadable directory only loses context */
      }
    }
  }
  const show = (abs: string): string => {
    const r = relative(cwd, abs);
    return r.startsWith("..") ? abs : r;
  };
  const all = [...new Set([...named, ...context])];
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const abs of all) {
    const file = show(abs);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(abs);
    } catch (e) {
      missing.push(`${file} (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
      continue;
    }
    const decoded = decodeUtf8(file, bytes);
    if (decoded.diagnostics.length > 0) {
      if (named.includes(abs)) diagnostics.push(...decoded.diagnostics);
      continue;
    }
    documents.push({ file, text: decoded.text.replace(/^\ufeff/, "") });
  }
  return { documents, reported: new Set(named.map(show)), diagnostics, missing };
}
