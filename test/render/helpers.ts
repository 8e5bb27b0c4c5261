/** Running `rubric render` / `rubric score` in-process, and where the tests keep what they produce. */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mainAsync } from "../../src/cli/main.js";
import { scoreRubric } from "../../src/compiler/evaluate/rubric.js";
import { analyzeProgram } from "../../src/compiler/program.js";
import type { NodeReport } from "../../src/runtime/report.js";

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mainAsync(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    color: false,
    env: { RUBRIC_LANG: "zh" },
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Kept after the run (screenshots, PDFs, converted sheets), ignored by git. */
export function outputDir(name: string): string {
  const dir = join("test", ".output", "render", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const CHROMIUM = "/usr/bin/chromium";
export const LIBREOFFICE = "/usr/bin/libreoffice";
export const hasChromium = existsSync(CHROMIUM);
export const hasLibreOffice = existsSync(LIBREOFFICE);

/** The three Shenzhen departments whose reports are seeds 001–003: file, example, total, grade. */
export const SHENZHEN = [
  { file: "rubrics/dapeng-zsj-2021.rubric", example: "大鹏新区政数局 2021 年度部门整体支出绩效自评", total: "93.76" },
  { file: "rubrics/yantian-qwb-2023.rubric", example: "盐田区委办 2023 年度部门整体支出绩效自评", total: "94.91" },
  { file: "rubrics/luohu-zsj-2023.rubric", example: "罗湖区政数局 2023 年度部门整体支出绩效自评", total: "97.11" },
] as const;

export interface ExampleIndicator {
  readonly path: string;
  readonly name: string;
  readonly points: string;
  readonly score: string | null;
  /** The 一级指标 it belongs to. */
  readonly group: string;
}

/** The indicators of a Shenzhen example's report, in table order, as the reference evaluator scores them. */
export function exampleIndicators(file: string, title: string): ExampleIndicator[] {
  const program = analyzeProgram([
    { file, text: readFileSync(file, "utf8") },
    { file: "rubrics/shenzhen-common-2023.rubric", text: readFileSync("rubrics/shenzhen-common-2023.rubric", "utf8") },
  ]);
  const ex = program.examples.find((e) => e.title === title);
  if (!ex?.rubric || !ex.scoring) throw new Error(`no example ${title}`);
  const { report } = scoreRubric(ex.rubric, ex.scoring);
  const rows: ExampleIndicator[] = [];
  const walk = (n: NodeReport, group: string): void => {
    if (n.kind === "indicator")
      rows.push({ path: n.path.join("."), name: n.name, points: n.points, score: n.score, group });
    else for (const c of n.children) walk(c, group);
  };
  for (const g of report.tree) walk(g, g.name);
  return rows;
}
