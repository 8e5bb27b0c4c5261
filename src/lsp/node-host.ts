/** The workspace host for node: `.rubric` files from the disk. */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { WorkspaceHost } from "./host.js";
import { readRubricFile } from "../cli/read-rubric-file.js";
import { rubricText } from "./rubric-text.js";

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
    // Links to rubric files too, as the CLI loads them; reading skips anything but a regular file.
    else if (e.name.endsWith(".rubric")) out.push(p);
  }
}

export const nodeHost: WorkspaceHost = {
  async findRubricFiles(folderUri) {
    if (!folderUri.startsWith("file:")) return [];
    const out: string[] = [];
    await walk(fileURLToPath(folderUri), out, 0);
    return out.sort().map((p) => pathToFileURL(p).href);
  },
  // eslint-disable-next-line @typescript-eslint/require-await -- reads synchronously, but async keeps a throw a rejection as the host interface expects
  async readFile(uri) {
    if (!uri.startsWith("file:")) return undefined;
    // Regular files only, size-capped: a pipe named x.rubric would block the server, /dev/zero fill its memory.
    const read = readRubricFile(fileURLToPath(uri));
    if ("missing" in read) return undefined;
    if ("skipped" in read) return { unreadable: read.skipped, lossyText: "" };
    return rubricText(read.bytes);
  },
};
