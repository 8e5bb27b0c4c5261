/** One scored (or failed) department, as the output formats see it. */
import type { NodeReport, Report, Text } from "../../runtime/report.js";
import type { InputError } from "../../runtime/scorer.js";

export type Lang = "zh" | "en";

export interface RowResult {
  readonly row: number;
  readonly line?: number;
  /** What `line` counts: file lines (CSV, JSON) or sheet rows (XLSX). */
  readonly lineKind: "line" | "sheet-row";
  readonly single?: boolean;
  readonly id?: string;
  /** The rubric's display key ("name year"). */
  readonly rubric?: string;
  readonly report?: Report;
  readonly errors: readonly InputError[];
}

export function failed(r: RowResult): boolean {
  return r.errors.length > 0 || !r.report || r.report.total === null;
}

/** "row 3 (line 4)" / "第 3 行（文件第 4 行）". */
export function where(r: Pick<RowResult, "row" | "line" | "lineKind">, lang: Lang): string {
  if (lang === "zh") {
    const at =
      r.line === undefined ? "" : r.lineKind === "sheet-row" ? `（工作表第 ${r.line} 行）` : `（文件第 ${r.line} 行）`;
    return `第 ${r.row} 行${at}`;
  }
  const at = r.line === undefined ? "" : r.lineKind === "sheet-row" ? ` (sheet row ${r.line})` : ` (line ${r.line})`;
  return `row ${r.row}${at}`;
}

/** The messages of a failed row, one per error (scoring errors of the report included). */
export function errorTexts(r: RowResult): Text[] {
  const out = r.errors.map((e) => e.message);
  if (r.report)
    for (const e of r.report.errors)
      out.push({ zh: `指标「${e.path}」：${e.message.zh}`, en: `indicator '${e.path}': ${e.message.en}` });
  return out;
}

export function* indicatorNodes(tree: readonly NodeReport[]): Generator<NodeReport> {
  for (const n of tree) {
    if (n.kind === "indicator") yield n;
    else if (n.kind === "group") yield* indicatorNodes(n.children);
  }
}

/** Dotted paths of node paths: reports share their nodes' path arrays, so each is joined once. */
const dotted = new WeakMap<readonly string[], string>();

function addIndicators(nodes: readonly NodeReport[], m: Map<string, NodeReport>): void {
  for (const n of nodes) {
    if (n.kind === "indicator") {
      let key = dotted.get(n.path);
      if (key === undefined) {
        key = n.path.join(".");
        dotted.set(n.path, key);
      }
      m.set(key, n);
    } else if (n.kind === "group") addIndicators(n.children, m);
  }
}

/** Final score and trace of every indicator, by dotted path. */
export function indicatorMap(report: Report | undefined): Map<string, NodeReport> {
  const m = new Map<string, NodeReport>();
  if (report) addIndicators(report.tree, m);
  return m;
}

/** An indicator's trace as lines: its own, then each part's, indented. */
export function traceLines(n: NodeReport, lang: Lang): string[] {
  const out: string[] = [];
  for (const t of n.trace) out.push(t[lang]);
  for (const c of n.clamps) out.push(lang === "zh" ? `截取 ${c.from} → ${c.to}` : `clamped ${c.from} → ${c.to}`);
  if (n.error) out.push(n.error[lang]);
  for (const p of n.children) {
    out.push(`${p.name} = ${p.score ?? "—"} / ${p.points}`);
    for (const line of traceLines(p, lang)) out.push(`  ${line}`);
  }
  return out;
}
