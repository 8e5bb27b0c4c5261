/** `rubric compile <rubric-file> -o <dir> [--rubric NAME]`: typed TypeScript, JavaScript + .d.ts and a JSON Schema per rubric. */
import { mkdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Lang, Message } from "../compiler/diagnostics/diagnostic.js";
import { compileRubric } from "../compiler/codegen/compile.js";
import { diagnosticsForPaths, type CommandIO } from "./check.js";
import { colors, renderDiagnostic } from "./render.js";
import { slotDiagnostics } from "../compiler/model/slots.js";
import { writeFileAtomic } from "./write-file-atomic.js";
import { fsReason } from "./fs-errors.js";
import { outputStems } from "./output-names.js";

export async function runCompile(
  paths: readonly string[],
  opts: { out: string; rubric?: string; lang: Lang; runtime?: string },
  io: CommandIO,
): Promise<number> {
  const { diagnostics, linesOf, missing, program, reported } = diagnosticsForPaths(paths);
  const c = colors(io.color);
  for (const m of missing) io.err(opts.lang === "zh" ? `找不到文件：${m}` : `no such file: ${m}`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.err(renderDiagnostic(d, linesOf, opts.lang, c));
  if (errors.length > 0 || missing.length > 0) return 1;
  const named = program.rubrics.filter(
    (r) =>
      reported.has(r.model.file) &&
      (!opts.rubric || r.model.name === opts.rubric || `${r.model.name} ${r.model.year}` === opts.rubric),
  );
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
  const zh = opts.lang === "zh";
  const cannot = (what: Message, path: string, why: Message): number => {
    io.err(zh ? `无法${what.zh} ${path}：${why.zh}` : `cannot ${what.en} ${path}: ${why.en}`);
    return 1;
  };
  try {
    mkdirSync(opts.out, { recursive: true });
  } catch (e) {
    let there;
    try {
      there = statSync(opts.out);
    } catch {
      /* the mkdir error says why */
    }
    const why =
      there && !there.isDirectory()
        ? { zh: "它已存在且不是目录", en: "it exists and is not a directory" }
        : fsReason(e);
    return cannot({ zh: "创建输出目录", en: "create the output directory" }, opts.out, why);
  }
  const stems = outputStems(chosen.map((r) => ({ file: r.model.file, name: r.model.name, year: r.model.year })));
  for (const [i, r] of chosen.entries()) {
    const name = stems[i] as string;
    const out = await compileRubric(r, {
      sourceFile: basename(r.model.file),
      ...(opts.runtime ? { runtime: opts.runtime } : {}),
    });
    const files: [string, string][] = [
      [`${name}.ts`, out.ts],
      [`${name}.js`, out.js],
      [`${name}.d.ts`, out.dts],
      [`${name}.schema.json`, out.schema],
    ];
    for (const [file, text] of files) {
      const path = join(opts.out, file);
      try {
        writeFileAtomic(path, text);
      } catch (e) {
        return cannot({ zh: "写入", en: "write" }, path, fsReason(e));
      }
    }
    io.out(
      `${r.model.name}${r.model.year !== undefined ? ` ${r.model.year}` : ""} → ${join(opts.out, name)}.{ts,js,d.ts,schema.json}`,
    );
  }
  return 0;
}
