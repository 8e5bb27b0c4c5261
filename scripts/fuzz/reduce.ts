/**
 * Findings are kept small: a delta-debugging reducer (ddmin) over lines, then
 * over tokens, keeping a piece out whenever the finding still reproduces.
 * The result is written under test/fixtures/fuzz/, where a test replays it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tokenize } from "./mutate.js";

export const FINDINGS_DIR = fileURLToPath(new URL("../../test/fixtures/fuzz/", import.meta.url));

/** ddmin over `pieces`: the smallest subsequence (1-minimal, within `budget` tests) for which `fails` holds. */
export async function ddmin<T>(
  pieces: readonly T[],
  fails: (xs: readonly T[]) => Promise<boolean>,
  budget = 400,
): Promise<T[]> {
  let current = [...pieces];
  let n = 2;
  let tests = 0;
  while (current.length >= 2 && tests < budget) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let i = 0; i < current.length && tests < budget; i += size) {
      const complement = [...current.slice(0, i), ...current.slice(i + size)];
      tests++;
      if (complement.length > 0 && (await fails(complement))) {
        current = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current;
}

/** Reduces rubric text by lines, then by tokens, while `fails` holds. */
export async function reduceText(text: string, fails: (t: string) => Promise<boolean>, budget = 400): Promise<string> {
  const lines = await ddmin(text.split(/(?<=\n)/), (xs) => fails(xs.join("")), budget);
  const tokens = await ddmin(tokenize(lines.join("")), (xs) => fails(xs.join("")), budget);
  return tokens.join("");
}

/** Writes a finding as `<kind>-<hash>.<ext>` (once: the same text is the same file); returns its path. */
export function keepFinding(kind: string, text: string | Uint8Array, ext: string): string {
  mkdirSync(FINDINGS_DIR, { recursive: true });
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 10);
  const path = `${FINDINGS_DIR}${kind}-${hash}.${ext}`;
  if (!existsSync(path)) writeFileSync(path, text);
  return path;
}
