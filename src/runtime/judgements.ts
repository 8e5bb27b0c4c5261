/**
 * Judgements and overrides of one department, checked against the rubric's
 * metadata: the path must name a judged part (or an indicator judged as a
 * whole) or, for an override, an indicator — a unique suffix will do, as in
 * the language; the value must be within bounds; below the maximum a
 * judgement needs a reason, and an override always does.
 */
import { Exact } from "./exact.js";
import { boundsText, judgedValue, within, type Bounds } from "./judged-bounds.js";
import { plainNumber, showRaw } from "./raw-text.js";
import type { Text } from "./report.js";
import type { InputError, JudgedSpec, RubricMeta } from "./scorer.js";
import { suggest } from "./suggest.js";

interface PathNode {
  readonly path: string;
  readonly segments: readonly string[];
  readonly kind: "group" | "indicator" | "part";
  /** The indicator a part belongs to, or the indicator itself. */
  readonly indicator?: string;
  readonly points?: Exact;
  readonly judged?: JudgedSpec;
}

export type Resolution =
  | { readonly kind: "found"; readonly node: PathNode }
  | { readonly kind: "missing"; readonly suggestion?: string }
  | { readonly kind: "ambiguous"; readonly candidates: readonly string[] };

interface PathIndex {
  readonly nodes: readonly PathNode[];
  readonly cache: Map<string, Resolution>;
}

const indexes = new WeakMap<RubricMeta, PathIndex>();
const CACHE_LIMIT = 10_000;

function pathIndex(meta: RubricMeta): PathIndex {
  const known = indexes.get(meta);
  if (known) return known;
  const nodes = new Map<string, PathNode>();
  const add = (n: PathNode): void => {
    if (!nodes.has(n.path)) nodes.set(n.path, n);
  };
  const wholes = new Map(meta.judged.filter((j) => j.indicator).map((j) => [j.path, j]));
  for (const ind of meta.indicators) {
    const segs = ind.path.split(".");
    for (let i = 1; i < segs.length; i++)
      add({ path: segs.slice(0, i).join("."), segments: segs.slice(0, i), kind: "group" });
    const whole = wholes.get(ind.path);
    add({
      path: ind.path,
      segments: segs,
      kind: "indicator",
      indicator: ind.path,
      points: Exact.parse(ind.points) ?? Exact.ZERO,
      ...(whole ? { judged: whole } : {}),
    });
  }
  for (const j of meta.judged) {
    if (j.indicator) continue;
    const segs = j.path.split(".");
    add({ path: j.path, segments: segs, kind: "part", indicator: segs.slice(0, -1).join("."), judged: j });
  }
  const idx = { nodes: [...nodes.values()], cache: new Map<string, Resolution>() };
  indexes.set(meta, idx);
  return idx;
}

function endsWith(path: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > path.length) return false;
  const off = path.length - suffix.length;
  return suffix.every((s, i) => path[off + i] === s);
}

/**
 * Resolves a dotted (suffix) path over the rubric's groups, indicators and
 * judged parts, as the language does: a full path first, then a unique
 * suffix; among several matches a single group or indicator wins over parts.
 */
export function resolveNodePath(meta: RubricMeta, path: string): Resolution {
  const idx = pathIndex(meta);
  const known = idx.cache.get(path);
  if (known) return known;
  const segs = path.split(/[.．]/).map((s) => s.trim());
  let r: Resolution;
  const exact = idx.nodes.filter((n) => n.segments.length === segs.length && endsWith(n.segments, segs));
  const matches = exact.length === 1 ? exact : idx.nodes.filter((n) => endsWith(n.segments, segs));
  const trees = matches.filter((n) => n.kind !== "part");
  if (matches.length === 1 && matches[0]) r = { kind: "found", node: matches[0] };
  else if (matches.length > 1 && trees.length === 1 && trees[0]) r = { kind: "found", node: trees[0] };
  else if (matches.length > 1) r = { kind: "ambiguous", candidates: matches.map((n) => n.path) };
  else {
    const s = suggest(
      segs[segs.length - 1] ?? "",
      idx.nodes.map((n) => n.segments[n.segments.length - 1] ?? ""),
    );
    const sn = s ? idx.nodes.find((n) => n.segments[n.segments.length - 1] === s) : undefined;
    r = sn ? { kind: "missing", suggestion: sn.path } : { kind: "missing" };
  }
  if (idx.cache.size < CACHE_LIMIT) idx.cache.set(path, r);
  return r;
}

