/** Formatting helpers for the formatter's tests: one prettier pass with the plugin, no fixpoint, no checks. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier/standalone";
import plugin from "../../src/format/plugin.js";

export async function fmt1(text: string, printWidth?: number): Promise<string> {
  return format(text, { parser: "rubric", plugins: [plugin], ...(printWidth ? { printWidth } : {}) });
}

/** Every `.rubric` file below `dir`, sorted. */
export function rubricFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...rubricFiles(p));
    else if (name.endsWith(".rubric")) out.push(p);
  }
  return out;
}
