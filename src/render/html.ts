/**
 * The 评分表 (and a department's score report) as one self-contained HTML
 * document: inline stylesheet, charts as inline SVG, no script, no external
 * resource (a Content-Security-Policy forbids any), printable on A4.
 */
import { levelText, type Annex, type AnnexRow, type LevelCell } from "./annex.js";
import { barChartSvg, type Bar } from "./chart.js";
import { colon, headings, rubricTitle, words } from "./labels.js";
import { FONT_STACK, STYLE } from "./style.js";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

export const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

export function page(lang: "zh" | "en", title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
${CSP}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rubric">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface DocumentInfo {
  /** Who was scored: an example's title or a department's id. */
  readonly subject?: string;
  /** Link back to the batch index. */
  readonly indexHref?: string;
}

function levelCell(c: LevelCell, a: Annex): string {
  const n = c.node;
  const span = `${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ""}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ""}`;
  const cls = `level lvl${c.level}${a.changed.has(n) ? " changed" : ""}`;
  if (n.kind === "indicator")
    return `<th scope="row" class="${cls}"${span}>${esc(levelText(c, a.lang)).replace(/\n/g, "<br>")}</th>`;
  const pts = a.lang === "zh" ? `（${n.points.toString()}分）` : ` (${n.points.toString()} pts)`;
  const title = n.title && n.title !== n.name ? `<br>${esc(n.title)}` : "";
  const got =
    c.score !== undefined
      ? `<span class="got">${a.lang === "zh" ? `得分 ${c.score ?? "—"}` : `score ${c.score ?? "—"}`}</span>`
      : "";
  return `<th scope="rowgroup" class="${cls}"${span}>${esc(n.name)}<span class="pts">${esc(pts)}</span>${title}${got}</th>`;
}

function row(r: AnnexRow, a: Annex): string {
  const lost = r.result?.lost !== undefined && r.result.lost !== null && r.result.lost !== "0";
  const cells = r.cells.map((c) => levelCell(c, a));
  cells.push(`<td class="num points">${esc(r.points)}</td>`);
  cells.push(`<td class="text note">${esc(r.note)}</td>`, `<td class="text standard">${esc(r.standard)}</td>`);
  if (r.result) {
    cells.push(`<td class="num score">${esc(r.result.score ?? "—")}</td>`);
    cells.push(`<td class="reasons">${r.result.reasons.map((l) => `<p>${esc(l)}</p>`).join("")}</td>`);
  }
  if (r.changes) cells.push(`<td class="changes">${esc(r.changes.join("\n"))}</td>`);
  const cls = [lost ? "lost" : "", a.changed.has(r.leaf) ? "changed" : ""].filter(Boolean).join(" ");
  return `<tr data-path="${esc(r.leaf.path.join("."))}"${cls ? ` class="${cls}"` : ""}>${cells.join("")}</tr>`;
}

function colgroup(a: Annex): string {
  const w = [...Array.from({ length: a.levels }, () => 8), 5, 20, a.scored ? 26 : 34];
  if (a.scored) w.push(5, 24);
  if (a.base) w.push(12);
  const sum = w.reduce((s, x) => s + x, 0);
  return `<colgroup>${w.map((x) => `<col style="width:${((100 * x) / sum).toFixed(2)}%">`).join("")}</colgroup>`;
}

export function annexTable(a: Annex): string {
  const w = words(a.lang);
  const head = `<thead><tr>${headings(a)
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join("")}</tr></thead>`;
  // One tbody per top-level group: the print stylesheet starts each on a new page.
  const bodies: string[] = [];
  let current: string[] = [];
  for (const r of a.rows) {
    if (r.cells[0]?.level === 0 && current.length > 0) {
      bodies.push(`<tbody class="group">${current.join("\n")}</tbody>`);
      current = [];
    }
    current.push(row(r, a));
  }
  if (current.length > 0) bodies.push(`<tbody class="group">${current.join("\n")}</tbody>`);
  const t = a.total;
  const totalCells = [
    `<th scope="row"${a.levels > 1 ? ` colspan="${a.levels}"` : ""}>${esc(w.total)}</th>`,
    `<td class="num points">${esc(t.points)}</td>`,
  ];
  if (a.scored) {
    totalCells.push(`<td colspan="2" class="grade">${t.grade ? esc(`${w.grade}${colon(a.lang)}${t.grade}`) : ""}</td>`);
    totalCells.push(`<td class="num score">${esc(t.score ?? "—")}</td>`);
    totalCells.push(`<td class="reasons">${t.lost ? esc(w.lostTotal(t.lost)) : ""}</td>`);
  } else totalCells.push(`<td colspan="2"></td>`);
  if (a.base) totalCells.push("<td></td>");
  const total = `<tbody class="total"><tr class="total">${totalCells.join("")}</tr></tbody>`;
  return `<table class="annex">${colgroup(a)}${head}\n${bodies.join("\n")}\n${total}</table>`;
}

