/**
 * The language server end to end, over real stdio: `node bin/rubric.js lsp
 * --stdio` in a child process, a JSON-RPC client on its stdin/stdout.
 * Every wait is bounded; every server is shut down (or killed) at the end.
 *
 * Run alone with `npx vitest run test/lsp/e2e.test.ts`. dist/ is built
 * first when it is older than src/ (in CI `npm ci` has just built it).
 */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeLens,
  CompletionItem,
  DocumentSymbol,
  Hover,
  Location,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver";
import { Snapshot } from "../../src/lsp/snapshot.js";
import { documentDiagnostics } from "../../src/lsp/diagnostics.js";
import { documentSymbols } from "../../src/lsp/outline.js";
import { ensureBuilt, LspClient } from "./lsp-client.js";
import { BASE, DERIVED } from "./fixtures.js";
import { positionOf } from "./cursor.js";

let dir: string;
let baseUri: string;
let derivedUri: string;
const clients: LspClient[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "rubric-lsp-"));
  writeFileSync(join(dir, "base.rubric"), BASE);
  writeFileSync(join(dir, "derived.rubric"), DERIVED);
  baseUri = pathToFileURL(join(dir, "base.rubric")).href;
  derivedUri = pathToFileURL(join(dir, "derived.rubric")).href;
}, 120_000);

afterEach(async () => {
  const ended = clients.splice(0);
  // A test that failed half-way still ends its server.
  for (const c of ended) if (c.alive) await c.stop().catch(() => c.child.kill("SIGKILL"));
  // No feature failed inside the server (failures are logged, not thrown), and nothing escaped to the process.
  for (const c of ended) {
    expect(c.errors).toEqual([]);
    expect(c.stderr).not.toMatch(/uncaughtException|unhandledRejection/);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[] = []): LspClient {
  const c = LspClient.start(args);
  clients.push(c);
  return c;
}

const open = (c: LspClient, uri: string, text: string, version = 1): void =>
  c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "rubric", version, text } });

const change = (c: LspClient, uri: string, version: number, changes: unknown[]): void =>
  c.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });

const at = (uri: string, text: string, needle: string, delta = 1) => ({
  textDocument: { uri },
  position: positionOf(text, needle, delta),
});

