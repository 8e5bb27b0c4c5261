/**
 * Random department inputs for a rubric, from its meta: valid values with a
 * bias to the places where scorers go wrong — band edges, zeros, equal
 * amounts, exact ties. Seeded, so failures reproduce.
 */
import type { InputSpec, InputTypeSpec, RubricMeta, ScoreInput } from "../../src/runtime/scorer.js";
import { evalBound } from "../../src/runtime/bound-expr.js";
import { Exact } from "../../src/runtime/exact.js";

export class Rng {
  constructor(private seed: number) {}
  next(): number {
    // mulberry32
    let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

/** Ratios that sit on or next to the bands of the seed rubrics. */
const EDGE_RATIOS = [
  "0",
  "0.05",
  "0.1",
  "0.100001",
  "0.6",
  "0.75",
  "0.8",
  "0.9",
  "0.899999",
  "0.95",
  "1",
  "1.000001",
  "1.05",
  "0.25",
  "0.5",
  "0.2059",
  "0.4277",
];

function decimal(rng: Rng, max: number, places: number): string {
  const scale = 10 ** places;
  return (rng.int(max * scale + 1) / scale).toFixed(places);
}

/** Milestone edges (6 月底, 春节, the year's ends), each also a day either side in `date()`. */
const EDGE_DATES = ["2023-06-30", "2023-01-22", "2023-01-01", "2023-12-31", "2023-07-05"];

/** A date in or near 2023, as ISO text, now and then in another spelling the generic reader takes. */
function date(rng: Rng): string {
  const edge = Date.parse(`${rng.pick(EDGE_DATES)}T00:00:00Z`) / 86_400_000;
  const day = rng.next() < 0.5 ? edge + rng.int(3) - 1 : 19_340 + rng.int(400);
  const d = new Date(day * 86_400_000);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (rng.next() < 0.1) return `${y}年${m}月${dd}日`;
  return `${y}-${String(m).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

function value(t: InputTypeSpec, rng: Rng): unknown {
  switch (t.kind) {
    case "date":
      return date(rng);
    case "money":
      return rng.next() < 0.1 ? "0" : decimal(rng, 5000, 2);
    case "ratio":
      return rng.next() < 0.6 ? rng.pick(EDGE_RATIOS) : decimal(rng, 1, 4);
    case "count":
      return String(rng.next() < 0.3 ? rng.int(3) : rng.int(40));
    case "points":
    case "number":
      return decimal(rng, 10, 2);
    case "bool":
      return rng.next() < 0.15;
    case "text":
      return `t${rng.int(5)}`;
    case "enum":
      return rng.pick(t.members);
    case "array":
      // A rubric may declare an absurd length (ratio[99999…]): then a short array, which both scorers must refuse alike.
      return Array.from({ length: t.length !== undefined && t.length <= 1000 ? t.length : rng.int(5) }, () =>
        value(t.element, rng),
      );
    case "record":
      return Object.fromEntries(t.fields.map((f) => [f.name, value(f.type, rng)]));
  }
}

const num = (x: unknown): number => (typeof x === "string" ? Number(x) : typeof x === "number" ? x : Number.NaN);

/** Bends a value into the input's constant constraints (relations are fixed afterwards). */
function fit(spec: InputSpec, v: unknown, rng: Rng): unknown {
  if (typeof v !== "string" || !["money", "ratio", "count", "points", "number"].includes(spec.type.kind)) return v;
  let x = num(v);
  for (const c of spec.constraints) {
    if (c.value === undefined) continue;
    const b = Number(c.value);
    if ((c.op === ">" && x <= b) || (c.op === ">=" && x < b))
      x = b + (spec.type.kind === "count" ? 1 : 0.01) * (c.op === ">" ? 1 : 0) + rng.int(3);
    if ((c.op === "<" && x >= b) || (c.op === "<=" && x > b))
      x = c.op === "<" ? b - (spec.type.kind === "count" ? 1 : 0.01) : b;
  }
  return spec.type.kind === "count" ? String(Math.max(0, Math.round(x))) : String(x);
}

export interface RandomInputOptions {
  /** Chance that the rest of the judged parts are judged at their maximum (else some judgements are missing). Default 1. */
  readonly restFull?: number;
}

export function randomInput(meta: RubricMeta, rng: Rng, options: RandomInputOptions = {}): ScoreInput {
  const values: Record<string, unknown> = {};
  for (const i of meta.inputs) values[i.name] = fit(i, value(i.type, rng), rng);
  // Relations (`已完成项目数: count <= 计划项目数`): sometimes exactly equal, else pulled below.
  for (const i of meta.inputs) {
    for (const c of i.constraints) {
      if (!c.ref) continue;
      const other = num(values[c.ref]);
      const mine = num(values[i.name]);
      if (Number.isNaN(other) || Number.isNaN(mine)) continue;
      const ok =
        c.op === "<=" ? mine <= other : c.op === "<" ? mine < other : c.op === ">=" ? mine >= other : mine > other;
      if (!ok || rng.next() < 0.3)
        values[i.name] =
          i.type.kind === "count" ? String(c.op === "<" ? Math.max(0, other - 1) : other) : String(other);
    }
  }
  // Bounds over other inputs (`合计: money(万元) = 甲 + 乙`): mostly met exactly, now and then left broken.
  const wan = (i: InputSpec | undefined): Exact =>
    i?.type.kind === "money" && i.type.unit === "万元" ? Exact.int(10000) : Exact.ONE;
  const byName = new Map(meta.inputs.map((i) => [i.name, i]));
  for (const i of meta.inputs) {
    for (const c of i.constraints) {
      if (!c.expr || rng.next() < 0.2) continue;
      const b = evalBound(c.expr, (n) => {
        const v = values[n];
        return typeof v === "string" ? Exact.parse(v)?.mul(wan(byName.get(n))) : undefined;
      });
      if (b) values[i.name] = b.div(wan(i)).toString(30);
    }
  }
  const judgements: Record<string, { value: string; reason?: string }> = {};
  // Now and then a department's judgements try the edges and the envelope beyond the interval that
  // applies (open ends, another verdict's interval): both scorers must refuse them alike. Otherwise
  // every judgement lies where it is allowed, so that most departments score.
  const wild = rng.next() < 0.15;
  for (const j of meta.judged) {
    const v0 = j.byVerdict ? values[j.byVerdict.input] : undefined;
    const arm = j.byVerdict?.arms.find((a) => a.member === null || a.member === v0);
    const b = arm && !(wild && rng.next() < 0.5) ? arm : j;
    // An open top has no maximum for `judgeRestFull` to give: judge such rows (a verdict's, mostly).
    const mustJudge = !wild && (arm ? arm.maxOpen : j.maxOpen);
    if (!mustJudge && rng.next() < 0.5) continue;
    const lo = Number(b.min);
    const hi = Number(b.max);
    let v =
      wild && rng.next() < 0.5
        ? rng.next() < 0.5
          ? b.max
          : b.min
        : rng.next() < 0.4 && !b.maxOpen
          ? b.max
          : (lo + rng.int(Math.round((hi - lo) * 100) + 1) / 100).toFixed(2);
    if (!wild && ((b.maxOpen && Number(v) >= hi) || (b.minOpen && Number(v) <= lo))) v = ((lo + hi) / 2).toFixed(4);
    judgements[j.path] = { value: v, reason: "随机评定 random judgement" };
  }
  // A judged indicator and its own parts are not judged together.
  for (const j of meta.judged)
    if (j.indicator && judgements[j.path])
      for (const k of Object.keys(judgements)) if (k.startsWith(`${j.path}.`)) delete judgements[k];
  const restFull = options.restFull === undefined || options.restFull >= 1 || rng.next() < options.restFull;
  return { values: values as ScoreInput["values"], judgements, judgeRestFull: restFull };
}
