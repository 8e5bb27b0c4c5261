/**
 * `rubric diff` output: terminal text (colour only when asked, i.e. on a
 * TTY), Markdown (GFM: `|` and line breaks escaped in tables) and a
 * self-contained HTML page. One set of sections for all three.
 */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import type { Text } from "../runtime/report.js";
import type { NodeChange, RubricDiff } from "./compare.js";
import type { Rescored } from "./rescore.js";
import type { DiffRun } from "./words.js";

export type DiffFormat = "text" | "md" | "html";

const L = {
  title: { zh: "评分表对比", en: "Rubric comparison" },
  points: { zh: "分值变化", en: "Points changed" },
  tree: { zh: "指标增删、改名与移动", en: "Indicators added, removed, renamed or moved" },
  rules: { zh: "规则变化（按语法树比较）", en: "Rules changed (compared as syntax trees)" },
  texts: { zh: "指标说明与评分标准的文字变化", en: "Notes and standards changed" },
  mods: { zh: "以继承（extends）表达这些变化", en: "The same as `extends` modifications" },
  scores: { zh: "按两份评分表重新评分", en: "Scored under both rubrics" },
  none: { zh: "无", en: "none" },
  added: { zh: "新增", en: "added" },
  removed: { zh: "删除", en: "removed" },
  renamed: { zh: "改名", en: "renamed" },
  moved: { zh: "移动", en: "moved" },
  note: { zh: "指标说明", en: "note" },
  standard: { zh: "评分标准", en: "standard" },
  total: { zh: "总分", en: "total" },
  dept: { zh: "部门", en: "department" },
  grade: { zh: "等级", en: "grade" },
  changed: { zh: "得分不同的指标", en: "indicators scored differently" },
  failed: { zh: "无法评分", en: "not scored" },
} satisfies Record<string, Text>;

export interface Paint {
  readonly del: (s: string) => string;
  readonly ins: (s: string) => string;
  readonly head: (s: string) => string;
}
const plain: Paint = { del: (s) => `[-${s}-]`, ins: (s) => `{+${s}+}`, head: (s) => s };

const p = (path: readonly string[]): string => path.join(".");
const colon = (lang: Lang): string => (lang === "zh" ? "：" : ": ");

function changeLine(c: NodeChange, lang: Lang): string | undefined {
  switch (c.kind) {
    case "added":
      return `${L.added[lang]} ${c.node.kind === "group" ? (lang === "zh" ? "分组" : "group") : lang === "zh" ? "指标" : "indicator"} ${p(c.path)} ${c.node.points.toString()}`;
    case "removed":
      return `${L.removed[lang]} ${p(c.path)} ${c.node.points.toString()}`;
    case "renamed":
      return `${L.renamed[lang]} ${p(c.from)} → ${p(c.to)}`;
    case "moved":
      return `${L.moved[lang]} ${p(c.from)} → ${p(c.to)}`;
    default:
      return undefined;
  }
}

interface Sections {
  readonly title: string;
  readonly points: string[];
  readonly tree: string[];
  readonly rules: string[];
  readonly texts: { label: string; runs: readonly DiffRun[] }[];
  readonly mods: readonly string[];
}

function sections(d: RubricDiff, lang: Lang): Sections {
  const name = (m: RubricDiff["old"]): string => (m.year !== undefined ? `${m.name} ${m.year}` : m.name);
  const points = d.changes.flatMap((c) =>
    c.kind === "points" || c.kind === "part-points" ? [`${p(c.path)} ${c.from.toString()} → ${c.to.toString()}`] : [],
  );
  if (d.total) points.unshift(`${L.total[lang]} ${d.total.from} → ${d.total.to}`);
  return {
    title: `${L.title[lang]}${lang === "zh" ? "：" : ": "}${name(d.old)} → ${name(d.new)}`,
    points,
    tree: d.changes.flatMap((c) => changeLine(c, lang) ?? []),
    rules: d.changes.flatMap((c) => (c.kind === "rule" ? [p(c.path)] : [])),
    texts: d.changes.flatMap((c) =>
      c.kind === "text" ? [{ label: `${p(c.path)} · ${L[c.field][lang]}`, runs: c.runs }] : [],
    ),
    mods: d.modifications,
  };
}

const runsWith = (runs: readonly DiffRun[], paint: Paint): string =>
  runs.map((r) => (r.op === "same" ? r.text : r.op === "del" ? paint.del(r.text) : paint.ins(r.text))).join("");

function scoreCells(r: Rescored, lang: Lang): [string, string, string, string, string] {
  const side = (s: Rescored["old"]): string =>
    s.error ? `${L.failed[lang]}${colon(lang)}${s.error[lang]}` : (s.total ?? "—");
  const ind = r.indicators.map((i) => `${i.path} ${i.old ?? "—"} → ${i.new ?? "—"}`).join(lang === "zh" ? "；" : "; ");
  return [r.id, side(r.old), side(r.new), `${r.old.grade ?? "—"} → ${r.new.grade ?? "—"}`, ind];
}