describe("rubric lsp --stdio", () => {
  it("initialize → didOpen → diagnostics → incremental didChange → every feature → shutdown/exit", async () => {
    const c = start();
    const init = await c.initialize(pathToFileURL(dir).href);
    expect(init.capabilities).toMatchObject({
      textDocumentSync: { change: 2 },
      hoverProvider: true,
      renameProvider: { prepareProvider: true },
    });

    // The derived rubric is opened with a typo; its base is only on disk in the workspace folder.
    const typo = DERIVED.replace("expect 采购 = 3.98", "expect 采构 = 3.98");
    open(c, derivedUri, typo);
    const first = await c.waitForVersion(derivedUri, 1);
    expect(first.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(["14:unknown-name"]);
    expect(first.diagnostics[0]?.message).toBe("unknown indicator '采构'; did you mean '管理.采购'?");

    // Fix it with an incremental change: replace the one character.
    const p = positionOf(typo, "采构", 1);
    change(c, derivedUri, 2, [{ range: { start: p, end: { line: p.line, character: p.character + 1 } }, text: "购" }]);
    expect((await c.waitForVersion(derivedUri, 2)).diagnostics).toEqual([]);

    const hover = await c.request<Hover>("textDocument/hover", at(derivedUri, DERIVED, "expect 采购", 8));
    expect(JSON.stringify(hover.contents)).toContain("3.98 / 4");

    const items = await c.request<CompletionItem[]>(
      "textDocument/completion",
      at(derivedUri, DERIVED, "judge rest full", 6),
    );
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["rest", "其余", "政策"]));

    const def = await c.request<Location>("textDocument/definition", at(derivedUri, DERIVED, "实际金额 = 99"));
    expect(def).toEqual({
      uri: baseUri,
      range: { start: positionOf(BASE, "实际金额: money"), end: positionOf(BASE, "实际金额: money", 4) },
    });

    const refs = await c.request<Location[]>("textDocument/references", {
      ...at(derivedUri, DERIVED, "实际金额 = 99"),
      context: { includeDeclaration: true },
    });
    expect(refs.map((r) => `${r.uri === baseUri ? "base" : "derived"}:${r.range.start.line + 1}`)).toEqual([
      "base:7",
      "base:11",
      "base:15",
      "derived:9",
    ]);

    const prepared = await c.request<{ placeholder: string }>(
      "textDocument/prepareRename",
      at(derivedUri, DERIVED, "实际金额 = 99"),
    );
    expect(prepared.placeholder).toBe("实际金额");
    const edit = await c.request<WorkspaceEdit>("textDocument/rename", {
      ...at(derivedUri, DERIVED, "实际金额 = 99"),
      newName: "决算金额",
    });
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([baseUri, derivedUri].sort());
    expect(edit.changes?.[baseUri]).toHaveLength(3);
    await expect(
      c.request("textDocument/rename", { ...at(derivedUri, DERIVED, "实际金额 = 99"), newName: "if" }),
    ).rejects.toThrow("cannot be used as a name");

    const symbols = await c.request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: derivedUri },
    });
    expect(symbols.map((s) => s.name)).toEqual(["派生 2024", "派生案例"]);

    const lenses = await c.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: derivedUri } });
    expect(lenses.map((l) => l.command?.title)).toEqual(["▶ pass — total 9.98"]);

    const tokens = await c.request<{ data: number[] }>("textDocument/semanticTokens/full", {
      textDocument: { uri: derivedUri },
    });
    expect(tokens.data.length).toBeGreaterThan(50);
    const folds = await c.request<unknown[]>("textDocument/foldingRange", { textDocument: { uri: derivedUri } });
    expect(folds.length).toBeGreaterThanOrEqual(3);

    // Formatting is `rubric fmt`: a messy document comes back in the canonical layout.
    const messy = readFileSync(new URL("../fixtures/format/messy.rubric", import.meta.url), "utf8");
    const formatted = readFileSync(new URL("../fixtures/format/messy.formatted.rubric", import.meta.url), "utf8");
    const fmtUri = "file:///format/messy.rubric";
    c.notify("textDocument/didOpen", { textDocument: { uri: fmtUri, languageId: "rubric", version: 1, text: messy } });
    const edits = await c.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri: fmtUri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits).toHaveLength(1);
    expect(edits[0]?.newText).toBe(formatted);

    expect(await c.stop()).toBe(0);
  }, 60_000);

  it("speaks Chinese by initialization option or locale, and switches with the rubric.lang setting", async () => {
    const c = start();
    await c.initialize(null, { locale: "zh-CN" });
    const bad = BASE.replace("group 管理 6", "group 管理 7");
    open(c, baseUri, bad);
    const zh = await c.waitForVersion(baseUri, 1);
    expect(zh.diagnostics.map((d) => d.message)).toContain("「管理」分值为 7，但其下级分值合计 6");
    c.settings = { lang: "en" };
    c.notify("workspace/didChangeConfiguration", { settings: {} });
    await c.waitFor(baseUri, (p) =>
      p.diagnostics.some((d) => d.message === "'管理' is worth 7 but its children add up to 6"),
    );
    const a = await c.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: baseUri } });
    expect(a[0]?.command?.title).toBe("⚠ Σ children = 6 ≠ 7");
    const fixes = await c.request<{ title: string }[]>("textDocument/codeAction", {
      textDocument: { uri: baseUri },
      range: { start: positionOf(bad, "管理 7", 3), end: positionOf(bad, "管理 7", 4) },
      context: { diagnostics: [] },
    });
    expect(fixes.map((f) => f.title)).toEqual(["Set the points to the children's sum (6)"]);
    expect(await c.stop()).toBe(0);

    const d = start();
    await d.initialize(null, { initializationOptions: { lang: "zh" }, locale: "en" });
    open(d, baseUri, bad);
    expect((await d.waitForVersion(baseUri, 1)).diagnostics.map((x) => x.message)).toContain(
      "「管理」分值为 7，但其下级分值合计 6",
    );
    expect(await d.stop()).toBe(0);
  }, 60_000);

  it("re-checks a dependent when its base changes, open or on disk", async () => {
    const c = start();
    await c.initialize(pathToFileURL(dir).href);
    open(c, derivedUri, DERIVED);
    expect((await c.waitForVersion(derivedUri, 1)).diagnostics).toEqual([]);

    // The base is opened and edited: an input renamed breaks the derived example's given.
    open(c, baseUri, BASE);
    const p = positionOf(BASE, "满意度: ratio");
    change(c, baseUri, 2, [{ range: { start: p, end: { line: p.line, character: p.character + 3 } }, text: "满意率" }]);
    const broken = await c.waitFor(derivedUri, (x) => x.diagnostics.some((d) => d.code === "unknown-name"));
    expect(broken.diagnostics.map((d) => d.message)).toContain("unknown input '满意度'; did you mean '满意率'?");
    // Closing the base falls back to the disk copy: the derived rubric is clean again, and the base's diagnostics are cleared.
    c.notify("textDocument/didClose", { textDocument: { uri: baseUri } });
    await c.waitFor(derivedUri, (x) => x.diagnostics.length === 0);
    expect(c.latest(baseUri)?.diagnostics).toEqual([]);

    // The base changes on disk, and the client says so.
    writeFileSync(join(dir, "base.rubric"), BASE.replace("total 10", "total 12"));
    c.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: baseUri, type: 2 }] });
    try {
      // The derived example still passes; the total mismatch is reported in the base, which is not open.
      await new Promise((r) => setTimeout(r, 200));
      const lenses = await c.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: derivedUri } });
      expect(lenses[0]?.command?.title).toBe("▶ pass — total 9.98");
      writeFileSync(join(dir, "base.rubric"), BASE.replace("input 实际金额", "input 实付金额"));
      c.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: baseUri, type: 2 }] });
      const again = await c.waitFor(derivedUri, (x) => x.diagnostics.some((d) => d.code === "unknown-name"));
      expect(again.version).toBe(1);
    } finally {
      writeFileSync(join(dir, "base.rubric"), BASE);
    }
    expect(await c.stop()).toBe(0);
  }, 60_000);

  it("survives malformed documents", async () => {
    const c = start();
    await c.initialize(null);
    const garbage = [
      'rubric {{{{ ]]] ((( 分组 指标 "unterminated',
      "\u0000\u0001binary\u0002",
      `rubric R { group g 1 { indicator i 1 { score = ${"(".repeat(5000)}1${")".repeat(5000)} } } }`,
      `rubric R { total 1 group g 1 { indicator i 1 { score = ${Array.from({ length: 3000 }, () => "1").join(" + ")} } } }`,
      'example "x" for nowhere { given { a = [1, 2, } judge . = ; expect = }',
      "rubric R extends R { reweight . 5 { ; } rename to }",
      "",
      "💥".repeat(1000),
    ];
    garbage.forEach((text, i) => open(c, `file:///bad/${i}.rubric`, text));
    for (let i = 0; i < garbage.length; i++) {
      const uri = `file:///bad/${i}.rubric`;
      const p = await c.waitForVersion(uri, 1);
      expect(Array.isArray(p.diagnostics)).toBe(true);
      for (const [method, extra] of [
        ["textDocument/hover", { position: { line: 0, character: 5 } }],
        ["textDocument/completion", { position: { line: 0, character: 8 } }],
        ["textDocument/definition", { position: { line: 0, character: 3 } }],
        ["textDocument/documentSymbol", {}],
        ["textDocument/semanticTokens/full", {}],
        ["textDocument/foldingRange", {}],
        ["textDocument/codeLens", {}],
      ] as const) {
        await c.request(method, { textDocument: { uri }, ...extra });
      }
    }
    // Requests for documents the server has never seen are answered too.
    expect(
      await c.request("textDocument/hover", {
        textDocument: { uri: "file:///nowhere.rubric" },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
    expect(c.alive).toBe(true);
    expect(await c.stop()).toBe(0);
  }, 60_000);

  it("clears the diagnostics of a deleted document and checks it again when it is reopened", async () => {
    const c = start();
    await c.initialize(pathToFileURL(dir).href);
    const file = join(dir, "scratch.rubric");
    const uri = pathToFileURL(file).href;
    const text = BASE.replace("基础 2023", "草稿 2023").replace("group 效果 4", "group 效果 5");
    writeFileSync(file, text);
    c.notify("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 1 }] });
    open(c, uri, text);
    expect((await c.waitForVersion(uri, 1)).diagnostics.map((d) => d.code).sort()).toEqual([
      "total-mismatch",
      "weight-sum",
    ]);

    c.notify("textDocument/didClose", { textDocument: { uri } });
    unlinkSync(file);
    c.notify("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 3 }] });
    await c.waitFor(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);

    writeFileSync(file, text.replace("group 效果 5", "group 效果 4"));
    c.notify("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 1 }] });
    open(c, uri, text.replace("group 效果 5", "group 效果 4"));
    expect((await c.waitForVersion(uri, 1)).diagnostics).toEqual([]);
    unlinkSync(file);
    expect(await c.stop()).toBe(0);
  }, 60_000);

  it("takes a burst of 1,000 rapid incremental edits and publishes the diagnostics of the final text", async () => {
    const c = start();
    await c.initialize(null);
    const uri = "file:///burst/burst.rubric";
    let text = BASE;
    open(c, uri, text);
    await c.waitForVersion(uri, 1);
    // Type a new indicator character by character, with backspaces on the way.
    const insertAt = BASE.indexOf("  group 效果 4");
    const typed = "  group 新增 3 {\n    indicator 新 3 { score = bands 满意度 { >= 90% -> 3; < 60% -> 0 } }\n  }\n";
    let version = 1;
    let cursor = insertAt;
    const lines = (t: string, off: number) => {
      const before = t.slice(0, off).split("\n");
      return { line: before.length - 1, character: (before[before.length - 1] ?? "").length };
    };
    const edits: { range: { start: unknown; end: unknown }; text: string }[] = [];
    const sendEdit = (from: number, to: number, insert: string): void => {
      const e = { range: { start: lines(text, from), end: lines(text, to) }, text: insert };
      text = text.slice(0, from) + insert + text.slice(to);
      version++;
      edits.push(e);
      change(c, uri, version, [e]);
    };
    while (version < 1001) {
      for (const ch of typed) {
        if (version >= 1001) break;
        sendEdit(cursor, cursor, ch);
        cursor += ch.length;
        if (version % 7 === 0 && version < 1001) {
          sendEdit(cursor - ch.length, cursor, "");
          cursor -= ch.length;
          if (version < 1001) {
            sendEdit(cursor, cursor, ch);
            cursor += ch.length;
          }
        }
      }
      if (version < 1001 && text.includes(typed)) {
        // Start over: delete what was typed in one edit.
        sendEdit(insertAt, cursor, "");
        cursor = insertAt;
      }
    }
    expect(version).toBe(1001);
    const final = await c.waitForVersion(uri, 1001, 30_000);
    // The published diagnostics are those of the final text, computed independently.
    const expected = documentDiagnostics(Snapshot.of({ [uri]: text }), uri, "en");
    expect(final.diagnostics).toEqual(JSON.parse(JSON.stringify(expected)));
    // Nothing stale arrives afterwards.
    await new Promise((r) => setTimeout(r, 300));
    expect(c.latest(uri)?.version).toBe(1001);
    // Far fewer analyses than edits were published (typically two: the opening and the final text).
    const publishes = c.published.filter((p) => p.uri === uri).length;
    expect(publishes).toBeLessThan(500);
    // The server's text is the client's text: its outline is the one computed from the client's text.
    const outline = await c.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(outline).toEqual(JSON.parse(JSON.stringify(documentSymbols(Snapshot.of({ [uri]: text }), uri, "en"))));
    const h = await c.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: positionOf(text, "input 计划金额", 7),
    });
    expect(JSON.stringify(h?.contents)).toContain("计划金额");
    expect(await c.stop()).toBe(0);
  }, 90_000);
});
