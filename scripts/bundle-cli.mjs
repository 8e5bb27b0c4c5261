// `npm run build`, after tsc: the `rubric` command as a few bundled files in dist/bundle (bin/rubric.js runs
// rubric.js there). Unbundled, a command that reads a rubric loads ~700 modules (chevrotain pulls in ~650
// lodash-es files), and resolving and compiling them was half of `rubric check`'s start-up. Each command
// stays a chunk of its own, imported when it runs. Left out and loaded as they are: the packages only some
// commands need (TypeScript, prettier, exceljs), esbuild (a native binary) and the CommonJS packages
// (the language server's), which an ES module bundle could only reach through `require`.
// Plain JavaScript so that it runs wherever `npm ci` runs `prepare`, with no TypeScript loader.
import { renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "bundle");
// Built aside, then swapped in: tests that start `rubric` while another rebuilds never see half a bundle.
const next = `${out}.${process.pid}`;
const old = `${out}.old.${process.pid}`;

await build({
  // From tsc's output: the bundle runs exactly the code tsc checked and emitted. The batch worker is an entry
  // of its own: `cli/batch/pool.ts` starts `./worker.js` next to itself.
  entryPoints: { rubric: join(root, "dist/cli/main.js"), worker: join(root, "dist/cli/batch/worker.js") },
  outdir: next,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  external: [
    "typescript",
    "prettier",
    "prettier/*",
    "exceljs",
    "esbuild",
    "vscode-languageserver",
    "vscode-languageserver/*",
    "vscode-languageserver-textdocument",
  ],
  logLevel: "warning",
});
try {
  renameSync(out, old);
} catch {
  // No bundle yet.
}
renameSync(next, out);
rmSync(old, { recursive: true, force: true });
