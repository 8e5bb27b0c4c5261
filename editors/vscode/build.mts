// Builds the extension into editors/vscode: the client and the language
// server bundled with esbuild (so the .vsix works without this repository or
// node_modules), and the TextMate grammar and language configuration copied
// from grammar/. Run (with tsx) by `npm run package:vscode` before `vsce package`.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
// The playground's stub for what the server reaches only under Node (its compiled-scorer loader).
import { nodeOnly } from "../../scripts/build-web.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** Files the manifest points at that are copied from the repository (target → source, from the repo root). */
export const ASSETS: Readonly<Record<string, string>> = {
  "syntaxes/rubric.tmLanguage.json": "grammar/rubric.tmLanguage.json",
  "language-configuration.json": "grammar/language-configuration.json",
};

/** Bundles for the desktop, run by VS Code's Node (target → entry, in editors/vscode). */
export const BUNDLES: Readonly<Record<string, string>> = {
  "dist/extension.js": "src/extension.ts",
  "dist/server/rubric.js": "src/server.ts",
};

/**
 * Bundles for VS Code for the Web (the manifest's `browser`): the client runs in the web extension host
 * (a worker; CommonJS, `vscode` provided), the server in a Web Worker of its own (a classic script).
 */
export const BROWSER_BUNDLES: Readonly<Record<string, { entry: string; format: "cjs" | "iife" }>> = {
  "dist/web/extension.js": { entry: "src/browser-extension.ts", format: "cjs" },
  "dist/web/server.js": { entry: "src/browser-server.ts", format: "iife" },
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
  for (const [target, { entry, format }] of Object.entries(BROWSER_BUNDLES)) {
    await build({
      entryPoints: [join(here, entry)],
      outfile: join(here, target),
      bundle: true,
      platform: "browser",
      target: "es2022",
      format,
      external: ["vscode"],
      plugins: [nodeOnly],
      define: { "process.env.NODE_ENV": '"production"' },
      minify: true,
      sourcemap: false,
      legalComments: "external",
      logLevel: "warning",
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildExtension();