function unresolved(r: Resolution & { kind: "missing" | "ambiguous" }, path: string, what: Text): Text {
  if (r.kind === "ambiguous")
    return {
      zh: `${what.zh}「${path}」不唯一，可指 ${r.candidates.join("、")}`,
      en: `${what.en} '${path}' is ambiguous: ${r.candidates.join(", ")}`,
    };
  const s = r.suggestion
    ? { zh: `；是否应为「${r.suggestion}」？`, en: `; did you mean '${r.suggestion}'?` }
    : { zh: "", en: "" };
  return { zh: `${what.zh}「${path}」不存在${s.zh}`, en: `${what.en} '${path}' does not exist${s.en}` };
}

/** A judgement outside the interval of the verdict given in the same input (`judged by 结论 { … }` on an input). */
function outsideVerdict(meta: RubricMeta, path: string, spec: JudgedSpec, v: Exact, values: unknown): Text | undefined {
  const by = spec.byVerdict;
  if (!by || typeof values !== "object" || values === null) return undefined;
  const alias = meta.inputs.find((i) => i.name === by.input)?.alias;
  const raw =
    (values as Record<string, unknown>)[by.input] ??
    (alias !== undefined ? (values as Record<string, unknown>)[alias] : undefined);
  if (typeof raw !== "string") return undefined;
  const member = raw.trim();
  const arm = by.arms.find((a) => a.member === null || a.member === member);
  if (!arm) return undefined;
  const b: Bounds = { lo: bound(arm.min), hi: bound(arm.max), loClosed: !arm.minOpen, hiClosed: !arm.maxOpen };
  const r = judgedValue(path, { value: v }, b, { kind: "verdict", verdict: member });
  return "error" in r ? r.error : undefined;
}

function entry(raw: unknown): { value: unknown; reason: string | undefined } {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as { value?: unknown; reason?: unknown };
    return {
      value: o.value,
      reason: typeof o.reason === "string" && o.reason.trim() !== "" ? o.reason.trim() : undefined,
    };
  }
  return { value: raw, reason: undefined };
}

/** Judged bounds are decimal text in the meta; parse each once. */
const bounds = new Map<string, Exact>();
function bound(text: string): Exact {
  let v = bounds.get(text);
  if (!v) {
    v = Exact.parse(text) ?? Exact.ZERO;
    if (bounds.size < 10_000) bounds.set(text, v);
  }
  return v;
}

const JUDGE: Text = { zh: "评定的指标", en: "judged path" };
const OVERRIDE: Text = { zh: "改判的指标", en: "overridden indicator" };

