/**
 * `tsc --strict` over many compiled modules at once (one program per batch:
 * starting the compiler is what costs). A module is bad if it has any
 * diagnostic or uses `any`.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** What compiled modules import when type-checked here: this checkout's runtime source. */
export const RUNTIME_FOR_TSC = fileURLToPath(new URL("../../src/runtime/index.js", import.meta.url));

/** Type-checks the modules; returns, per failing module index, its first diagnostics. */
export function typecheckModules(sources: readonly string[]): Map<number, string> {
  const dir = join(tmpdir(), `rubric-fuzz-tsc-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = sources.map((s, i) => {
      const f = join(dir, `m${i}.ts`);
      writeFileSync(f, s);
      return f;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    });
    const bad = new Map<number, string>();
    const note = (file: string | undefined, text: string): void => {
      const i = file ? files.indexOf(file) : -1;
      if (i < 0) return void bad.set(-1, `${bad.get(-1) ?? ""}${text}\n`);
      if (!bad.has(i)) bad.set(i, text);
    };
    for (const d of ts.getPreEmitDiagnostics(program))
      note(d.file?.fileName, ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    for (const f of files) {
      const sf = program.getSourceFile(f);
      const visit = (n: ts.Node): void => {
        if (n.kind === ts.SyntaxKind.AnyKeyword) note(f, "uses 'any'");
        ts.forEachChild(n, visit);
      };
      if (sf) visit(sf);
    }
    return bad;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
