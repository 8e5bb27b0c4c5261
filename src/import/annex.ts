/**
 * Reads an annex grid (评分表 as finance bureaus publish it) into a tree of
 * groups and indicators with points, texts and scores, each with the sheet
 * row it came from. The header is found by its words, in any column order,
 * over one row or several (评价指标 / 一级指标 / 名称 · 参考分值); header rows
 * repeated at page breaks are skipped; a 总分/合计 row gives the total.
 */
import { Exact } from "../runtime/exact.js";
import type { Text } from "../runtime/report.js";
import type { Annex, AnnexGroup, AnnexIndicator, AnnexNode, AnnexResult } from "./annex-types.js";
import { readRenderedNames } from "./rendered-names.js";
import { columnLetter, type Grid, type GridRow } from "./table.js";

export type { Annex, AnnexGroup, AnnexIndicator, AnnexNode, AnnexResult } from "./annex-types.js";

type Role =
  | { kind: "name"; level: number }
  | { kind: "points"; level: number }
  | { kind: "leaf-points" }
  | { kind: "note" }
  | { kind: "standard" }
  | { kind: "score" }
  | { kind: "reason" };

const LEVEL = /^([一二三四五六])级(?:指标)?/;
const LEVELS = "一二三四五六";
const POINTS_WORDS = ["参考分值", "分值", "标准分值", "权重", "权重分", "分数", "满分", "指标分值"];
const NAME_WORDS = ["名称", "指标名称", "指标"];
const NOTE_WORDS = ["指标说明", "指标解释", "指标内涵", "说明"];
const STANDARD_WORDS = ["评分标准", "参考评分标准", "评分细则", "评分办法", "计分方法", "评分方法"];
const SCORE_WORDS = ["得分", "自评得分", "评价得分", "实际得分", "评分", "自评分"];
const REASON_WORDS = ["扣分原因", "扣分理由", "扣分说明", "得分说明", "评分理由"];
const PARENT_WORDS = ["评价指标", "指标体系", "序号"];
const HEADER_WORDS = new Set([
  ...POINTS_WORDS,
  ...NAME_WORDS,
  ...NOTE_WORDS,
  ...STANDARD_WORDS,
  ...SCORE_WORDS,
  ...REASON_WORDS,
  ...PARENT_WORDS,
]);
const TOTAL = /^(总分|合计|总计|总计得分|得分合计|总得分)$/;

const squash = (s: string): string => s.replace(/[\s（）()：:]/g, "");
const isHeaderWord = (s: string): boolean => LEVEL.test(squash(s)) || HEADER_WORDS.has(squash(s));
const isHeaderRow = (r: GridRow): boolean => {
  const words = r.cells.filter((c) => c.text !== "");
  return words.length > 0 && words.every((c) => isHeaderWord(c.text));
};

/** Where a cell is, for messages: sheet, row and column (with the column's header). */
export function place(grid: Grid, row: number, col: number, header?: string): Text {
  const h = header ? `（${header}）` : "";
  const he = header ? ` (${header})` : "";
  return grid.kind === "xlsx"
    ? {
        zh: `工作表「${grid.sheet}」第 ${row} 行 ${columnLetter(col)} 列${h}`,
        en: `sheet '${grid.sheet}' row ${row} column ${columnLetter(col)}${he}`,
      }
    : { zh: `${grid.sheet} 第 ${row} 行第 ${col + 1} 列${h}`, en: `${grid.sheet} line ${row} column ${col + 1}${he}` };
}

function roleOf(words: readonly string[]): Role | undefined {
  const w = words.map(squash);
  const level = w.map((x) => LEVEL.exec(x)?.[1]).find((x) => x !== undefined);
  const has = (list: readonly string[]): boolean =>
    w.some((x) => list.includes(x) || (x !== "" && list.includes(x.replace(LEVEL, ""))));
  if (has(REASON_WORDS)) return { kind: "reason" };
  if (has(STANDARD_WORDS)) return { kind: "standard" };
  if (has(NOTE_WORDS) && level === undefined) return { kind: "note" };
  if (level !== undefined) {
    const n = LEVELS.indexOf(level);
    return has(POINTS_WORDS) ? { kind: "points", level: n } : { kind: "name", level: n };
  }
  if (has(POINTS_WORDS)) return { kind: "leaf-points" };
  if (has(SCORE_WORDS)) return { kind: "score" };
  return undefined;
}

/** The header block: the rows around the first row naming a level (一级指标…), all made of header words. */
function findHeader(grid: Grid): { first: number; last: number } | undefined {
  const limit = Math.min(grid.rows.length, 40);
  for (let i = 0; i < limit; i++) {
    const r = grid.rows[i];
    if (!r?.cells.some((c) => LEVEL.test(squash(c.text)))) continue;
    let first = i;
    let last = i;
    while (first > 0 && isHeaderRow(grid.rows[first - 1] as GridRow)) first--;
    while (last + 1 < grid.rows.length && isHeaderRow(grid.rows[last + 1] as GridRow)) last++;
    return { first, last };
  }
  return undefined;
}

