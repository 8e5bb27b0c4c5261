/**
 * Why an indicator lost points, in plain words, from its report: the trace
 * lines the evaluator wrote (the band that fired with its value, deductions
 * with their counts, judgements with their reasons, overrides with computed
 * vs final score, vetoes and exemptions). Nothing is re-derived from the rules.
 */
import { Exact } from "../runtime/exact.js";
import type { NodeReport } from "../runtime/report.js";

export type Lang = "zh" | "en";

/** points − score, exact; null when the score is missing or not a decimal. */
export function lostPoints(n: Pick<NodeReport, "points" | "score">): string | null {
  const p = Exact.parse(n.points);
  const s = n.score === null ? undefined : Exact.parse(n.score);
  return p && s ? p.sub(s).toString() : null;
}

interface Loss {
  readonly value: Exact;
  /** The score was shown cut short (`0.980746397971…`): the loss is shown to 4 places as an approximation. */
  readonly approx: boolean;
}

function lossOf(n: NodeReport): Loss | undefined {
  const p = Exact.parse(n.points);
  const approx = n.score?.endsWith("…") ?? false;
  const s = n.score === null ? undefined : Exact.parse(approx ? n.score.slice(0, -1) : n.score);
  return p && s ? { value: p.sub(s), approx } : undefined;
}

function lossText(l: Loss, lang: Lang): string {
  if (!l.approx) return l.value.toString();
  return lang === "zh" ? `约 ${l.value.toFixed(4)}` : `about ${l.value.toFixed(4)}`;
}

function lostTail(l: Loss, lang: Lang): string {
  if (lang === "en") return `; ${lossText(l, lang)} lost`;
  return l.approx ? `，扣${lossText(l, lang)} 分` : `，扣 ${lossText(l, lang)} 分`;
}

/** Long approximations such as 98.074639…% read as 98.0746…%: a reader wants the figure, not every digit. */
export function shortenNumbers(s: string): string {
  return s.replace(/(\d+\.\d{4})\d+…/g, "$1…");
}

function ownLines(n: NodeReport, lang: Lang): string[] {
  const out = n.trace.map((t) => t[lang]);
  for (const c of n.clamps)
    out.push(lang === "zh" ? `超出范围，由 ${c.from} 截取为 ${c.to}` : `out of range: ${c.from} clamped to ${c.to}`);
  if (n.error) out.push(n.error[lang]);
  return out;
}

function partLine(p: NodeReport, indicator: NodeReport, lost: Loss, lang: Lang): string {
  const zh = lang === "zh";
  const lines = ownLines(p, lang);
  const alone = indicator.children.length === 1 && p.name === indicator.name;
  const head = alone ? "" : zh ? `${p.name}（${p.points}分）：` : `${p.name} (${p.points} pts): `;
  const body =
    lines.length > 0 ? lines.join(zh ? "；" : "; ") : zh ? `得 ${p.score ?? "—"} 分` : `scores ${p.score ?? "—"}`;
  return `${head}${body}${lostTail(lost, lang)}`;
}

/**
 * One line per reason, in order: each part that lost points (with its
 * trace), then the indicator's own lines (rounding, a judgement of the whole,
 * an override, a veto or an exemption). Empty when nothing was lost and
 * nothing was decided by hand.
 */
export function lostReasons(n: NodeReport, lang: Lang): string[] {
  const lost = lossOf(n)?.value;
  const decided = n.override !== undefined || n.status !== undefined || n.judged !== undefined;
  const out: string[] = [];
  if (n.score === null) {
    out.push(...ownLines(n, lang));
    for (const p of n.children) if (p.error) out.push(`${p.name}：${p.error[lang]}`);
    return out.map(shortenNumbers);
  }
  if (!decided && (!lost || lost.isZero())) return [];
  if (n.status === undefined && n.judged === undefined) {
    for (const p of n.children) {
      const pl = lossOf(p);
      if (pl && pl.value.sign() > 0) out.push(partLine(p, n, pl, lang));
    }
  }
  out.push(...ownLines(n, lang));
  if (n.override && !out.some((l) => l.includes(n.override?.reason ?? "\u0000")))
    out.push(
      lang === "zh"
        ? `改判为 ${n.override.value}：${n.override.reason}`
        : `overridden to ${n.override.value}: ${n.override.reason}`,
    );
  return out.map(shortenNumbers);
}
