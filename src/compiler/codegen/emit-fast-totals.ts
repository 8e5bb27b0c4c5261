/**
 * The totals of the specialised code (`scoreTotals`, `scoreValues`): every
 * indicator function called once, its final score an integer over SD, the
 * total one integer sum (then the total's rounding, if declared), the grade
 * by cross-multiplied comparisons with thresholds known at compile time, and
 * each score's decimal text looked up once made (fx.ScoreText).
 */
import { Exact } from "../../runtime/exact.js";
import type { IndicatorNode, RubricModel } from "../model/types.js";
import { lineCommentText, str } from "./text.js";

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** Scores cached as text below this many units of 1/SD (a 100-point rubric in hundredths needs 10,001). */
const TEXT_CACHE = 65_536n;

export function totalsFunction(
  model: RubricModel,
  indicators: readonly IndicatorNode[],
  fns: readonly string[],
  sd: bigint | undefined,
): string[] {
  if (!sd) return rationalTotals(model, indicators, fns);
  const out: string[] = [];
  const maxTotal = indicators
    .reduce((a, i) => a.add(i.points), Exact.ZERO)
    .mul(Exact.of(sd))
    .ceil().num;
  const limit = maxTotal + 1n < TEXT_CACHE ? maxTotal + 1n : TEXT_CACHE;
  out.push(`const scoreText = new fx.ScoreText(SD, ${limit});`);
  out.push("");
  out.push(
    "/** Total, grade and scores on the specialised code, or undefined: the record goes to the generic path. */",
  );
  out.push("function fastTotals(v: FastValues): Totals | undefined {");
  out.push("  const o = fastOut;");
  const s = indicators.map((_, i) => `s${i}`);
  if (s.length > 0) out.push(`  let ${s.map((x) => `${x}: number`).join(", ")};`);
  out.push("  try {");
  indicators.forEach((ind, i) => {
    out.push(`    ${s[i]} = ${fns[i]}(v, o); // ${lineCommentText(ind.path.join("."))}`);
  });
  out.push("  } catch (e) {");
  out.push("    if (e instanceof fx.Bail) return undefined;");
  out.push("    throw e;");
  out.push("  }");
  // Each final score lies in [0, its points × SD]: the plain sum is exact while their sum is a safe integer.
  const sum = maxTotal <= MAX ? s.join(" + ") || "0" : s.reduce((a, x) => `fx.add(${a}, ${x})`, "0");
  out.push(`  const t = ${sum};`);
  let td = sd;
  let tmax = maxTotal;
  let total = "t";
  const tr = model.rounding.total;
  if (tr) {
    td = 10n ** BigInt(tr.digits);
    out.push(`  const tr = fx.round(t, SD, ${tr.digits}, ${str(tr.mode)});`);
    total = "tr";
    tmax = (maxTotal * td) / sd + 1n;
  }
  out.push(`  const grade = ${gradeCode(model, total, td.toString(), tmax)};`);
  out.push("  fx.stats.fast++;");
  out.push("  return {");
  out.push(`    total: ${tr ? `fx.text(tr, ${td})` : "scoreText.of(t)"},`);
  out.push("    grade,");
  out.push(`    scores: [${s.map((x) => `scoreText.of(${x})`).join(", ")}],`);
  out.push("  };");
  out.push("}");
  out.push("");
  return out;
}

/** The grade: the first in order whose threshold the total `total`/`td` reaches (`tmax` bounds `total`). */
function gradeCode(model: RubricModel, total: string, td: string, tmax: bigint | undefined): string {
  let grade = "null";
  for (const g of [...model.grades].reverse()) {
    if (!g.threshold) {
      grade = str(g.name);
      continue;
    }
    const op = g.strict ? ">" : ">=";
    const gn = g.threshold.num;
    const gd = g.threshold.den;
    const l = gd === 1n ? total : `${total} * ${gd}`;
    const plain = tmax !== undefined && tmax * gd <= MAX && (gn < 0n ? -gn : gn) * BigInt(td) <= MAX;
    const test = plain ? `${l} ${op} ${gn * BigInt(td)}` : `fx.cmp(${total}, ${td}, ${gn}, ${gd}) ${op} 0`;
    grade = `${test} ? ${str(g.name)} : ${grade}`;
  }
  return grade;
}

/** Without an indicator rounding: each final score an exact rational (n over `o.fd`), added as such. */
function rationalTotals(model: RubricModel, indicators: readonly IndicatorNode[], fns: readonly string[]): string[] {
  const out: string[] = [];
  out.push(
    "/** Total, grade and scores on the specialised code, or undefined: the record goes to the generic path. */",
  );
  out.push("function fastTotals(v: FastValues): Totals | undefined {");
  out.push("  const o = fastOut;");
  out.push(`  const n: number[] = new Array<number>(${indicators.length});`);
  out.push(`  const d: number[] = new Array<number>(${indicators.length});`);
  out.push("  let tn = 0;");
  out.push("  let td = 1;");
  out.push("  try {");
  indicators.forEach((ind, i) => {
    out.push(`    // ${lineCommentText(ind.path.join("."))}`);
    out.push(`    n[${i}] = ${fns[i]}(v, o);`);
    out.push(`    d[${i}] = o.fd;`);
    out.push(`    fx.radd(tn, td, n[${i}] as number, o.fd);`);
    out.push("    tn = fx.R.n;");
    out.push("    td = fx.R.d;");
  });
  const tr = model.rounding.total;
  if (tr) {
    out.push(`    tn = fx.round(tn, td, ${tr.digits}, ${str(tr.mode)});`);
    out.push(`    td = ${10n ** BigInt(tr.digits)};`);
  }
  out.push("  } catch (e) {");
  out.push("    if (e instanceof fx.Bail) return undefined;");
  out.push("    throw e;");
  out.push("  }");
  out.push(`  const grade = ${gradeCode(model, "tn", "td", undefined)};`);
  out.push("  fx.stats.fast++;");
  out.push("  const scores: string[] = [];");
  out.push("  for (let i = 0; i < n.length; i++) scores.push(fx.text(n[i] as number, d[i] as number));");
  out.push("  return { total: fx.text(tn, td), grade, scores };");
  out.push("}");
  out.push("");
  return out;
}
