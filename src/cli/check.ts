/** `rubric check <paths…>`: diagnostics for the named files; exit 1 on any error. */
import { analyzeProgram } from "../compiler/program.js";
import { hasErrors, sortDiagnostics, type Diagnostic, type Lang } from "../compiler/diagnostics/diagnostic.js";
import type { LineIndex } from "../compiler/util/line-index.js";
import { loadPaths } from "./load.js";
import { colors, lineIndexFor, location, renderDiagnostic } from "./render.js";

export interface CommandIO {
  // Function-typed fields, not methods: commands pass `io.err` around detached.
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

export function diagnosticsForPaths(paths: readonly string[]): {
  diagnostics: Diagnostic[];
  linesOf: (f: string) => LineIndex | undefined;
  missing: string[];
  program: ReturnType<typeof analyzeProgram>;
  reported: ReadonlySet<string>;
} {
  const loaded = loadPaths(paths);
  const program = analyzeProgram(loaded.documents);
  const diagnostics = sortDiagnostics([
    ...loaded.diagnostics,
    ...program.diagnostics.filter((d) => loaded.reported.has(d.file)),
  ]);
  const texts = new Map(loaded.documents.map((d) => [d.file, d.text]));
  return { diagnostics, linesOf: lineIndexFor(texts), missing: loaded.missing, program, reported: loaded.reported };
}

export function runCheck(paths: readonly string[], opts: { json: boolean; lang: Lang }, io: CommandIO): number {
  const { diagnostics, linesOf, missing, reported } = diagnosticsForPaths(paths);
  for (const m of missing) io.err(opts.lang === "zh" ? `找不到文件：${m}` : `no such file: ${m}`);
  if (opts.json) {
    io.out(
      JSON.stringify(
        diagnostics.map((d) => {
          const li = linesOf(d.file);
          const s = li?.position(d.span.start);
          const e = li?.position(d.span.end);
          return {
            file: d.file,
            line: (s?.line ?? 0) + 1,
            column: (s?.character ?? 0) + 1,
            endLine: (e?.line ?? 0) + 1,
            endColumn: (e?.character ?? 0) + 1,
            severity: d.severity,
            code: d.code,
            message: d.message[opts.lang],
            messages: d.message,
            related: d.related.map((r) => ({ location: location(r, linesOf(r.file)), message: r.message[opts.lang] })),
            ...(d.data ? { data: d.data } : {}),
          };
        }),
        null,
        2,
      ),
    );
  } else {
    const c = colors(io.color);
    for (const d of diagnostics) io.out(`${renderDiagnostic(d, linesOf, opts.lang, c)}\n`);
    // With nothing read, a "0 errors" summary would read as a clean check of a file that does not exist.
    if (reported.size === 0 && missing.length > 0) return 1;
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const warnings = diagnostics.filter((d) => d.severity === "warning").length;
    io.out(opts.lang === "zh" ? `${errors} 个错误，${warnings} 个警告` : `${errors} error(s), ${warnings} warning(s)`);
  }
  return hasErrors(diagnostics) || missing.length > 0 ? 1 : 0;
}