function columnRoles(grid: Grid, first: number, last: number): Map<number, Role> {
  const width = Math.max(...grid.rows.slice(first, last + 1).map((r) => r.cells.length));
  const words: string[][] = Array.from({ length: width }, () => []);
  for (let i = first; i <= last; i++) {
    const cells = grid.rows[i]?.cells ?? [];
    for (let c = 0; c < width; c++) {
      const t = cells[c]?.text ?? "";
      if (t !== "") words[c]?.push(t);
    }
  }
  // A CSV header spans nothing: a column under 一级指标 that only says 参考分值 takes the level from its left.
  for (let c = 1; c < width; c++) {
    const own = words[c] ?? [];
    if (own.some((w) => LEVEL.test(squash(w)))) continue;
    if (!own.some((w) => POINTS_WORDS.includes(squash(w)) || NAME_WORDS.includes(squash(w)))) continue;
    if (
      own.some(
        (w) =>
          !POINTS_WORDS.includes(squash(w)) && !NAME_WORDS.includes(squash(w)) && !PARENT_WORDS.includes(squash(w)),
      )
    )
      continue;
    const left = words[c - 1]?.find((w) => LEVEL.test(squash(w)));
    if (left) own.unshift(left);
  }
  const roles = new Map<number, Role>();
  words.forEach((ws, c) => {
    const role = roleOf(ws);
    if (role) roles.set(c, role);
  });
  return roles;
}

function points(grid: Grid, r: GridRow, col: number, header: string): Exact | Text | undefined {
  const raw = r.cells[col]?.text ?? "";
  if (raw === "" || raw === "-" || raw === "—" || raw === "/") return undefined;
  const t = raw
    .replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s*分$/, "")
    .trim();
  const v = /^\d+(?:\.\d+)?$/.test(t) ? Exact.parse(t) : undefined;
  if (v) return v;
  const at = place(grid, r.row, col, header);
  return { zh: `${at.zh}：「${raw}」不是数字`, en: `${at.en}: '${raw}' is not a number` };
}

const isText = (x: unknown): x is Text => typeof x === "object" && x !== null && "zh" in x;

