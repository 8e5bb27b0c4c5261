/**
 * Tie-heavy departments: values placed exactly on the rubric's band edges
 * (its own constants, as ratios and as ratios between amounts sharing a
 * base) and on rounding half-points (x.xx5 after the arithmetic), where a
 * scorer that divides early or rounds twice goes wrong. Built on the plain
 * random departments (random-input.ts), so judgements and the rest stay valid.
 */
import type { InputTypeSpec, RubricMeta, ScoreInput } from "../../src/runtime/scorer.js";
import { Exact } from "../../src/runtime/exact.js";
import { Rng, randomInput } from "./random-input.js";

/** The numbers a rubric's text compares against: `90%` → 0.9, `0.75`, small plain numbers. */
export function rubricConstants(text: string): Exact[] {
  const out = new Map<string, Exact>();
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*[%％]/g)) {
    const v = Exact.parse(m[1] ?? "")?.div(Exact.int(100));
    if (v) out.set(v.toString(), v);
  }
  for (const m of text.matchAll(/(?<![\d.])(\d\.\d{1,4})(?![\d.%])/g)) {
    const v = Exact.parse(m[1] ?? "");
    if (v) out.set(v.toString(), v);
  }
  return [...out.values()];
}

/** A ratio on an edge, next to one by a millionth, or on a half-point of the third/fourth place. */
function tieRatio(rng: Rng, pool: readonly Exact[]): Exact {
  const k = rng.int(5);
  const edge = pool.length > 0 ? (pool[rng.int(pool.length)] as Exact) : Exact.parse("0.9");
  if (!edge || k === 3) return Exact.of(BigInt(2 * rng.int(1000) + 1), 2000n); // 0.0005, 0.0015, …
  if (k === 4) return Exact.of(BigInt(2 * rng.int(10000) + 1), 20000n);
  if (k === 1) return edge.add(Exact.of(1n, 1000000n));
  if (k === 2 && edge.sign() > 0) return edge.sub(Exact.of(1n, 1000000n));
  return edge;
}

function isNumber(t: InputTypeSpec): boolean {
  return ["money", "ratio", "count", "points", "number"].includes(t.kind);
}

export function tieInput(meta: RubricMeta, rng: Rng, pool: readonly Exact[]): ScoreInput {
  const input = randomInput(meta, rng, { restFull: 0.95 });
  const values: Record<string, unknown> = { ...input.values };
  // One base per department: amounts are edges (or half-points) of it, so their ratios are too.
  const base = Exact.int((1 + rng.int(400)) * 10);
  const counts = [0, 1, 2, 3, 7, 8, 16, 19, 20, 40][rng.int(10)] ?? 8;
  const scalar = (t: InputTypeSpec): string | undefined => {
    switch (t.kind) {
      case "ratio":
        return tieRatio(rng, pool).toString();
      case "money":
        return rng.next() < 0.2 ? base.toString() : base.mul(tieRatio(rng, pool)).toString(30);
      case "count":
        return String(rng.next() < 0.5 ? counts : rng.int(counts + 1));
      case "points":
      case "number":
        return `${rng.int(10)}.${String(rng.int(100)).padStart(2, "0")}5`;
      default:
        return undefined;
    }
  };
  for (const spec of meta.inputs) {
    if (rng.next() < 0.3) continue;
    const t = spec.type;
    if (t.kind === "array" && isNumber(t.element) && Array.isArray(values[spec.name]))
      values[spec.name] = (values[spec.name] as unknown[]).map((x) => scalar(t.element) ?? x);
    else if (isNumber(t)) values[spec.name] = scalar(t) ?? values[spec.name];
  }
  // Relations to other inputs (`<= 计划项目数`, `in [0, 总额]`): met with equality, the edge itself.
  for (const spec of meta.inputs) {
    for (const c of spec.constraints) {
      if (!c.ref) continue;
      const mine = Exact.parse(String(values[spec.name] ?? ""));
      const other = Exact.parse(String(values[c.ref] ?? ""));
      if (!mine || !other) continue;
      const ok =
        c.op === "<="
          ? mine.le(other)
          : c.op === "<"
            ? mine.lt(other)
            : c.op === ">="
              ? mine.ge(other)
              : c.op === ">"
                ? mine.gt(other)
                : mine.eq(other);
      if (!ok && (c.op === "<=" || c.op === ">=" || c.op === "=")) values[spec.name] = values[c.ref];
    }
  }
  return { ...input, values: values as ScoreInput["values"] };
}
