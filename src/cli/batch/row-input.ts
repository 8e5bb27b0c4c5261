/**
 * One department's input from one record: either a structured object
 * `{ values, judgements, judgeRestFull, overrides, id, rubric, note }`, or a
 * flat record (a CSV/XLSX row, or a JSON object without `values`) whose
 * columns are inputs plus the reserved columns of columns.ts. A flat record
 * gives values only unless it has judge/override columns or 其余满分.
 * Judgement and override scores are passed on as exact decimal text.
 */
import type { InputError, ScoreInput } from "../../runtime/scorer.js";
import { isEmptyRaw, parseBool, plainNumber, scalarText, showRaw } from "../../runtime/raw-text.js";
import type { Column } from "./columns.js";

export interface RowInput {
  readonly id?: string;
  readonly rubric?: string;
  readonly input: ScoreInput;
  /** Problems in the reserved columns (the validator finds the rest). */
  readonly problems: InputError[];
}

type Entry = { value: string; reason?: string };

/** Decimal text already as Exact.toString() writes it (no sign on zero, no leading or trailing zeros, ≤ 15 digits). */
const CANONICAL = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{0,13}[1-9])?$/;

/** Exact decimal text for a score when it is one, else the raw value (the validator then reports it). */
function score(raw: unknown): string {
  // Most cells are written as the parser would write them back: no rationals needed to say so.
  if (typeof raw === "string" && raw.length <= 16 && CANONICAL.test(raw) && !/^-0(?:$|[^.])/.test(raw)) return raw;
  const v = plainNumber(raw);
  return (v && v.isTerminating() ? v.toString() : undefined) ?? scalarText(raw) ?? (raw as string);
}

function text(raw: unknown): string | undefined {
  const s = scalarText(raw)?.trim();
  return s === "" ? undefined : s;
}

function restFull(raw: unknown, field: string, problems: InputError[]): boolean {
  if (isEmptyRaw(raw)) return false;
  const b = parseBool(raw);
  if (b === undefined) {
    problems.push({
      kind: "wrong-type",
      field,
      indicators: [],
      message: {
        zh: `「${field}」应为 是/否，实际为 ${showRaw(raw)}`,
        en: `'${field}' must be true or false, got ${showRaw(raw)}`,
      },
    });
  }
  return b ?? false;
}

/** Two columns for one path (`评定:x` and `judge:x`): an error, not "the last one wins". */
function setOnce<T>(m: Map<string, T>, path: string, v: T, header: string, problems: InputError[]): void {
  if (!m.has(path)) {
    m.set(path, v);
    return;
  }
  const h = header.trim();
  problems.push({
    kind: "wrong-type",
    field: h,
    indicators: [path],
    message: {
      zh: `「${h}」与另一列给出了同一路径「${path}」的值`,
      en: `'${h}' gives a value for '${path}' that another column already gives`,
    },
  });
}

export function flatRow(entries: Iterable<readonly [Column, string, unknown]>): RowInput {
  return flatRowWith((take) => {
    for (const [col, header, raw] of entries) take(col, header, raw);
  });
}

/** A header's columns, worked out once for all the rows under it. */
export interface RowLayout {
  readonly columns: readonly (Column | undefined)[];
  readonly headers: readonly string[];
  /** The input values of a row's cells (each input key once: a repeated header is not read). */
  readonly values: (cells: readonly unknown[]) => Record<string, unknown>;
  /** The other columns read (id, rubric, judgements, overrides, reasons). */
  readonly otherAt: readonly number[];
}

/**
 * Builds a row's values as one object literal with the header's keys: about
 * 60 times faster than adding 50 keys one by one, and every row's object has
 * the same shape, which the scorer then reads fast. The keys are JSON string
 * literals (any header text is safe); `__proto__` as a literal key would set
 * the prototype, so a header with it takes the slow way.
 */
function valuesMaker(
  keys: readonly string[],
  at: readonly number[],
): (cells: readonly unknown[]) => Record<string, unknown> {
  if (keys.includes("__proto__"))
    return (cells) => {
      const v: Record<string, unknown> = {};
      keys.forEach((k, i) => (v[k] = cells[at[i] as number]));
      return v;
    };
  const body = keys.map((k, i) => `${JSON.stringify(k)}: c[${at[i] ?? 0}]`).join(",\n");
  // Keys are JSON.stringify-ed and indices are numbers, so the body holds no text from the file as code.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function("c", `return {\n${body}\n};`) as (cells: readonly unknown[]) => Record<string, unknown>;
}

