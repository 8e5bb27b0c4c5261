/**
 * Random single-character edits inside rule expressions, from a seeded
 * generator: the edits a user makes while typing a rule, most of which break
 * the syntax for a moment. Shared by the language-server tests and
 * bench/lsp.ts.
 */
import { parseDocument } from "../../src/compiler/program.js";
import { Rng } from "../support/random-input.js";

/** The project's seeded generator (mulberry32) as a function: the same edits for the same seed everywhere. */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** Characters that matter in an expression: brackets, operators, digits, separators, a letter, a Chinese character. */
const ALPHABET = [..."()[]{};,.%<>=+-*/!0123456789 \nx分"];

export interface Edit {
  /** Replaced range in the text before the edit (offsets) and the inserted text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The spans of the rule expressions of a text: `score =`, `part … =` and `let … =` right-hand sides. */
export function ruleExpressionSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== "object") return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const o = x as { kind?: string; rule?: { span: { start: number; end: number } }; value?: unknown };
    if ((o.kind === "Score" || o.kind === "Part") && o.rule) out.push({ ...o.rule.span });
    else if (o.kind === "Let" && o.value) out.push({ ...(o.value as { span: { start: number; end: number } }).span });
    for (const k in o) if (k !== "span") walk((o as Record<string, unknown>)[k]);
  };
  walk(parseDocument({ file: "spans", text }).ast);
  return out.filter((s) => s.end > s.start);
}

/**
 * A random single-character insert or delete at a random place inside one of
 * `spans` (spans of the original text: after a few edits, roughly in place).
 */
export function randomEdit(
  random: () => number,
  text: string,
  spans: readonly { start: number; end: number }[],
  /** Only inserts, of these characters (default: inserts and deletes, of any character that matters). */
  inserts?: string,
): Edit {
  const s = spans[Math.floor(random() * spans.length)] as { start: number; end: number };
  const lo = Math.max(0, Math.min(text.length, s.start));
  const hi = Math.max(lo, Math.min(text.length, s.end));
  const at = lo + Math.floor(random() * (hi - lo + 1));
  const alphabet = inserts !== undefined ? [...inserts] : ALPHABET;
  if (inserts === undefined && random() < 0.5 && at < text.length && text[at] !== "\n")
    return { start: at, end: at + 1, text: "" };
  return { start: at, end: at, text: alphabet[Math.floor(random() * alphabet.length)] as string };
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

/** Line/character of an offset (UTF-16 code units, as LSP counts by default). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** An edit as an LSP incremental content change. */
export function contentChange(
  text: string,
  e: Edit,
): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  return { range: { start: positionAt(text, e.start), end: positionAt(text, e.end) }, text: e.text };
}