export function readAnnex(grid: Grid): AnnexResult {
  const header = findHeader(grid);
  if (!header)
    return {
      error: {
        zh: `${grid.kind === "xlsx" ? `工作表「${grid.sheet}」` : grid.sheet}：找不到表头行（应有“一级指标”“二级指标”“分值”“评分标准”等列名），这不像是评分表附件`,
        en: `${grid.kind === "xlsx" ? `sheet '${grid.sheet}'` : grid.sheet}: no header row found (expected columns such as 一级指标, 二级指标, 分值, 评分标准); this does not look like an annex table`,
      },
    };
  const roles = columnRoles(grid, header.first, header.last);
  const col = (pred: (r: Role) => boolean): number | undefined => [...roles].find(([, r]) => pred(r))?.[0];
  const nameCols: number[] = [];
  const pointCols: (number | undefined)[] = [];
  for (let l = 0; l < LEVELS.length; l++) {
    const c = col((r) => r.kind === "name" && r.level === l);
    if (c === undefined) break;
    nameCols.push(c);
    pointCols.push(col((r) => r.kind === "points" && r.level === l));
  }
  const leaf = nameCols.length - 1;
  const leafPoints = pointCols[leaf] ?? col((r) => r.kind === "leaf-points");
  const headerRow = grid.rows[header.first] as GridRow;
  if (nameCols.length < 2 || leafPoints === undefined)
    return {
      error: {
        zh: `${place(grid, headerRow.row, 0).zh}起的表头缺少${nameCols.length < 2 ? "至少两级指标名称列（一级指标、二级指标）" : "末级指标的分值列"}`,
        en: `the header at ${place(grid, headerRow.row, 0).en} lacks ${nameCols.length < 2 ? "at least two levels of indicator names (一级指标, 二级指标)" : "a points column for the last level"}`,
      },
    };
  pointCols[leaf] = leafPoints;
  const noteCol = col((r) => r.kind === "note");
  const standardCol = col((r) => r.kind === "standard");
  const scoreCol = col((r) => r.kind === "score");
  const reasonCol = col((r) => r.kind === "reason");
  const label = (l: number, pts: boolean): string => `${LEVELS[l]}级指标${pts ? "分值" : ""}`;

  const top: AnnexNode[] = [];
  const open: AnnexGroup[] = [];
  let current: AnnexIndicator | undefined;
  let total: Annex["total"];
  for (let i = header.last + 1; i < grid.rows.length; i++) {
    const r = grid.rows[i] as GridRow;
    if (isHeaderRow(r)) continue;
    const cell = (c: number | undefined) => (c === undefined ? undefined : r.cells[c]);
    const text = (c: number | undefined): string => cell(c)?.text ?? "";
    if (TOTAL.test(squash(text(nameCols[0])))) {
      const pts = pointCols
        .map((c) => (c === undefined ? undefined : points(grid, r, c, "分值")))
        .find((p) => p !== undefined);
      const sc = scoreCol === undefined ? undefined : points(grid, r, scoreCol, "得分");
      if (isText(pts)) return { error: pts };
      if (isText(sc)) return { error: sc };
      total = { row: r.row, ...(pts ? { points: pts } : {}), ...(sc ? { score: sc } : {}) };
      break;
    }
    // Groups: a level starts again where its name cell is written (not merged) and differs from the open one.
    for (let l = 0; l < leaf; l++) {
      const c = nameCols[l] as number;
      const name = text(c);
      const same = cell(c)?.merged === true || name === "" || open[l]?.name === name;
      if (same && open[l]) continue;
      if (name === "") {
        const at = place(grid, r.row, c, label(l, false));
        return { error: { zh: `${at.zh}：缺少指标名称`, en: `${at.en}: the indicator name is missing` } };
      }
      const pc = pointCols[l];
      const p = pc === undefined ? undefined : points(grid, r, pc, label(l, true));
      if (isText(p)) return { error: p };
      const g: AnnexGroup = { kind: "group", name, row: r.row, children: [], ...(p ? { points: p } : {}) };
      (l === 0 ? top : (open[l - 1] as AnnexGroup).children).push(g);
      open.length = l;
      open[l] = g;
      current = undefined;
    }
    const leafName = text(nameCols[leaf]);
    const continued = leafName === "" || cell(nameCols[leaf])?.merged === true;
    const opened = open[leaf - 1];
    if (continued && opened?.row === r.row && opened.children.length === 0) {
      // A group opened on a row with no indicator: a group whose indicators are left to fill in (a slot);
      // its points may stand in the indicators' 分值 column.
      if (opened.points === undefined) {
        const p = points(grid, r, leafPoints, label(leaf, true));
        if (isText(p)) return { error: p };
        if (p) open[leaf - 1] = replaceGroup(top, opened, { ...opened, points: p });
      }
      current = undefined;
      continue;
    }
    if (continued) {
      // A row that only continues the texts of the indicator above (a cell split at a page break).
      if (!current) {
        if (r.cells.every((c) => c.text === "" || c.merged)) continue;
        const at = place(grid, r.row, nameCols[leaf] as number, label(leaf, false));
        return { error: { zh: `${at.zh}：缺少指标名称`, en: `${at.en}: the indicator name is missing` } };
      }
      const more = (c: number | undefined, prev: string | undefined): string | undefined => {
        const t = cell(c)?.merged ? "" : text(c);
        return t === "" ? prev : prev ? `${prev}\n${t}` : t;
      };
      current.note = more(noteCol, current.note);
      current.standard = more(standardCol, current.standard);
      continue;
    }
    const p = points(grid, r, leafPoints, label(leaf, true));
    if (isText(p)) return { error: p };
    if (!p) {
      const at = place(grid, r.row, leafPoints, label(leaf, true));
      return {
        error: { zh: `${at.zh}：指标「${leafName}」缺少分值`, en: `${at.en}: indicator '${leafName}' has no points` },
      };
    }
    const sc = scoreCol === undefined ? undefined : points(grid, r, scoreCol, "得分");
    if (isText(sc)) return { error: sc };
    const ind: AnnexIndicator = { kind: "indicator", name: leafName, points: p, row: r.row };
    if (text(noteCol) !== "") ind.note = text(noteCol);
    if (text(standardCol) !== "") ind.standard = text(standardCol);
    if (sc) ind.score = sc;
    if (text(reasonCol) !== "") ind.reason = text(reasonCol);
    const parent = open[leaf - 1];
    if (!parent) {
      const at = place(grid, r.row, nameCols[0] as number, label(0, false));
      return { error: { zh: `${at.zh}：缺少指标名称`, en: `${at.en}: the indicator name is missing` } };
    }
    parent.children.push(ind);
    current = ind;
  }
  if (top.length === 0)
    return {
      error: {
        zh: `${place(grid, headerRow.row, 0).zh}：表头之下没有指标行`,
        en: `${place(grid, headerRow.row, 0).en}: no indicator rows under the header`,
      },
    };
  return {
    sheet: grid.sheet,
    groups: readRenderedNames(top),
    ...(total ? { total } : {}),
    hasScores: scoreCol !== undefined,
  };
}

/** Puts `next` where `old` is in the tree (groups' points are read-only once built). */
function replaceGroup(nodes: AnnexNode[], old: AnnexGroup, next: AnnexGroup): AnnexGroup {
  const i = nodes.indexOf(old);
  if (i >= 0) nodes[i] = next;
  else for (const n of nodes) if (n.kind === "group") replaceGroup(n.children, old, next);
  return next;
}