export function rowLayout(columns: readonly (Column | undefined)[], headers: readonly string[]): RowLayout {
  const at: number[] = [];
  const keys: string[] = [];
  const otherAt: number[] = [];
  columns.forEach((c, i) => {
    if (c?.kind === "value") {
      if (!keys.includes(c.key)) {
        at.push(i);
        keys.push(c.key);
      }
    } else if (c) otherAt.push(i);
  });
  return { columns, headers, values: valuesMaker(keys, at), otherAt };
}

/** A CSV/XLSX row under `layout`: the same input as flatRow of its cells, without an entry per cell. */
export function flatRowOfCells(layout: RowLayout, cells: readonly unknown[]): RowInput {
  return flatRowWith((take) => {
    for (const i of layout.otherAt) {
      const col = layout.columns[i];
      if (col) take(col, layout.headers[i] ?? "", cells[i]);
    }
  }, layout.values(cells));
}

type Take = (col: Column, header: string, raw: unknown) => void;

function flatRowWith(each: (take: Take) => void, values: Record<string, unknown> = {}): RowInput {
  const judged = new Map<string, unknown>();
  const overridden = new Map<string, unknown>();
  const reasons = new Map<string, string>();
  const problems: InputError[] = [];
  let id: string | undefined;
  let rubric: string | undefined;
  let rest = false;
  each((col, header, raw) => {
    switch (col.kind) {
      case "value":
        if (!isEmptyRaw(raw) || !(col.key in values)) values[col.key] = raw;
        break;
      case "id":
        id ??= text(raw);
        break;
      case "rubric":
        rubric ??= text(raw);
        break;
      case "rest-full":
        rest = restFull(raw, header.trim(), problems) || rest;
        break;
      case "judge":
        if (!isEmptyRaw(raw)) setOnce(judged, col.path, raw, header, problems);
        break;
      case "override":
        if (!isEmptyRaw(raw)) setOnce(overridden, col.path, raw, header, problems);
        break;
      case "reason": {
        const r = text(raw);
        if (r) setOnce(reasons, col.path, r, header, problems);
        break;
      }
      case "ignore":
        break;
    }
  });
  const entry = (path: string, raw: unknown): Entry => {
    const reason = reasons.get(path);
    return { value: score(raw), ...(reason ? { reason } : {}) };
  };
  const judgements = Object.fromEntries([...judged].map(([p, raw]) => [p, entry(p, raw)]));
  const overrides = Object.fromEntries([...overridden].map(([p, raw]) => [p, { reason: "", ...entry(p, raw) }]));
  return {
    ...(id !== undefined ? { id } : {}),
    ...(rubric !== undefined ? { rubric } : {}),
    input: { values: values as ScoreInput["values"], judgements, overrides, judgeRestFull: rest },
    problems,
  };
}

const STRUCTURED_KEYS = new Set(["values", "judgements", "judgeRestFull", "overrides", "id", "rubric", "note"]);

export function isStructured(o: Record<string, unknown>): boolean {
  const v = o["values"];
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function entries(raw: unknown, field: string, problems: InputError[], withReason: boolean): Record<string, Entry> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    problems.push({
      kind: "wrong-type",
      field,
      indicators: [],
      message: {
        zh: `「${field}」应为以指标路径为键的对象`,
        en: `'${field}' must be an object keyed by indicator path`,
      },
    });
    return {};
  }
  const out: Record<string, Entry> = {};
  for (const [path, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const o = v as { value?: unknown; reason?: unknown };
      const reason = text(o.reason);
      out[path] = { value: score(o.value), ...(reason ? { reason } : withReason ? { reason: "" } : {}) };
    } else out[path] = { value: score(v), ...(withReason ? { reason: "" } : {}) };
  }
  return out;
}

export function structuredRow(o: Record<string, unknown>): RowInput {
  const problems: InputError[] = [];
  for (const k of Object.keys(o)) {
    if (!STRUCTURED_KEYS.has(k)) {
      problems.push({
        kind: "unknown-field",
        field: k,
        indicators: [],
        message: {
          zh: `未知的键「${k}」（可用：${[...STRUCTURED_KEYS].join("、")}）`,
          en: `unknown key '${k}' (expected ${[...STRUCTURED_KEYS].join(", ")})`,
        },
      });
    }
  }
  const id = text(o["id"]);
  const rubric = text(o["rubric"]);
  return {
    ...(id !== undefined ? { id } : {}),
    ...(rubric !== undefined ? { rubric } : {}),
    input: {
      values: o["values"] as ScoreInput["values"],
      judgements: entries(o["judgements"], "judgements", problems, false),
      overrides: entries(o["overrides"], "overrides", problems, true) as Record<string, Required<Entry>>,
      judgeRestFull: restFull(o["judgeRestFull"], "judgeRestFull", problems),
    },
    problems,
  };
}