export function renderText(
  d: RubricDiff,
  rows: readonly Rescored[] | undefined,
  lang: Lang,
  paint: Paint = plain,
): string {
  const s = sections(d, lang);
  const out: string[] = [paint.head(s.title), ""];
  const list = (title: Text, items: readonly string[]): void => {
    out.push(paint.head(title[lang]));
    out.push(...(items.length > 0 ? items.map((i) => `  ${i}`) : [`  ${L.none[lang]}`]), "");
  };
  list(L.points, s.points);
  list(L.tree, s.tree);
  list(L.rules, s.rules);
  out.push(paint.head(L.texts[lang]));
  if (s.texts.length === 0) out.push(`  ${L.none[lang]}`);
  for (const t of s.texts)
    out.push(
      `  ${t.label}`,
      ...runsWith(t.runs, paint)
        .split("\n")
        .map((l) => `    ${l}`),
    );
  out.push("");
  list(L.mods, s.mods);
  if (rows) {
    out.push(paint.head(L.scores[lang]));
    for (const r of rows) {
      const [id, o, n, g, ind] = scoreCells(r, lang);
      out.push(lang === "zh" ? `  ${id}：总分 ${o} → ${n}（等级 ${g}）` : `  ${id}: total ${o} → ${n} (grade ${g})`);
      if (ind !== "") out.push(`    ${ind}`);
    }
    out.push("");
  }
  return out.join("\n").replace(/\n+$/, "\n");
}

const mdCell = (s: string): string => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
const mdText = (s: string): string => s.replace(/([\\`*_[\]<>|~])/g, "\\$1");

export function renderMarkdown(d: RubricDiff, rows: readonly Rescored[] | undefined, lang: Lang): string {
  const s = sections(d, lang);
  const out: string[] = [`# ${mdText(s.title)}`, ""];
  const list = (title: Text, items: readonly string[]): void => {
    out.push(`## ${title[lang]}`, "", ...(items.length > 0 ? items.map((i) => `- ${mdText(i)}`) : [L.none[lang]]), "");
  };
  list(L.points, s.points);
  list(L.tree, s.tree);
  list(L.rules, s.rules);
  out.push(`## ${L.texts[lang]}`, "");
  if (s.texts.length === 0) out.push(L.none[lang], "");
  const md: Paint = { del: (x) => `~~${mdText(x)}~~`, ins: (x) => `**${mdText(x)}**`, head: (x) => x };
  for (const t of s.texts) {
    const body = t.runs
      .map((r) => (r.op === "same" ? mdText(r.text) : r.op === "del" ? md.del(r.text) : md.ins(r.text)))
      .join("");
    out.push(`- ${mdText(t.label)}${colon(lang)}${body.replace(/\n/g, "<br>")}`);
  }
  out.push("", `## ${L.mods[lang]}`, "", "```", ...s.mods, "```", "");
  if (rows) {
    out.push(`## ${L.scores[lang]}`, "");
    out.push(
      `| ${L.dept[lang]} | ${L.total[lang]}（旧/old） | ${L.total[lang]}（新/new） | ${L.grade[lang]} | ${L.changed[lang]} |`,
    );
    out.push("|---|---:|---:|---|---|");
    for (const r of rows) out.push(`| ${scoreCells(r, lang).map(mdCell).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderHtml(d: RubricDiff, rows: readonly Rescored[] | undefined, lang: Lang): string {
  const s = sections(d, lang);
  const list = (title: Text, items: readonly string[]): string =>
    `<h2>${esc(title[lang])}</h2>${items.length > 0 ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : `<p>${L.none[lang]}</p>`}`;
  const texts = s.texts
    .map(
      (t) =>
        `<h3>${esc(t.label)}</h3><p class="words">${t.runs
          .map((r) => (r.op === "same" ? esc(r.text) : `<${r.op}>${esc(r.text)}</${r.op}>`))
          .join("")}</p>`,
    )
    .join("");
  const table = rows
    ? `<h2>${L.scores[lang]}</h2><table><thead><tr><th>${L.dept[lang]}</th><th>${L.total[lang]}（旧/old）</th><th>${L.total[lang]}（新/new）</th><th>${L.grade[lang]}</th><th>${L.changed[lang]}</th></tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr>${scoreCells(r, lang)
              .map((c, i) => `<td${i === 1 || i === 2 ? ' class="num"' : ""}>${esc(c)}</td>`)
              .join("")}</tr>`,
        )
        .join("")}</tbody></table>`
    : "";
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(s.title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;line-height:1.6}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.words{white-space:pre-wrap}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;vertical-align:top}
td.num{text-align:right}pre{background:#f5f5f5;padding:.8em}
</style></head><body>
<h1>${esc(s.title)}</h1>
${list(L.points, s.points)}
${list(L.tree, s.tree)}
${list(L.rules, s.rules)}
<h2>${L.texts[lang]}</h2>${texts || `<p>${L.none[lang]}</p>`}
<h2>${esc(L.mods[lang])}</h2><pre>${esc(s.mods.join("\n"))}</pre>
${table}
</body></html>
`;
}
