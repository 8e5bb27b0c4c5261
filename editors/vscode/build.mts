// Builds the extension into editors/vscode: the client and the language
// server bundled with esbuild (so the .vsix works without this repository or
// node_modules), and the TextMate grammar and language configuration copied
// from grammar/. Run (with tsx) by `npm run package:vscode` before `vsce package`.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** Files the manifest points at that are copied from the repository (target → source, from the repo root). */
export const ASSETS: Readonly<Record<string, string>> = {
  "syntaxes/rubric.tmLanguage.json": "grammar/rubric.tmLanguage.json",
  "language-configuration.json": "grammar/language-configuration.json",
};

/** Bundles (target → entry, in editors/vscode). */
export const BUNDLES: Readonly<Record<string, string>> = {
  "dist/extension.js": "src/extension.ts",
  "dist/server/rubric.js": "src/server.ts",
};

export async function buildExtension(): Promise<void> {
  rmSync(join(here, "dist"), { recursive: true, force: true });
  for (const [target, source] of Object.entries(ASSETS)) {
    mkdirSync(dirname(join(here, target)), { recursive: true });
    copyFileSync(join(root, source), join(here, target));
  }
  for (const [target, entry] of Object.entries(BUNDLES)) {
    await build({
      entryPoints: [join(here, entry)],
      outfile: join(here, target),
      bundle: true,
      platform: "node",
      // VS Code 1.90 runs extensions and their forked servers on Node 20.
      target: "node20",
      format: "cjs",
      external: ["vscode"],
      minify: true,
      sourcemap: false,
      legalComments: "external",
      logLevel: "warning",
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildExtension();
