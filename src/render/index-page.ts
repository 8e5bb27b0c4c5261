/**
 * The index of a batch of score reports: how the totals are distributed, how
 * many departments got each grade, the indicators where most points were
 * lost across departments, and a link to each department's report (failed
 * rows are listed with their errors, never dropped).
 */
import { Exact } from "../runtime/exact.js";
import type { AnnexRow } from "./annex.js";
import { barChartSvg, type Bar } from "./chart.js";
import { esc, page } from "./html.js";
import type { Lang } from "./reasons.js";
import { FONT_STACK } from "./style.js";

export interface DepartmentEntry {
  readonly row: number;
  readonly label: string;
  readonly rubric?: string;
  readonly total?: string | null;
  readonly maxTotal?: string;
  readonly grade?: string | null;
  readonly lost?: string | null;
  readonly html?: string;
  readonly xlsx?: string;
  /** The rubric's grades, best first. */
  readonly grades?: readonly string[];
  readonly errors: readonly string[];
}

export interface IndicatorLoss {
  readonly name: string;
  readonly path: string;
  readonly rubrics: Set<string>;
  departments: number;
  sum: Exact;
}

export interface BatchIndex {
  readonly lang: Lang;
  readonly departments: DepartmentEntry[];
  /** By indicator path. */
  readonly losses: Map<string, IndicatorLoss>;
}

/** Adds a department's lost points (exact; an approximate score counts by its shown digits). */
export function recordLosses(index: BatchIndex, rows: readonly AnnexRow[], rubric: string): void {
  for (const r of rows) {
    const lost = r.result?.lost ? Exact.parse(r.result.lost) : undefined;
    if (!lost || lost.sign() <= 0) continue;
    const path = r.leaf.path.join(".");
    // Departments scored by different rubrics of one family share indicator paths: they are counted together.
    const e = index.losses.get(path) ?? {
      name: r.leaf.name,
      path,
      rubrics: new Set<string>(),
      departments: 0,
      sum: Exact.ZERO,
    };
    e.rubrics.add(rubric);
    e.departments++;
    e.sum = e.sum.add(lost);
    index.losses.set(path, e);
  }
}

const BINS: readonly [number, number][] = [
  [0, 60],
  [60, 70],
  [70, 80],
  [80, 85],
  [85, 90],
  [90, 95],
  [95, 100],
];

/** Totals counted per band of a 100-point scale (a total out of another maximum is scaled to 100 first). */
export function distribution(ds: readonly DepartmentEntry[]): { label: string; count: number }[] {
  const counts = BINS.map(([lo, hi]) => ({ label: hi === 100 ? `${lo}–${hi}` : `${lo}–<${hi}`, count: 0 }));
  for (const d of ds) {
    const t = d.total ? Exact.parse(d.total) : undefined;
    const m = d.maxTotal ? Exact.parse(d.maxTotal) : undefined;
    if (!t || !m || m.isZero()) continue;
    const pct = t.mul(Exact.int(100)).div(m);
    const i = BINS.findIndex(
      ([lo, hi]) => pct.ge(Exact.int(lo)) && (hi === 100 ? pct.le(Exact.int(hi)) : pct.lt(Exact.int(hi))),
    );
    const c = counts[i === -1 ? (pct.lt(Exact.ZERO) ? 0 : BINS.length - 1) : i];
    if (c) c.count++;
  }
  return counts;
}

export function gradeCounts(ds: readonly DepartmentEntry[]): { grade: string; count: number }[] {
  const order: string[] = [];
  for (const d of ds) for (const g of d.grades ?? []) if (!order.includes(g)) order.push(g);
  const counts = new Map(order.map((g) => [g, 0]));
  for (const d of ds) if (d.grade) counts.set(d.grade, (counts.get(d.grade) ?? 0) + 1);
  return [...counts].map(([grade, count]) => ({ grade, count }));
}

/** The indicators that lost the most points in all, most first (ties: more departments first, then by name). */
export function topLosses(index: BatchIndex, n = 15): IndicatorLoss[] {
  return [...index.losses.values()]
    .sort((a, b) => b.sum.cmp(a.sum) || b.departments - a.departments || a.path.localeCompare(b.path))
    .slice(0, n);
}