/** Bars for the indicators that lost points, in table order. */
export function indicatorBars(a: Annex): Bar[] {
  return a.rows
    .filter((r) => r.result?.lost && r.result.lost !== "0" && !r.result.lost.startsWith("-"))
    .map((r) => ({ label: r.leaf.name, value: r.result?.lost ?? "0" }));
}

async function analysis(a: Annex): Promise<string> {
  const w = words(a.lang);
  const bars = indicatorBars(a);
  if (bars.length === 0)
    return `<section class="analysis"><h2>${esc(w.lostByIndicator)}</h2><p class="note">${esc(w.noLoss)}</p></section>`;
  const groups = a.groups.map((g) => ({ label: g.name, value: g.lost ?? "0" }));
  const ind = await barChartSvg(bars, { color: "#9e2a2b", font: FONT_STACK }, w.lostByIndicator);
  const grp = await barChartSvg(groups, { color: "#44546a", font: FONT_STACK }, w.lostByGroup);
  return `<section class="analysis">
<h2>${esc(a.lang === "zh" ? "扣分分析" : "Where points were lost")}</h2>
<figure class="chart" data-chart="indicators" data-bars="${bars.length}"><figcaption>${esc(w.lostByIndicator)}（${esc(a.lang === "zh" ? "分" : "points")}）</figcaption>${ind}</figure>
<figure class="chart" data-chart="groups" data-bars="${groups.length}"><figcaption>${esc(w.lostByGroup)}（${esc(a.lang === "zh" ? "分" : "points")}）</figcaption>${grp}</figure>
</section>`;
}

export async function annexHtml(a: Annex, info: DocumentInfo = {}): Promise<string> {
  const w = words(a.lang);
  const zh = a.lang === "zh";
  const heading = a.scored
    ? zh
      ? "部门整体支出绩效评价指标评分情况表"
      : "Performance evaluation: indicator scores"
    : zh
      ? "绩效评价指标评分表"
      : "Performance evaluation scoring form";
  const subject = info.subject ?? rubricTitle(a);
  const meta = [
    `${zh ? "评分表" : "Rubric"}${colon(a.lang)}${rubricTitle(a)}`,
    ...(a.rubric.locality ? [a.rubric.locality] : []),
    ...(a.base
      ? [
          `${zh ? "基础评分表" : "Base"}${colon(a.lang)}${a.base.year !== undefined ? `${a.base.name} ${a.base.year}` : a.base.name}`,
        ]
      : []),
  ].join(" · ");
  const summary = a.scored
    ? `<dl class="summary"><div><dt>${esc(w.total)}</dt><dd class="total">${esc(a.total.score ?? "—")}</dd></div><div><dt>${esc(zh ? "满分" : "Out of")}</dt><dd>${esc(a.total.points)}</dd></div><div><dt>${esc(zh ? "扣分" : "Lost")}</dt><dd>${esc(a.total.lost ?? "—")}</dd></div><div><dt>${esc(w.grade)}</dt><dd class="grade">${esc(a.total.grade ?? "—")}</dd></div></dl>`
    : "";
  const back = info.indexHref
    ? `<p class="note"><a href="${esc(info.indexHref)}">${esc(zh ? "← 返回汇总" : "← back to the summary")}</a></p>`
    : "";
  const removed =
    a.removed.length > 0
      ? `<p class="note">${esc(w.removed)}${colon(a.lang)}</p><ul class="removed">${a.removed.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>`
      : "";
  const source = a.rubric.source ? `${esc(w.source)}${colon(a.lang)}${esc(a.rubric.source)}<br>` : "";
  const body = `${back}<header class="doc">
<p class="annex-label">${esc(zh ? "附件" : "Annex")}</p>
<h1>${esc(heading)}</h1>
<p class="subject">${esc(subject)}</p>
<p class="meta">${esc(meta)}</p>
</header>
${summary}
${annexTable(a)}
${removed}
${a.scored ? await analysis(a) : ""}
<footer class="doc">${source}${esc(zh ? "由 rubric 根据评分表与评分记录生成；得分为精确计算结果。" : "Generated by rubric from the rubric and the scoring record; scores are exact.")}</footer>`;
  return page(a.lang, `${subject} — ${heading}`, body);
}
