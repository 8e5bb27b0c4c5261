/**
 * The VS Code extension's manifest points at files that exist: each path
 * under `contributes` (and `main`) is either in editors/vscode or produced
 * by its build (`build.mts`) from a file that exists; the grammar and the
 * language configuration say what the manifest says. (Packaging itself,
 * `npm run package:vscode`, is not run here.)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ASSETS, BROWSER_BUNDLES, BUNDLES } from "../../editors/vscode/build.mjs";

const ext = "editors/vscode";
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, "utf8")) as Record<string, unknown>;
const manifest = json(join(ext, "package.json")) as {
  main: string;
  browser: string;
  engines: { vscode: string };
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    configuration: { properties: Record<string, { enum?: string[] }> };
  };
};

/** The file in the repository that becomes `path` (relative to the extension) in the package. */
function sourceOf(path: string): string {
  const rel = path.replace(/^\.\//, "");
  const asset = ASSETS[rel];
  if (asset) return asset;
  const bundle = BUNDLES[rel];
  if (bundle) return join(ext, bundle);
  const browserBundle = BROWSER_BUNDLES[rel];
  if (browserBundle) return join(ext, browserBundle.entry);
  return join(ext, rel);
}

describe("VS Code extension manifest", () => {
  it("points main, browser, languages and grammars at files that exist (or that the build makes from files that exist)", () => {
    const paths = [
      manifest.main,
      manifest.browser,
      ...manifest.contributes.languages.map((l) => l.configuration),
      ...manifest.contributes.grammars.map((g) => g.path),
    ];
    expect(paths.length).toBe(4);
    for (const p of paths) expect(existsSync(sourceOf(p)), `${p} ← ${sourceOf(p)}`).toBe(true);
    // The client starts this bundle: `rubric.js lsp --stdio`.
    expect(existsSync(sourceOf("dist/server/rubric.js"))).toBe(true);
    expect(readFileSync(join(ext, "src/extension.ts"), "utf8")).toContain('path.join("dist", "server", "rubric.js")');
  });

  it("contributes the rubric language, its grammar and the rubric.lang setting", () => {
    const [language] = manifest.contributes.languages;
    expect(language?.id).toBe("rubric");
    expect(language?.extensions).toEqual([".rubric"]);
    const [g] = manifest.contributes.grammars;
    const grammar = json(sourceOf(g?.path ?? ""));
    expect(g?.language).toBe("rubric");
    expect(grammar["scopeName"]).toBe(g?.scopeName);
    expect(manifest.contributes.configuration.properties["rubric.lang"]?.enum).toEqual(["zh", "en"]);
  });

  it("asks for a VS Code that vscode-languageclient 9 supports and that runs the server on Node 20", () => {
    const [major, minor] = manifest.engines.vscode.replace(/^\^/, "").split(".").map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(90);
  });

  it("has a language configuration with both comment styles, CJK brackets and quote pairs", () => {
    const conf = json(sourceOf(manifest.contributes.languages[0]?.configuration ?? "")) as {
      comments: { lineComment: string; blockComment: string[] };
      brackets: string[][];
      autoClosingPairs: { open: string; close: string }[];
      folding: { markers: { start: string; end: string } };
    };
    expect(conf.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    for (const pair of [
      ["{", "}"],
      ["[", "]"],
      ["(", ")"],
      ["【", "】"],
      ["（", "）"],
    ])
      expect(conf.brackets).toContainEqual(pair);
    const pairs = conf.autoClosingPairs.map((p) => p.open + p.close);
    for (const p of ["{}", "[]", "()", "【】", "（）", '""', "“”", "「」"]) expect(pairs).toContain(p);
    expect(new RegExp(conf.folding.markers.start).test("// #region 部门决策")).toBe(true);
    expect(new RegExp(conf.folding.markers.end).test("  // #endregion")).toBe(true);
  });

  it("is packaged by a vsce that runs on Node 20, pinned", () => {
    const root = json("package.json") as { devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(root.devDependencies["@vscode/vsce"]).toMatch(/^3\.\d+\.\d+$/);
    expect(root.scripts["package:vscode"]).toContain("vsce package --no-dependencies");
    const vsce = json("node_modules/@vscode/vsce/package.json") as { engines: { node: string } };
    expect(vsce.engines.node).toMatch(/>=\s*20/);
  });
});
