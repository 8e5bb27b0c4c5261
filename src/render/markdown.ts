/**
 * The 评分表 as a GitHub-flavoured Markdown table. GFM has no merged cells:
 * a group's name is written on the first row it covers and left empty below.
 * Cells escape `|` and carry line breaks as <br> (mdCell).
 */
import { mdCell } from "../cli/batch/formats/md.js";
import { levelText, type Annex } from "./annex.js";
import { colon, headings, rubricTitle, words } from "./labels.js";

export function annexMarkdown(a: Annex, heading?: string): string {
  const w = words(a.lang);
  const head = headings(a);
  const numeric = new Set([a.levels, ...(a.scored ? [a.levels + 3] : [])]);
  const lines = [
    `# ${mdCell(heading ?? `${rubricTitle(a)} ${a.scored ? w.report : w.form}`)}`,
    "",
    `| ${head.map(mdCell).join(" | ")} |`,
    `|${head.map((_, i) => (numeric.has(i) ? "---:" : "---")).join("|")}|`,
  ];
  for (const r of a.rows) {
    const levels: string[] = Array.from({ length: a.levels }, () => "");
    for (const c of r.cells) levels[c.level] = levelText(c, a.lang);
    const cells = [...levels, r.points, r.note, r.standard];
    if (r.result) cells.push(r.result.score ?? "—", r.result.reasons.join("\n"));
    if (r.changes) cells.push(r.changes.join("\n"));
    lines.push(`| ${cells.map(mdCell).join(" | ")} |`);
  }
  const total: string[] = [w.total, ...Array.from({ length: a.levels - 1 }, () => ""), a.total.points];
  if (a.scored) {
    total.push(a.total.grade ? `${w.grade}${colon(a.lang)}${a.total.grade}` : "", "", a.total.score ?? "—");
    total.push(a.total.lost ? w.lostTotal(a.total.lost) : "");
  } else total.push("", "");
  if (a.base) total.push("");
  lines.push(`| ${total.map(mdCell).join(" | ")} |`);
  if (a.removed.length > 0)
    lines.push("", `${w.removed}${colon(a.lang)}`, "", ...a.removed.map((r) => `- ${mdCell(r)}`));
  return `${lines.join("\n")}\n`;
}
