/**
 * Mutations of rubric text at byte, token and line level: what a careless
 * edit, a bad paste or a hostile file does to a rubric. The tokenizer here is
 * deliberately not the project's lexer, so that mutants are not shaped by
 * what the lexer expects.
 */
import { KEYWORDS } from "../../src/compiler/syntax/keywords.js";
import type { Rng } from "../../test/support/random-input.js";

/** Whitespace, comments, strings, numbers, words (any script), or one other character. */
const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\[\s\S])*"|“[^”]*”|\d+(?:\.\d+)?%?|[\p{L}\p{N}_]+|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const isSpace = (t: string): boolean => /^\s+$/.test(t);

const KEYWORD_SPELLINGS = KEYWORDS.flatMap((k) => [...k.en, ...k.zh]);
const BRACKETS = ["{", "}", "[", "]", "(", ")", "（", "）", "【", "】"];
const PUNCTUATION = [
  ",",
  ";",
  ":",
  ".",
  "..",
  "->",
  "→",
  ">=",
  "≥",
  "<=",
  "≤",
  "!=",
  "≠",
  "=",
  "==",
  "%",
  "％",
  "，",
  "、",
  "；",
  "：",
  "×",
  "÷",
  "*",
  "/",
  "+",
  "-",
  '"',
  "“",
  "”",
  "/*",
  "*/",
  "//",
  "\\",
];
const NUMBERS = [
  "0",
  "-1",
  "99999999999999999999999999999999",
  "1e308",
  "0.000000000000000000000000000001",
  "123456789012345678901234567890.123456789",
  "100%",
  "1e-7",
  "9007199254740993",
  "00",
  "1.",
  ".5",
  "311.63万元",
  "6分",
  "-0",
];
const UNICODE = [
  "\u0000",
  "\u0007",
  "\u001b]0;x\u0007",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\u200b",
  "\u202e",
  "\ud800",
  "\udfff",
  "🧮",
  "𠀀",
  "é",
  "\r",
  "\r\n",
  "\t",
  "\u00a0",
  "\u3000",
  "ｆｕｌｌ",
  "指标说明",
  "\ufffd",
];

function randomCodePoint(rng: Rng): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x4e00, 0x9fff],
    [0x3000, 0x303f],
    [0xff00, 0xffef],
    [0x0, 0x1f],
    [0x1f300, 0x1faff],
    [0x80, 0x2fff],
  ];
  const [lo, hi] = rng.pick(ranges);
  const cp = lo + rng.int(hi - lo + 1);
  return String.fromCodePoint(cp);
}

/** Deeply nested text: brackets, unary minus, `not`, or `if … then … else`. */
function nesting(rng: Rng): string {
  const depth = rng.pick([50, 101, 300, 2000]);
  switch (rng.int(5)) {
    case 0:
      return `${"(".repeat(depth)}1${")".repeat(depth)}`;
    case 1:
      return `${"[".repeat(depth)}${"]".repeat(depth)}`;
    case 2:
      return "-".repeat(depth) + "1";
    case 3:
      return "not ".repeat(depth) + "true";
    default:
      return `${"if true then ".repeat(depth)}1${" else 0".repeat(depth)}`;
  }
}

type Mutation = (tokens: string[], rng: Rng, donors: readonly string[][]) => void;

const at = (tokens: string[], rng: Rng): number => rng.int(Math.max(1, tokens.length));
/** A non-space token's index, or a random one if there is none. */
function solid(tokens: string[], rng: Rng): number {
  for (let k = 0; k < 8; k++) {
    const i = at(tokens, rng);
    if (!isSpace(tokens[i] ?? " ")) return i;
  }
  return at(tokens, rng);
}

const MUTATIONS: readonly (readonly [string, Mutation])[] = [
  ["delete-token", (t, r) => void t.splice(solid(t, r), 1)],
  ["delete-range", (t, r) => void t.splice(at(t, r), 1 + r.int(12))],
  [
    "duplicate-token",
    (t, r) => {
      const i = solid(t, r);
      t.splice(i, 0, t[i] ?? "");
    },
  ],
  [
    "duplicate-range",
    (t, r) => {
      const i = at(t, r);
      t.splice(i, 0, ...t.slice(i, i + 2 + r.int(20)));
    },
  ],
  [
    "swap-tokens",
    (t, r) => {
      const i = solid(t, r);
      const j = r.next() < 0.5 ? Math.min(t.length - 1, i + 2) : solid(t, r);
      [t[i], t[j]] = [t[j] ?? "", t[i] ?? ""];
    },
  ],
  ["stray-bracket", (t, r) => void t.splice(at(t, r), 0, r.pick(BRACKETS))],
  ["punctuation", (t, r) => void t.splice(at(t, r), 0, r.pick(PUNCTUATION))],
  [
    "keyword",
    (t, r) => void t.splice(at(t, r), 0, r.next() < 0.5 ? ` ${r.pick(KEYWORD_SPELLINGS)} ` : r.pick(KEYWORD_SPELLINGS)),
  ],
  ["replace-with-keyword", (t, r) => void t.splice(solid(t, r), 1, r.pick(KEYWORD_SPELLINGS))],
  [
    "number",
    (t, r) => {
      const nums = t.map((x, i) => (/^\d/.test(x) ? i : -1)).filter((i) => i >= 0);
      const i = nums.length > 0 ? r.pick(nums) : at(t, r);
      t.splice(i, nums.length > 0 ? 1 : 0, r.pick(NUMBERS));
    },
  ],
  ["nesting", (t, r) => void t.splice(at(t, r), 0, nesting(r))],
  ["unicode", (t, r) => void t.splice(at(t, r), 0, r.next() < 0.5 ? r.pick(UNICODE) : randomCodePoint(r))],
  [
    "char-flip",
    (t, r) => {
      const i = solid(t, r);
      const s = t[i] ?? "";
      const k = r.int(Math.max(1, s.length));
      t[i] = s.slice(0, k) + randomCodePoint(r) + s.slice(k + 1);
    },
  ],
  [
    "donor-splice",
    (t, r, donors) => {
      const d = r.pick(donors);
      const i = r.int(Math.max(1, d.length));
      t.splice(at(t, r), 0, ...d.slice(i, i + 1 + r.int(30)));
    },
  ],
  [
    "line-op",
    (t, r) => {
      const lines = t.join("").split("\n");
      const i = r.int(lines.length);
      const j = r.int(lines.length);
      const op = r.int(3);
      if (op === 0) lines.splice(i, 1);
      else if (op === 1) lines.splice(i, 0, lines[j] ?? "");
      else [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      t.splice(0, t.length, ...tokenize(lines.join("\n")));
    },
  ],
];

export const MUTATION_NAMES = MUTATIONS.map(([n]) => n);

/** One to three mutations of `text`; returns the mutant and what was done. */
export function mutate(text: string, rng: Rng, donors: readonly string[][]): { text: string; ops: string[] } {
  const tokens = tokenize(text);
  const ops: string[] = [];
  const n = 1 + (rng.next() < 0.3 ? rng.int(3) : 0);
  for (let k = 0; k < n; k++) {
    const [name, f] = rng.pick(MUTATIONS);
    f(tokens, rng, donors);
    ops.push(name);
  }
  return { text: tokens.join(""), ops };
}
