/** `rubric compile <rubric-file> -o <dir> [--rubric NAME]`: typed TypeScript, JavaScript + .d.ts and a JSON Schema per rubric. */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { compileRubric } from "../compiler/codegen/compile.js";
import { diagnosticsForPaths, type CommandIO } from "./check.js";
import { colors, renderDiagnostic } from "./render.js";
import { slotDiagnostics } from "../compiler/model/slots.js";

/** A file name for a rubric: the source file's base name when it holds one rubric. */
function outputName(file: string, rubricName: string, many: boolean): string {
  const base = basename(file).replace(/\.rubric$/, "");
  return many ? `${base}.${rubricName.replace(/[\\/:*?"<>|\s]+/g, "_")}` : base;
}

export async function runCompile(paths: readonly string[], opts: { out: string; rubric?: string; lang: Lang; runtime?: string }, io: CommandIO): Promise<number> {
  const { diagnostics, linesOf, missing, program, reported } = diagnosticsForPaths(paths);
  const c = colors(io.color);
  for (const m of missing) io.err(opts.lang === "zh" ? `找不到文件：${m}` : `no such file: ${m}`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.err(renderDiagnostic(d, linesOf, opts.lang, c));
  if (errors.length > 0 || missing.length > 0) return 1;
  const named = program.rubrics.filter((r) => reported.has(r.model.file) && (!opts.rubric || r.model.name === opts.rubric || `${r.model.name} ${r.model.year}` === opts.rubric));
  // A base with an empty slot is not a form to score: it has no scorer (its derived rubrics do).
  const chosen = named.filter((r) => {
    const slot = slotDiagnostics(r.model, r.model.file, r.model.decl.name.span)[0];
    if (slot) io.err(`${r.model.name}: ${slot.message[opts.lang]}`);
    return !slot;
  });
  if (chosen.length === 0) {
    io.err(opts.lang === "zh" ? "没有可编译的评分表" : "no rubric to compile");
    return 1;
  }
  mkdirSync(opts.out, { recursive: true });
  const perFile = new Map<string, number>();
  for (const r of chosen) perFile.set(r.model.file, (perFile.get(r.model.file) ?? 0) + 1);
  for (const r of chosen) {
    const name = outputName(r.model.file, r.model.name, (perFile.get(r.model.file) ?? 0) > 1);
    const out = await compileRubric(r, { sourceFile: basename(r.model.file), ...(opts.runtime ? { runtime: opts.runtime } : {}) });
    writeFileSync(join(opts.out, `${name}.ts`), out.ts);
    writeFileSync(join(opts.out, `${name}.js`), out.js);
    writeFileSync(join(opts.out, `${name}.d.ts`), out.dts);
    writeFileSync(join(opts.out, `${name}.schema.json`), out.schema);
    io.out(`${r.model.name}${r.model.year !== undefined ? ` ${r.model.year}` : ""} → ${join(opts.out, name)}.{ts,js,d.ts,schema.json}`);
  }
  return 0;
}
