/**
 * The end of a specialised indicator function: each part rounded (when parts
 * are) and clamped to [0, its points], the parts summed over one
 * compile-time denominator, the indicator's declared rounding (one rounding
 * division) and its clamp — so the function returns its final score as an
 * integer over the module's score denominator `SD`, and the totals are one
 * integer sum. A part whose value keeps a run-time denominator (an unrounded
 * quotient) joins the sum as a rational; the final step then uses the
 * runtime's checked helpers. In `score` the same function also hands every
 * part to the report skeleton (`o.part`), which rounds and clamps it again
 * for the report's own numbers.
 */
import { Exact } from "../../runtime/exact.js";
import type { RoundingSpec } from "../model/types.js";
import { lineCommentText, str } from "./text.js";
import { Unsupported, type NumV } from "./emit-fast-values.js";

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Where the finishing code goes (the indicator's emitter). */
export interface LineSink {
  line(text: string): void;
  fresh(prefix: string): string;
}

/** A part's clamped value: over a compile-time denominator with a bound, or a run-time one. */
export type PartValue =
  { readonly n: string; readonly d: bigint; readonly max: bigint } | { readonly n: string; readonly d: string };

export interface Roundings {
  readonly part?: RoundingSpec;
  readonly indicator?: RoundingSpec;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
export const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/**
 * The module's score denominator: every final indicator score is an integer over it — 10^digits of the
 * indicator rounding, and the denominators of the indicators' points (which a clamp may return).
 * Undefined without an indicator rounding: final scores are then exact rationals, each over its own
 * denominator (`o.fd`), and the totals add them as such.
 */
export function scoreDenominator(rounding: Roundings, points: readonly Exact[]): bigint | undefined {
  if (!rounding.indicator) return undefined;
  let sd = 10n ** BigInt(rounding.indicator.digits);
  for (const p of points) sd = lcm(sd, p.den);
  if (sd > 10n ** 9n) throw new Unsupported("a score denominator beyond 10^9");
  return sd;
}

/** `n·k` as code: the plain product where `bound·k` is a safe integer, else the checked one. */
function times(n: string, k: bigint, bound: bigint | undefined): string {
  if (k === 1n) return n;
  return bound !== undefined && bound * k <= MAX ? `${n} * ${k}` : `fx.mul(${n}, ${k})`;
}

const isName = (s: string): boolean => /^[\w$]+$/.test(s);

function named(em: LineSink, code: string, prefix: string): string {
  if (isName(code)) return code;
  const t = em.fresh(prefix);
  em.line(`const ${t} = ${code};`);
  return t;
}

/** One part: handed to the report (in `score`), rounded if parts are, clamped to [0, points]. */
export function finishPart(em: LineSink, v: NumV, points: Exact, r: Roundings, report: string): PartValue {
  em.line(`if (o.report) ${report};`);
  const part = r.part;
  if (v.c) {
    // A constant: rounded and clamped here.
    let c = part ? v.c.round(part.digits, part.mode) : v.c;
    if (c.sign() < 0) c = Exact.ZERO;
    if (c.gt(points)) c = points;
    return { n: c.num.toString(), d: c.den, max: c.num < 0n ? -c.num : c.num };
  }
  let x: NumV = v;
  if (part) {
    const d = typeof v.d === "bigint" ? v.d.toString() : v.d;
    const q = named(em, `fx.round(${v.n}, ${d}, ${part.digits}, ${str(part.mode)})`, "q");
    x = { k: "num", n: q, d: 10n ** BigInt(part.digits) };
  }
  if (typeof x.d === "bigint") {
    const l = lcm(x.d, points.den);
    const pmax = points.num * (l / points.den);
    const s = named(em, times(x.n, l / x.d, x.b), "s");
    const p = em.fresh("p");
    em.line(`const ${p} = ${s} < 0 ? 0 : ${s} > ${pmax} ? ${pmax} : ${s};`);
    return { n: p, d: l, max: pmax };
  }
  const pn = em.fresh("pn");
  const pd = em.fresh("pd");
  em.line(`fx.clampR(${x.n}, ${x.d}, ${points.num}, ${points.den});`);
  em.line(`const ${pn} = fx.R.n, ${pd} = fx.R.d;`);
  return { n: pn, d: pd };
}

/**
 * The sum of the parts, the indicator's rounding and clamp: emits the `return` of the final score over
 * `sd`, the indicator's points `points`.
 */
export function finishIndicator(
  em: LineSink,
  name: string,
  parts: readonly PartValue[],
  points: Exact,
  r: Roundings,
  sd: bigint | undefined,
): void {
  const fixed = parts.filter((p): p is Extract<PartValue, { max: bigint }> => typeof p.d === "bigint");
  const dynamic = parts.filter((p) => typeof p.d === "string");
  const d = fixed.reduce((a, p) => lcm(a, p.d), 1n);
  if (d > MAX) throw new Unsupported("a sum of parts over a denominator beyond safe integers");
  const bound = fixed.reduce((a, p) => a + p.max * (d / p.d), 0n);
  const terms = fixed.map((p) => (d === p.d ? p.n : `${p.n} * ${d / p.d}`));
  const ir = r.indicator;
  const how = ir ? `, rounded to ${ir.digits} places (${ir.mode})` : "";
  em.line(
    `// ${lineCommentText(`${name} = Σ parts (over ${d})${how}, in [0, ${points.toString()}]${sd ? `; over ${sd}` : ""}`)}`,
  );
  let sum: string;
  if (terms.length === 0) sum = "0";
  else if (bound <= MAX) sum = named(em, terms.join(" + "), "sum");
  else
    sum = named(
      em,
      fixed.reduce((a, p) => `fx.add(${a}, ${times(p.n, d / p.d, p.max)})`, "0"),
      "sum",
    );
  if (dynamic.length > 0 || !ir || !sd) {
    // A run-time denominator: a rational sum, then the runtime's rounding, clamp and scale.
    let an = sum;
    let ad = d.toString();
    for (const p of dynamic) {
      em.line(`fx.radd(${an}, ${ad}, ${p.n}, ${p.d});`);
      an = em.fresh("an");
      ad = em.fresh("ad");
      em.line(`const ${an} = fx.R.n, ${ad} = fx.R.d;`);
    }
    em.line(`return o.final(${an}, ${ad}, ${points.num}, ${points.den});`);
    return;
  }
  const pmax = points.mul(Exact.of(sd));
  if (!pmax.isInteger()) throw new Unsupported("points not a whole number of the score denominator");
  const k = 10n ** BigInt(ir.digits);
  const rounded = k % d === 0n ? times(sum, k / d, bound) : `fx.round(${sum}, ${d}, ${ir.digits}, ${str(ir.mode)})`;
  const bnd = k % d === 0n ? bound * (k / d) : undefined;
  const x = named(em, times(named(em, rounded, "q"), sd / k, bnd), "f");
  em.line(`return ${x} < 0 ? 0 : ${x} > ${pmax.num} ? ${pmax.num} : ${x};`);
}

/** The final score of an exempt indicator (its points, rounded and clamped) as code, over `sd` if any. */
export function exemptScore(points: Exact, r: Roundings, sd: bigint | undefined): string {
  if (!sd || !r.indicator) return `o.final(${points.num}, ${points.den}, ${points.num}, ${points.den})`;
  let c = points.round(r.indicator.digits, r.indicator.mode);
  if (c.gt(points)) c = points;
  const x = c.mul(Exact.of(sd));
  if (!x.isInteger()) throw new Unsupported("points not a whole number of the score denominator");
  return x.num.toString();
}
