/**
 * File names for compiled rubrics (`<stem>.ts`, `.js`, `.d.ts`,
 * `.schema.json`): the source file's base name when it holds one chosen
 * rubric, else `<base>.<rubric name>` (with the year when two share a name).
 * Names are distinct — also where replacing unsafe characters would make
 * two alike (`A B` and `A_B`) or a case-insensitive file system would —
 * and fit the 255-byte limit of a file name. A name that had to be altered
 * gets a short hash of what it stands for, so the result is deterministic.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";

export interface NamedRubric {
  readonly file: string;
  readonly name: string;
  readonly year?: number | undefined;
}

/** Bytes a file name may have on common file systems. */
const NAME_MAX = 255;
const LONGEST_SUFFIX = ".schema.json";
const STEM_MAX = NAME_MAX - Buffer.byteLength(LONGEST_SUFFIX);
/** Characters some system refuses in a file name, control characters, and white space. */
const UNSAFE = /[\\/:*?"<>|\s\u0000-\u001f\u007f]+/g;

const hash = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 8);

/** The longest prefix of `s` of at most `bytes` UTF-8 bytes that does not split a character. */
function prefixOfBytes(s: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

function fitted(stem: string): string {
  if (Buffer.byteLength(stem) <= STEM_MAX) return stem;
  return `${prefixOfBytes(stem, STEM_MAX - 9)}-${hash(stem)}`;
}

export function outputStems(rubrics: readonly NamedRubric[]): string[] {
  const count = (key: (r: NamedRubric) => string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of rubrics) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const perFile = count((r) => r.file);
  const perName = count((r) => `${r.file}\0${r.name}`);
  const identity = (r: NamedRubric): string => `${r.file}\0${r.name}\0${r.year ?? ""}`;
  const stems = rubrics.map((r) => {
    const base = basename(r.file).replace(/\.rubric$/, "") || "rubric";
    if ((perFile.get(r.file) ?? 0) < 2) return base;
    const label = `${r.name}${(perName.get(`${r.file}\0${r.name}`) ?? 0) > 1 && r.year !== undefined ? `.${r.year}` : ""}`;
    const safe = label.replace(UNSAFE, "_");
    return `${base}.${safe}${safe === label ? "" : `-${hash(identity(r))}`}`;
  });
  // Still alike (the same base name in two directories, or only the letter case differs): each gets its hash.
  const seen = new Map<string, number>();
  for (const s of stems) seen.set(s.toLowerCase(), (seen.get(s.toLowerCase()) ?? 0) + 1);
  return stems.map((s, i) =>
    fitted((seen.get(s.toLowerCase()) ?? 0) > 1 ? `${s}-${hash(identity(rubrics[i] as NamedRubric))}` : s),
  );
}
