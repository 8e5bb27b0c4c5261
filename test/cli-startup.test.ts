/**
 * Start-up cost: each command loads only what it uses. TypeScript (≈1 s to import) and prettier are for the
 * commands that emit TypeScript (`compile`) or format (`fmt`, the server's formatting request); `--help` and
 * `--version` load no compiler at all. The child runs with a loader hook that logs every module it loads.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, LspClient, ROOT } from "./lsp/lsp-client.js";

const hook = join(ROOT, "test/support/module-log.mjs");
const dir = mkdtempSync(join(tmpdir(), "rubric-startup-"));
let runs = 0;

/**
 * What a loaded file holds: itself, or for a file of the CLI's bundle (dist/bundle) the modules bundled into it,
 * read from its source map (src/… and node_modules/… paths).
 */
function modulesOf(url: string): string[] {
  if (!/\/dist\/bundle\/[^/]+\.js$/.test(url)) return [url];
  const file = fileURLToPath(url);
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
  return map.sources.map((s) => resolve(dirname(file), s));
}

/** The packages (node_modules/<name>) and project folders (src or dist/<folder>) a process loaded, from its module log. */
function loadedBy(log: string): { packages: Set<string>; dist: Set<string>; files: number } {
  const files = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const urls = files.flatMap(modulesOf);
  const packages = new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter((p) => !!p));
  const dist = new Set(urls.map((u) => /\/(?:dist|src)\/([^/]+\/)?/.exec(u)?.[1]?.replace("/", "")).filter((p) => !!p));
  return { packages: packages as Set<string>, dist: dist as Set<string>, files: files.length };
}

function cli(...args: string[]): { out: string; packages: Set<string>; dist: Set<string>; files: number } {
  const log = join(dir, `run-${++runs}.log`);
  let out: string;
  try {
    out = execFileSync(process.execPath, ["--import", hook, join(ROOT, "bin/rubric.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, RUBRIC_MODULE_LOG: log },
      encoding: "utf8",
      timeout: 60_000,
    });
  } catch (e) {
    // A non-zero exit (failing examples, unformatted files) still loaded what the command needs.
    out = String((e as { stdout?: unknown }).stdout ?? "");
  }
  return { out, ...loadedBy(log) };
}

beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("what each command loads", { timeout: 90_000 }, () => {
  it("--help and --version load no compiler and no package", () => {
    const help = cli("--help");
    expect(help.out).toContain("usage:");
    expect([...help.packages]).toEqual([]);
    expect([...help.dist]).toEqual(["cli"]);
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const v = cli(flag);
      expect(v.out.trim()).toBe(version.version);
      expect([...v.packages]).toEqual([]);
    }
  });

  it("check and test load neither TypeScript nor prettier", () => {
    for (const command of ["check", "test"]) {
      const r = cli(command, "rubrics/shenzhen-common-2023.rubric");
      expect(r.packages.has("chevrotain")).toBe(true);
      expect(r.packages.has("typescript")).toBe(false);
      expect(r.packages.has("prettier")).toBe(false);
      expect(r.dist.has("format")).toBe(false);
      // From the bundle: a few dozen files, not the ~700 modules (650 of them lodash-es) it holds.
      expect(r.files).toBeLessThan(60);
    }
  });

  // `score` still transpiles its compiled module with TypeScript until the batch helper's change lands;
  // so here only prettier is ruled out for it.
  it("score loads no prettier", () => {
    const r = cli(
      "score",
      "rubrics/yantian-qwb-2023.rubric",
      "rubrics/inputs/yantian-qwb-2023.json",
      "--format",
      "json",
    );
    expect(r.out).toContain("盐田区委办");
    expect(r.packages.has("prettier")).toBe(false);
  });

  it("fmt loads prettier and compile loads TypeScript (so the log does see them)", () => {
    expect(cli("fmt", "--check", "rubrics/shenzhen-common-2023.rubric").packages.has("prettier")).toBe(true);
    const out = join(dir, "compiled");
    expect(cli("compile", "rubrics/shenzhen-common-2023.rubric", "-o", out).packages.has("typescript")).toBe(true);
  });

  it("the language server loads prettier only when asked to format", async () => {
    const log = join(dir, "lsp.log");
    // LspClient spawns with this process's environment: give it the hook for this one spawn.
    const saved = { options: process.env["NODE_OPTIONS"], log: process.env["RUBRIC_MODULE_LOG"] };
    process.env["NODE_OPTIONS"] = `${saved.options ?? ""} --import=${pathToFileURL(hook).href}`;
    process.env["RUBRIC_MODULE_LOG"] = log;
    let client: LspClient;
    try {
      client = LspClient.start();
    } finally {
      for (const [k, v] of [
        ["NODE_OPTIONS", saved.options],
        ["RUBRIC_MODULE_LOG", saved.log],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    try {
      await client.initialize(null);
      const uri = pathToFileURL(join(ROOT, "rubrics/shenzhen-common-2023.rubric")).href;
      const text = readFileSync(join(ROOT, "rubrics/shenzhen-common-2023.rubric"), "utf8");
      client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "rubric", version: 1, text } });
      await client.waitForVersion(uri, 1);
      await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 2 } });
      const before = loadedBy(log).packages;
      expect(before.has("vscode-languageserver")).toBe(true);
      expect(before.has("typescript")).toBe(false);
      expect(before.has("prettier")).toBe(false);
      await client.request("textDocument/formatting", {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      });
      expect(loadedBy(log).packages.has("prettier")).toBe(true);
    } finally {
      await client.stop();
    }
  });
});
