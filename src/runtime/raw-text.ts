/**
 * Reading raw cell text (JSON strings and numbers, CSV cells, XLSX cells)
 * as exact numbers and booleans. One rule each, no guessing:
 *   - surrounding spaces are trimmed; full-width digits, `％`, `．`, `，`, `－`, `＋` are read as ASCII;
 *   - thousands separators only in correct three-digit groups ("1,599.06"; "1,59,9" is not a number);
 *   - a trailing `%` divides by 100; a trailing `元` / `万元` names a money unit;
 *   - a JS number is read from its shortest decimal text (`String(n)`), never used as a float.
 */
import { Exact } from "./exact.js";

export type MoneyUnit = "元" | "万元";

export type NumberText =
  | { readonly ok: true; readonly value: Exact; readonly percent: boolean; readonly unit?: MoneyUnit }
  | { readonly ok: false; readonly reason: "grouping" | "not-a-number" };

// ０-９ ％ ＋ ， － ． → ASCII (the full-width block is ASCII + 0xFEE0); U+2212 minus sign → "-".
const WIDE = /[\uFF10-\uFF19\uFF05\uFF0B\uFF0C\uFF0D\uFF0E\u2212]/g;

export function toHalfWidth(s: string): string {
  return s.replace(WIDE, (ch) => (ch === "\u2212" ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** Longer text is refused rather than turned into enormous fractions. */
const MAX_LENGTH = 200;

/** Parses decimal text with an optional `%` or money-unit suffix. */
const SIMPLE = /^-?\d+(?:\.\d+)?$/;
const SIMPLE_PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const HUNDRED = Exact.int(100);

export function parseNumberText(text: string): NumberText {
  // Fast paths for the common cells ("311.63", "98.1%"); the rules below give the same values.
  if (text.length <= 30) {
    if (SIMPLE.test(text)) {
      const v = Exact.parse(text);
      if (v) return { ok: true, value: v, percent: false };
    }
    const pm = SIMPLE_PERCENT.exec(text);
    if (pm?.[1]) {
      const v = Exact.parse(pm[1]);
      if (v) return { ok: true, value: v.div(HUNDRED), percent: true };
    }
  }
  let s = toHalfWidth(text).trim();
  let percent = false;
  let unit: MoneyUnit | undefined;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  } else if (s.endsWith("万元")) {
    unit = "万元";
    s = s.slice(0, -2).trimEnd();
  } else if (s.endsWith("元")) {
    unit = "元";
    s = s.slice(0, -1).trimEnd();
  }
  if (s.length === 0 || s.length > MAX_LENGTH) return { ok: false, reason: "not-a-number" };
  if (s.includes(",")) {
    if (!GROUPED.test(s)) return { ok: false, reason: "grouping" };
    s = s.replace(/,/g, "");
  }
  if (!PLAIN.test(s)) return { ok: false, reason: "not-a-number" };
  const v = Exact.parse(s.startsWith("+") ? s.slice(1) : s);
  if (!v) return { ok: false, reason: "not-a-number" };
  return { ok: true, value: percent ? v.div(Exact.int(100)) : v, percent, ...(unit ? { unit } : {}) };
}

/** The text of a raw scalar as a number parser sees it; undefined for non-finite numbers and non-scalars. */
export function scalarText(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number") return Number.isFinite(raw) ? String(raw) : undefined;
  if (typeof raw === "bigint") return raw.toString();
  return undefined;
}

/** Parses a raw number (string or JS number) without a unit or `%`; undefined if it is anything else. */
export function plainNumber(raw: unknown): Exact | undefined {
  const t = scalarText(raw);
  if (t === undefined) return undefined;
  const r = parseNumberText(t);
  return r.ok && !r.percent && !r.unit ? r.value : undefined;
}

const TRUE = new Set(["true", "是", "yes", "1"]);
const FALSE = new Set(["false", "否", "no", "0"]);

/** true/false, 是/否, yes/no, 1/0 (case-insensitive); undefined for anything else. */
export function parseBool(raw: unknown): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : undefined;
  if (typeof raw !== "string") return undefined;
  const s = toHalfWidth(raw).trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : undefined;
}

/** Empty means missing: undefined, null, or a string of spaces only. */
export function isEmptyRaw(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** A short rendering of a raw value for messages. */
export function showRaw(raw: unknown): string {
  if (typeof raw === "string") return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}…` : raw);
  if (typeof raw === "number" || typeof raw === "boolean" || typeof raw === "bigint") return String(raw);
  if (raw === null || raw === undefined) return "null";
  if (Array.isArray(raw)) return `[${raw.length} values]`;
  return "{…}";
}
