/**
 * `rubric import <annex.xlsx|.csv> [-o FILE] [--sheet NAME] [--name NAME] [--year N] [--lang zh|en]`
 *
 * Writes the `.rubric` skeleton of an annex table (stdout without -o), then
 * says on stderr what was recognised and whether it checks clean. Exit 0
 * when it checks clean, 1 when the table's sums are broken or the checker
 * finds errors (the skeleton is still written, to be fixed by hand), or the
 * table cannot be read; 2 on bad usage.
 */
import { parseArgs } from "node:util";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { LineIndex } from "../compiler/util/line-index.js";
import { importAnnex } from "../import/import.js";
import type { CommandIO } from "./check.js";
import { fsReason } from "./fs-errors.js";
import { colors, renderDiagnostic } from "./render.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export const IMPORT_USAGE = `usage: rubric import <annex.xlsx|.csv> [-o FILE] [--sheet NAME] [--name NAME] [--year N] [--lang zh|en]`;

/** `--lang`, else RUBRIC_LANG, else Chinese: the analysts' documents are Chinese. */
export function documentLang(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const v = option ?? env["RUBRIC_LANG"] ?? "zh";
  return v.toLowerCase().startsWith("en") ? "en" : "zh";
}

export async function runImport(args: readonly string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        sheet: { type: "string" },
        name: { type: "string" },
        year: { type: "string" },
        lang: { type: "string" },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${IMPORT_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if ((v.lang !== undefined && v.lang !== "zh" && v.lang !== "en") || parsed.positionals.length !== 1) {
    io.err(IMPORT_USAGE);
    return 2;
  }
  if (v.year !== undefined && !/^\d{4}$/.test(v.year)) {
    io.err(`--year must be a four-digit year\n${IMPORT_USAGE}`);
    return 2;
  }
  const lang = documentLang(v.lang);
  const zh = lang === "zh";
  const path = parsed.positionals[0] as string;
  const file = v.output ?? "imported.rubric";
  let result;
  try {
    result = await importAnnex(
      path,
      {
        ...(v.sheet !== undefined ? { sheet: v.sheet } : {}),
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(v.year !== undefined ? { year: Number(v.year) } : {}),
      },
      file,
    );
  } catch (e) {
    const why = fsReason(e);
    io.err(zh ? `无法读取 ${path}：${why.zh}` : `cannot read ${path}: ${why.en}`);
    return 1;
  }
  if ("error" in result) {
    io.err(result.error[lang]);
    return 1;
  }
  if (v.output) {
    try {
      writeFileAtomic(v.output, result.text);
    } catch (e) {
      const why = fsReason(e);
      io.err(zh ? `无法写入 ${v.output}：${why.zh}` : `cannot write ${v.output}: ${why.en}`);
      return 1;
    }
  } else io.out(result.text.replace(/\n$/, ""));

  let indicators = 0;
  for (const n of walk(result.annex.groups)) if (n === "indicator") indicators++;
  const encoded = result.recognised.length;
  io.err(
    zh
      ? `${indicators} 个指标，其中 ${encoded} 个的评分标准已编码为规则，其余为 judged（见 // TODO）`
      : `${indicators} indicators: ${encoded} with their scoring standard encoded as rules, the rest judged (see // TODO)`,
  );
  for (const s of result.sums) io.err(s[lang]);
  const lines = new LineIndex(result.text);
  // A broken sum is already named by its sheet row above.
  const sumCodes = new Set(["weight-sum", "total-mismatch"]);
  const errors = result.diagnostics.filter(
    (d) => d.severity !== "info" && !(result.sums.length > 0 && sumCodes.has(d.code)),
  );
  for (const d of errors) io.err(renderDiagnostic(d, () => lines, lang, colors(false)));
  const bad = result.sums.length > 0 || result.diagnostics.some((d) => d.severity === "error");
  if (!bad && errors.length === 0) io.err(zh ? "检查通过（分值之和无误）" : "checks clean (every sum holds)");
  return bad ? 1 : 0;
}

function* walk(nodes: readonly { kind: string; children?: readonly unknown[] }[]): Generator<string> {
  for (const n of nodes) {
    yield n.kind;
    if (n.children) yield* walk(n.children as { kind: string; children?: readonly unknown[] }[]);
  }
}
