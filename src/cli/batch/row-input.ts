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

/** Exact decimal text for a score when it is one, else the raw value (the validator then reports it). */
function score(raw: unknown): string {
  const v = plainNumber(raw);
  return (
    (v && v.isTerminating() ? v.toString() : undefined) ?? (scalarText(raw) as string | undefined) ?? (raw as string)
  );
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
  const values: Record<string, unknown> = {};
  const judged = new Map<string, unknown>();
  const overridden = new Map<string, unknown>();
  const reasons = new Map<string, string>();
  const problems: InputError[] = [];
  let id: string | undefined;
  let rubric: string | undefined;
  let rest = false;
  for (const [col, header, raw] of entries) {
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
  }
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