export async function indexHtml(index: BatchIndex): Promise<string> {
  const zh = index.lang === "zh";
  const ds = index.departments;
  const scored = ds.filter((d) => d.total);
  const failed = ds.length - scored.length;
  const dist = distribution(scored);
  const grades = gradeCounts(scored);
  const top = topLosses(index);
  let mean = "—";
  if (scored.length > 0) {
    const sum = scored.reduce((s, d) => s.add(Exact.parse(d.total ?? "0") ?? Exact.ZERO), Exact.ZERO);
    mean = sum.div(Exact.int(scored.length)).toFixed(2);
  }
  const distSvg = await barChartSvg(
    dist.map((b) => ({ label: b.label, value: String(b.count) })),
    { color: "#44546a", vertical: true, counts: true, font: FONT_STACK },
    zh ? "总分分布" : "Distribution of totals",
  );
  const gradeSvg = await barChartSvg(
    grades.map((g) => ({ label: g.grade, value: String(g.count) })),
    { color: "#44546a", vertical: true, counts: true, font: FONT_STACK, width: 420 },
    zh ? "等级分布" : "Grades",
  );
  const lossBars: Bar[] = top.map((t) => ({
    label: t.name,
    value: t.sum.toString(),
  }));
  const lossSvg =
    lossBars.length > 0
      ? await barChartSvg(lossBars, { color: "#9e2a2b", font: FONT_STACK }, zh ? "扣分最多的指标" : "Most points lost")
      : `<p class="note">${esc(zh ? "所有部门各项指标均得满分。" : "No department lost any points.")}</p>`;

  const h = (zh: string, en: string): string => esc(index.lang === "zh" ? zh : en);
  const deptRows = ds
    .map((d) => {
      const href = (f: string | undefined): string => esc(encodeURIComponent(f ?? ""));
      const name = d.html ? `<a href="${href(d.html)}">${esc(d.label)}</a>` : esc(d.label);
      const files = d.html
        ? `<a href="${href(d.html)}">HTML</a> · <a href="${href(d.xlsx)}">XLSX</a>`
        : esc(d.errors.join("；") || (zh ? "未能评分" : "not scored"));
      return `<tr${d.total ? "" : ` class="failed"`}><td class="num">${d.row}</td><td>${name}</td><td>${esc(d.rubric ?? "")}</td><td class="num total">${esc(d.total ?? "—")}</td><td>${esc(d.grade ?? "—")}</td><td class="num">${esc(d.lost ?? "—")}</td><td>${files}</td></tr>`;
    })
    .join("\n");
  const lossRows = top
    .map(
      (t, i) =>
        `<tr><td class="num">${i + 1}</td><td>${esc(t.path)}</td><td class="num">${t.departments}</td><td class="num">${esc(t.sum.toString())}</td><td class="num">${esc(t.sum.div(Exact.int(t.departments)).toFixed(2))}</td></tr>`,
    )
    .join("\n");
  const body = `<header class="doc">
<h1>${h("部门整体支出绩效评价结果汇总", "Performance evaluation: summary of departments")}</h1>
<p class="meta">${h(`共 ${ds.length} 个部门：${scored.length} 个已评分，${failed} 个未能评分`, `${ds.length} departments: ${scored.length} scored, ${failed} not scored`)}</p>
</header>
<dl class="summary"><div><dt>${h("部门数", "Departments")}</dt><dd>${scored.length}</dd></div><div><dt>${h("平均分", "Mean total")}</dt><dd>${esc(mean)}</dd></div>${grades.map((g) => `<div><dt>${esc(g.grade)}</dt><dd class="grade-count">${g.count}</dd></div>`).join("")}</dl>
<section class="batch">
<h2>${h("各部门评分报告", "Each department's report")}</h2>
<table class="list departments"><thead><tr><th>${h("行", "Row")}</th><th>${h("部门", "Department")}</th><th>${h("评分表", "Rubric")}</th><th>${h("总分", "Total")}</th><th>${h("等级", "Grade")}</th><th>${h("扣分", "Lost")}</th><th>${h("报告", "Report")}</th></tr></thead><tbody>${deptRows}</tbody></table>
</section>
<section class="batch page">
<h2>${h("总分分布", "Distribution of totals")}</h2>
<figure class="chart" data-chart="distribution" data-bars="${dist.length}">${distSvg}</figure>
<table class="list distribution"><thead><tr><th>${h("总分（百分制）", "Total (of 100)")}</th>${dist.map((b) => `<th>${esc(b.label)}</th>`).join("")}</tr></thead><tbody><tr><th>${h("部门数", "Departments")}</th>${dist.map((b) => `<td class="num">${b.count}</td>`).join("")}</tr></tbody></table>
<h2>${h("等级", "Grades")}</h2>
<figure class="chart" data-chart="grades" data-bars="${grades.length}">${gradeSvg}</figure>
<table class="list grades"><thead><tr><th>${h("等级", "Grade")}</th><th>${h("部门数", "Departments")}</th></tr></thead><tbody>${grades.map((g) => `<tr><td>${esc(g.grade)}</td><td class="num">${g.count}</td></tr>`).join("")}</tbody></table>
</section>
<section class="batch page">
<h2>${h("扣分最多的指标", "Indicators where most points were lost")}</h2>
<figure class="chart" data-chart="losses" data-bars="${lossBars.length}">${lossSvg}</figure>
<table class="list losses"><thead><tr><th>${h("序号", "#")}</th><th>${h("指标", "Indicator")}</th><th>${h("扣分部门数", "Departments losing points")}</th><th>${h("合计扣分", "Points lost in all")}</th><th>${h("扣分部门平均扣分", "Mean lost by those departments")}</th></tr></thead><tbody>${lossRows}</tbody></table>
</section>
<footer class="doc">${h("由 rubric 生成；得分为精确计算结果。", "Generated by rubric; scores are exact.")}</footer>`;
  return page(index.lang, zh ? "部门整体支出绩效评价结果汇总" : "Summary of departments", body);
}
