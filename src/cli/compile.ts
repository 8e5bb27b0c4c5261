/**
 * `rubric compile <rubric-file> -o <dir> [--rubric NAME]`: typed TypeScript, JavaScript + .d.ts and a JSON Schema per
 * rubric. With `--standalone`: JavaScript + .d.ts with the runtime inlined (see codegen/standalone.ts), written to
 * `-o FILE.js` (+ FILE.d.ts), `-o FILE.mjs` (+ FILE.d.mts) or a directory (+ the JSON Schema).
 */
import { mkdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Lang, Message } from "../compiler/diagnostics/diagnostic.js";
import { compileRubric } from "../compiler/codegen/compile.js";
import { diagnosticsForPaths, type CommandIO } from "./check.js";
import { colors, renderDiagnostic } from "./render.js";
import { slotDiagnostics } from "../compiler/model/slots.js";
import { writeFileAtomic } from "./write-file-atomic.js";
import { fsReason } from "./fs-errors.js";
import { outputStems } from "./output-names.js";
import type { CheckedRubric } from "../compiler/program.js";

export async function runCompile(
  paths: readonly string[],
  opts: { out: string; rubric?: string; lang: Lang; runtime?: string; standalone?: boolean },
  io: CommandIO,
): Promise<number> {
  const zh = opts.lang === "zh";
  const outFile = opts.standalone ? standaloneOutput(opts.out) : undefined;
  if (opts.standalone) {
    const usage = standaloneUsage(opts, outFile);
    if (usage) {
      io.err(usage[opts.lang]);
      return 2;
    }
  }
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
  if (outFile && chosen.length > 1) {
    const names = chosen
      .map((r) => `${r.model.name}${r.model.year !== undefined ? ` ${r.model.year}` : ""}`)
      .join(", ");
    io.err(
      zh
        ? `${opts.out} 只能容纳一个评分表，而这里有 ${chosen.length} 个（${names}）：用 --rubric NAME 选一个，或让 -o 指向目录`
        : `${opts.out} holds one rubric and there are ${chosen.length} (${names}): choose one with --rubric NAME, or give -o a directory`,
    );
    return 2;
  }
  const cannot = (what: Message, path: string, why: Message): number => {
    io.err(zh ? `无法${what.zh} ${path}：${why.zh}` : `cannot ${what.en} ${path}: ${why.en}`);
    return 1;
  };
  const outDir = outFile ? dirname(opts.out) : opts.out;
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    let there;
    try {
      there = statSync(outDir);
    } catch {
      /* the mkdir error says why */
    }
    const why =
      there && !there.isDirectory()
        ? { zh: "它已存在且不是目录", en: "it exists and is not a directory" }
        : fsReason(e);
    return cannot({ zh: "创建输出目录", en: "create the output directory" }, outDir, why);
  }
  if (opts.standalone) return writeStandalone(chosen, opts.out, outFile, io, cannot);
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

type Cannot = (what: Message, path: string, why: Message) => number;

/** `-o` of `--standalone`: a file (`.js`, `.mjs`) with its declaration file's name, or undefined for a directory. */
function standaloneOutput(out: string): { readonly js: string; readonly dts: string } | undefined {
  const ext = extname(out).toLowerCase();
  if (ext !== ".js" && ext !== ".mjs") return undefined;
  const stem = out.slice(0, out.length - ext.length);
  return { js: out, dts: `${stem}${ext === ".mjs" ? ".d.mts" : ".d.ts"}` };
}

/** Output names `--standalone` refuses: every other file extension (a name without one is a directory). */
const NOT_STANDALONE = /\.(?:ts|mts|cts|tsx|jsx|cjs|json|d\.ts)$/i;

function standaloneUsage(
  opts: { readonly out: string; readonly runtime?: string },
  outFile: unknown,
): Message | undefined {
  if (opts.runtime !== undefined)
    return {
      zh: "--standalone 把运行时内联进模块，不能与 --runtime 同用",
      en: "--standalone inlines the runtime: it does not take --runtime",
    };
  if (outFile || !NOT_STANDALONE.test(opts.out)) return undefined;
  const ext = /\.[^.]+$/.exec(opts.out)?.[0] ?? "";
  const ts = /ts$|tsx$/i.test(ext);
  return {
    zh:
      `--standalone 输出 JavaScript 及其类型声明：-o 须为 文件.js、文件.mjs 或目录，不能是 ${opts.out}` +
      (ts ? "（TypeScript 项目导入 .js 即可，旁边的 .d.ts 给出与普通编译相同的类型）" : ""),
    en:
      `--standalone writes JavaScript with its declarations: -o must be FILE.js, FILE.mjs or a directory, not ${opts.out}` +
      (ts
        ? " (a TypeScript project imports the .js: the .d.ts beside it gives the same types as a plain compile)"
        : ""),
  };
}

async function writeStandalone(
  chosen: readonly CheckedRubric[],
  out: string,
  outFile: { readonly js: string; readonly dts: string } | undefined,
  io: CommandIO,
  cannot: Cannot,
): Promise<number> {
  const { compileStandalone } = await import("../compiler/codegen/standalone.js");
  const stems = outputStems(chosen.map((r) => ({ file: r.model.file, name: r.model.name, year: r.model.year })));
  for (const [i, r] of chosen.entries()) {
    const s = await compileStandalone(r, { sourceFile: basename(r.model.file) });
    const stem = join(out, stems[i] as string);
    const files: [string, string][] = outFile
      ? [
          [outFile.js, s.js],
          [outFile.dts, s.dts],
        ]
      : [
          [`${stem}.js`, s.js],
          [`${stem}.d.ts`, s.dts],
          [`${stem}.schema.json`, s.schema],
        ];
    for (const [path, text] of files) {
      try {
        writeFileAtomic(path, text);
      } catch (e) {
        return cannot({ zh: "写入", en: "write" }, path, fsReason(e));
      }
    }
    const title = `${r.model.name}${r.model.year !== undefined ? ` ${r.model.year}` : ""}`;
    io.out(`${title} → ${outFile ? files.map(([p]) => p).join(", ") : `${stem}.{js,d.ts,schema.json}`}`);
  }
  return 0;
}
