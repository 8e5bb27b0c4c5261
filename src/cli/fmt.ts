/**
 * `rubric fmt [--check] <paths…>`: rewrites rubric files in the canonical
 * layout (the prettier plugin of `src/format`). With `--check` it changes
 * nothing, lists the files that are not formatted and exits 1 if any is.
 * A file with syntax errors is never rewritten: its errors are shown.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic, Lang } from "../compiler/diagnostics/diagnostic.js";
import { LineIndex } from "../compiler/util/line-index.js";
import { formatRubric, RubricSyntaxError } from "../format/format.js";
import type { CommandIO } from "./check.js";
import { fsReason } from "./fs-errors.js";
import { loadPaths } from "./load.js";
import { colors, renderDiagnostic } from "./render.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export interface FmtOptions {
  readonly check: boolean;
  readonly lang: Lang;
}

const BOM = "\ufeff";

function hadBom(path: string): boolean {
  try {
    return readFileSync(path).subarray(0, 3).toString("utf8") === BOM;
  } catch {
    return false;
  }
}

export async function runFmt(paths: readonly string[], opts: FmtOptions, io: CommandIO): Promise<number> {
  const zh = opts.lang === "zh";
  const c = colors(io.color);
  const loaded = loadPaths(paths);
  for (const m of loaded.missing) io.err(zh ? `找不到文件：${m}` : `no such file: ${m}`);
  const show = (d: Diagnostic, text: string): void => {
    const lines = new LineIndex(text);
    io.err(renderDiagnostic(d, (f) => (f === d.file ? lines : undefined), opts.lang, c));
  };
  // Files beside the named ones are only context for the checker: fmt does not report on them.
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) show(d, "");
  let failed = loaded.missing.length + errors.length;
  let changed = 0;
  let unchanged = 0;
  const files = loaded.documents.filter((d) => loaded.reported.has(d.file)).sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const doc of files) {
    let out: string;
    try {
      out = await formatRubric(doc.text, { file: doc.file });
    } catch (e) {
      failed++;
      if (e instanceof RubricSyntaxError) show(e.diagnostic, doc.text.replace(/\r\n?/g, "\n"));
      else io.err(`${doc.file}: ${(e as Error).message}`);
      continue;
    }
    if (out === doc.text) {
      unchanged++;
      continue;
    }
    changed++;
    if (opts.check) io.out(doc.file);
    else {
      const path = resolve(doc.file);
      try {
        // The loader drops a byte-order mark; a rewritten file keeps it.
        writeFileAtomic(path, (hadBom(path) ? BOM : "") + out);
      } catch (e) {
        // One file that cannot be written (read-only, full disk) must not stop the others.
        changed--;
        failed++;
        const why = fsReason(e);
        io.err(
          zh
            ? `${doc.file}：无法写入，文件保持不变：${why.zh}`
            : `${doc.file}: cannot write, the file is left as it was: ${why.en}`,
        );
        continue;
      }
      io.out(zh ? `已格式化 ${doc.file}` : `formatted ${doc.file}`);
    }
  }
  if (opts.check) {
    io.out(
      zh
        ? `${changed} 个文件需要格式化，${unchanged} 个已是规范格式`
        : `${changed} file(s) not formatted, ${unchanged} formatted`,
    );
  } else {
    io.out(
      zh
        ? `格式化了 ${changed} 个文件，${unchanged} 个无需改动`
        : `${changed} file(s) formatted, ${unchanged} unchanged`,
    );
  }
  if (failed > 0) io.err(zh ? `${failed} 个文件无法格式化` : `${failed} file(s) could not be formatted`);
  return failed > 0 || (opts.check && changed > 0) ? 1 : 0;
}
