// `npm run build:web`: the playground as a static site in dist/web — index.html, playground.css and one
// script, playground.js, which carries the language server's worker as text (started from a Blob, so the site
// also works opened from a file share) and the bundled rubrics as samples. No network at run time.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = join(root, "dist", "web");

/** Node-only modules the browser bundle must not carry: reached only on paths the playground does not take. */
export const nodeOnly: Plugin = {
  name: "node-only",
  setup(b) {
    // The compiled-scorer loader (esbuild itself): the playground scores with the reference evaluator.
    b.onResolve({ filter: /^esbuild$/ }, () => ({ path: "esbuild", namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: "export function transformSync() { throw new Error('not in the browser'); }",
      loader: "js",
    }));
  },
};

async function bundle(entry: string, plugins: Plugin[]): Promise<string> {
  const r = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    plugins,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  return r.outputFiles[0]?.text ?? "";
}

export async function buildWeb(out: string = OUT): Promise<void> {
  const worker = await bundle("src/web/worker.ts", [nodeOnly]);
  const samples = readdirSync(join(root, "rubrics"))
    .filter((f) => f.endsWith(".rubric"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(root, "rubrics", name), "utf8") }));
  const virtual: Plugin = {
    name: "virtual",
    setup(b) {
      b.onResolve({ filter: /^virtual:/ }, (a) => ({ path: a.path, namespace: "virtual" }));
      b.onLoad({ filter: /.*/, namespace: "virtual" }, (a) => ({
        contents: `export default ${JSON.stringify(a.path === "virtual:worker" ? worker : samples)};`,
        loader: "js",
      }));
    },
  };
  const page = await bundle("src/web/main.ts", [virtual, nodeOnly]);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of ["index.html", "playground.css"]) copyFileSync(join(root, "src/web/static", f), join(out, f));
  const { writeFileSync } = await import("node:fs");
  writeFileSync(join(out, "playground.js"), page);
  const size = (f: string) => statSync(join(out, f)).size;
  const total = ["index.html", "playground.css", "playground.js"].reduce((s, f) => s + size(f), 0);
  console.log(
    `dist/web: ${(total / 1024).toFixed(0)} KB (playground.js ${(size("playground.js") / 1024).toFixed(0)} KB)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWeb();
