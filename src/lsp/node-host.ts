/** The workspace host for node: `.rubric` files from the disk. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { WorkspaceHost } from "./host.js";

/** Directories no rubric lives in. */
const SKIP = new Set(["node_modules", "dist", "coverage"]);
/** A workspace this large is not scanned further. */
const MAX_FILES = 5000;

async function walk(dir: string, out: string[], depth: number): Promise<void> {
  if (depth > 20 || out.length >= MAX_FILES) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith(".") || SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out, depth + 1);
    else if (e.isFile() && e.name.endsWith(".rubric")) out.push(p);
  }
}

export const nodeHost: WorkspaceHost = {
  async findRubricFiles(folderUri) {
    if (!folderUri.startsWith("file:")) return [];
    const out: string[] = [];
    await walk(fileURLToPath(folderUri), out, 0);
    return out.sort().map((p) => pathToFileURL(p).href);
  },
  async readFile(uri) {
    if (!uri.startsWith("file:")) return undefined;
    try {
      const bytes = await readFile(fileURLToPath(uri));
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
    } catch {
      return undefined;
    }
  },
};