export function checkJudgements(
  meta: RubricMeta,
  input: {
    readonly values?: unknown;
    readonly judgements?: unknown;
    readonly overrides?: unknown;
    readonly judgeRestFull?: unknown;
  },
): InputError[] {
  const errors: InputError[] = [];
  const err = (kind: InputError["kind"], field: string, indicators: readonly string[], message: Text): void => {
    errors.push({ kind, field, indicators, message });
  };
  if (input.judgeRestFull !== undefined && typeof input.judgeRestFull !== "boolean") {
    err("wrong-type", "judgeRestFull", [], {
      zh: `judgeRestFull 应为 true 或 false，实际为 ${showRaw(input.judgeRestFull)}`,
      en: `judgeRestFull must be true or false, got ${showRaw(input.judgeRestFull)}`,
    });
  }
  const bounded = (
    field: string,
    ind: readonly string[],
    raw: unknown,
    b: Bounds,
    what: Text,
    deduction = false,
  ): Exact | undefined => {
    const v = plainNumber(raw);
    if (!v) {
      err("wrong-type", field, ind, {
        zh: `${what.zh}「${field}」的分数应为数字，实际为 ${showRaw(raw)}`,
        en: `the score of ${what.en} '${field}' must be a number, got ${showRaw(raw)}`,
      });
      return undefined;
    }
    if (!within(v, b)) {
      const shown = boundsText(b);
      err(
        "judgement-out-of-bounds",
        field,
        ind,
        deduction
          ? {
              zh: `${what.zh}「${field}」酌情扣 ${v.toString()} 超出范围 ${shown}（评定值是扣分，不是得分）`,
              en: `${what.en} '${field}' deducts ${v.toString()}, outside ${shown} (the judgement is the deduction, not the score)`,
            }
          : {
              zh: `${what.zh}「${field}」= ${v.toString()} 超出范围 ${shown}`,
              en: `${what.en} '${field}' = ${v.toString()} is outside ${shown}`,
            },
      );
      return undefined;
    }
    return v;
  };

  for (const [path, raw] of Object.entries((input.judgements ?? {}) as Record<string, unknown>)) {
    const r = resolveNodePath(meta, path);
    if (r.kind !== "found") {
      err("unknown-indicator", path, [], unresolved(r, path, JUDGE));
      continue;
    }
    const n = r.node;
    const inds = n.indicator ? [n.indicator] : [];
    if (!n.judged) {
      const why =
        n.kind === "group"
          ? { zh: "分组不能评定，请评定其下的指标或得分项", en: "a group is not judged; judge its indicators or parts" }
          : {
              zh: "它不是酌情评分（只有部分得分项酌情时请分别评定；要替换计算结果请用改判）",
              en: "it is not judged (judge its judged parts one by one; use an override to replace a computed score)",
            };
      err("unknown-indicator", path, inds, {
        zh: `不能评定「${n.path}」：${why.zh}`,
        en: `cannot judge '${n.path}': ${why.en}`,
      });
      continue;
    }
    const { value, reason } = entry(raw);
    const b: Bounds = {
      lo: bound(n.judged.min),
      hi: bound(n.judged.max),
      loClosed: !n.judged.minOpen,
      hiClosed: !n.judged.maxOpen,
    };
    const deduction = n.judged.deduction === true;
    const v = bounded(n.path, inds, value, b, JUDGE, deduction);
    const bad = v ? outsideVerdict(meta, n.path, n.judged, v, input.values) : undefined;
    if (bad) err("judgement-out-of-bounds", n.path, inds, bad);
    else if (v && deduction && v.sign() > 0 && !reason) {
      err("judgement-needs-reason", n.path, inds, {
        zh: `评定「${n.path}」酌情扣 ${v.toString()} 分，须说明理由`,
        en: `judging '${n.path}' to deduct ${v.toString()} needs a reason`,
      });
    } else if (v && !deduction && v.lt(b.hi) && !reason) {
      err("judgement-needs-reason", n.path, inds, {
        zh: `评定「${n.path}」= ${v.toString()} 低于满分 ${b.hi.toString()}，须说明理由`,
        en: `judging '${n.path}' = ${v.toString()} below its maximum ${b.hi.toString()} needs a reason`,
      });
    }
  }

  for (const [path, raw] of Object.entries((input.overrides ?? {}) as Record<string, unknown>)) {
    const r = resolveNodePath(meta, path);
    if (r.kind !== "found") {
      err("unknown-indicator", path, [], unresolved(r, path, OVERRIDE));
      continue;
    }
    const n = r.node;
    if (n.kind !== "indicator" || !n.points) {
      err("unknown-indicator", path, [], {
        zh: `改判只适用于指标，「${n.path}」不是指标`,
        en: `an override applies to an indicator; '${n.path}' is not one`,
      });
      continue;
    }
    const { value, reason } = entry(raw);
    bounded(n.path, [n.path], value, { lo: Exact.ZERO, hi: n.points, loClosed: true, hiClosed: true }, OVERRIDE);
    if (!reason)
      err("judgement-needs-reason", n.path, [n.path], {
        zh: `改判「${n.path}」须说明理由`,
        en: `overriding '${n.path}' needs a reason`,
      });
  }
  return errors;
}

/**
 * The judgements and overrides of one department by full path, with exact
 * values: what both scorers use after `checkJudgements` has accepted them.
 */
export function resolveJudgementPaths(
  meta: RubricMeta,
  input: { readonly judgements?: unknown; readonly overrides?: unknown },
): {
  judgements: Map<string, { value: Exact; reason?: string }>;
  overrides: Map<string, { value: Exact; reason: string }>;
} {
  const judgements = new Map<string, { value: Exact; reason?: string }>();
  const overrides = new Map<string, { value: Exact; reason: string }>();
  const entries = (x: unknown): [string, unknown][] =>
    typeof x === "object" && x !== null && !Array.isArray(x) ? Object.entries(x) : [];
  for (const [key, raw] of entries(input.judgements)) {
    const r = resolveNodePath(meta, key);
    const { value, reason } = entry(raw);
    const v = plainNumber(value);
    if (r.kind === "found" && v) judgements.set(r.node.path, reason ? { value: v, reason } : { value: v });
  }
  for (const [key, raw] of entries(input.overrides)) {
    const r = resolveNodePath(meta, key);
    const { value, reason } = entry(raw);
    const v = plainNumber(value);
    if (r.kind === "found" && r.node.kind === "indicator" && v)
      overrides.set(r.node.path, { value: v, reason: reason ?? "" });
  }
  return { judgements, overrides };
}
