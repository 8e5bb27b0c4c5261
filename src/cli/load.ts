/**
 * Finds and reads rubric files. A directory means every `.rubric` file below
 * it; a file brings its sibling `.rubric` files along as context (a rubric
 * may extend one written beside it), but only the named files are reported.
 */
import { lstatSync, readdirSync, statSync, type Dirent } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { decodeUtf8 } from "../compiler/syntax/parse.js";
import { diagnostic, type Diagnostic, type Message } from "../compiler/diagnostics/diagnostic.js";
import type { SourceDocument } from "../compiler/program.js";
import { readRubricFile } from "./read-rubric-file.js";

export interface Loaded {
  readonly documents: SourceDocument[];
  /** Files the user named (or found in named directories): diagnostics are shown for these. */
  readonly reported: Set<string>;
  /**
   * Files not loaded and why (unreadable, not a regular file, too large, not
   * UTF-8): `file-not-loaded` errors for named files, `sibling-not-loaded`
   * warnings for files only beside them.
   */
  readonly diagnostics: Diagnostic[];
  /** Named paths where nothing exists, as the user wrote them. */
  readonly missing: string[];
}

/**
 * A `.rubric` entry of a directory that may be a rubric: anything but a real
 * directory. Links, pipes and devices are taken too, so that reading them
 * reports what they are (a link to a regular file is read like one).
 */
const candidate = (e: Dirent): boolean => e.name.endsWith(".rubric") && !e.isDirectory();

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const p = join(dir, entry.name);
    // Linked directories are not followed: a link cycle would never end.
    if (entry.isDirectory()) walk(p, out);
    else if (candidate(entry)) out.push(p);
  }
}

export function loadPaths(paths: readonly string[], cwd = process.cwd()): Loaded {
  const named: string[] = [];
  const context = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st && !lstatSync(abs, { throwIfNoEntry: false })) {
      missing.push(p);
      continue;
    }
    if (st?.isDirectory()) walk(abs, named);
    else {
      // Also a broken link or a pipe: reading it says what is wrong (a missing path is reported as missing).
      named.push(abs);
      try {
        for (const sib of readdirSync(dirname(abs), { withFileTypes: true }))
          if (candidate(sib)) context.add(join(dirname(abs), sib.name));
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
  const isNamed = new Set(named);
  const skip = (file: string, reason: Message, asNamed: boolean): void => {
    const at = { file, span: { start: 0, end: 0 } };
    diagnostics.push(
      asNamed ? diagnostic("file-not-loaded", at, { reason }) : diagnostic("sibling-not-loaded", at, { reason }),
    );
  };
  for (const abs of all) {
    const file = show(abs);
    const read = readRubricFile(abs);
    if ("missing" in read) {
      // Gone since it was listed.
      if (isNamed.has(abs)) missing.push(file);
      continue;
    }
    if ("skipped" in read) {
      skip(file, read.skipped, isNamed.has(abs));
      continue;
    }
    const decoded = decodeUtf8(file, read.bytes);
    if (decoded.diagnostics.length > 0) {
      if (isNamed.has(abs)) diagnostics.push(...decoded.diagnostics);
      else skip(file, { zh: "不是有效的 UTF-8 文本", en: "not valid UTF-8 text" }, false);
      continue;
    }
    documents.push({ file, text: decoded.text.replace(/^\ufeff/, "") });
  }
  return { documents, reported: new Set(named.map(show)), diagnostics, missing };
}
