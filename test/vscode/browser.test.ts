/**
 * The extension's `browser` entry (VS Code for the Web): the server bundle runs in a Web Worker of Debian's
 * Chromium and answers an LSP client there — the workspace's base rubric, which is not open, is read through
 * the client's file requests, as VS Code for the Web's client (browser-extension.ts) answers them. The
 * client bundle loads with nothing but `vscode` provided (no Node module).
 */
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_BUNDLES, buildExtension } from "../../editors/vscode/build.mjs";
import { CHROMIUM, hasChromium } from "../render/helpers.js";
import { serve } from "../web/static-server.js";

if (!hasChromium) console.warn(`VS Code for the Web test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const ext = "editors/vscode";
const BASE = `rubric 基础框架 {
  total 10
  input 完成率: ratio in [0, 100%]
  group 产出 10 {
    indicator 完成 10 { score = 完成率 * 10 }
  }
}
`;
const DERIVED = (name: string) => `rubric 本单位 extends 基础框架 {
  reword 完成 { standard "按${name}计分" }
}
`;

interface Published {
  uri: string;
  diagnostics: { message: string; severity?: number }[];
}

describe.skipIf(!hasChromium)("the VS Code extension in a browser", () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let base = "";

  beforeAll(async () => {
    await buildExtension();
    const s = await serve(join(ext, "dist", "web"));
    server = s.server;
    base = s.url;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage();
    // A blank page of the same origin, so that the worker script loads as VS Code's would.
    await page.route(`${s.url}blank.html`, (r) => r.fulfill({ contentType: "text/html", body: "<!doctype html>" }));
    await page.goto(`${s.url}blank.html`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Starts the server in a worker; the page plays VS Code's client, holding `files` as the workspace. */
  const start = (files: Record<string, string | number[]>) =>
    page.evaluate((files) => {
      type PageWorker = { postMessage(m: object): void; onmessage: (e: { data: unknown }) => void };
      const w = new (globalThis as unknown as { Worker: new (url: string) => PageWorker }).Worker("server.js");
      const published: Published[] = [];
      const asked: string[] = [];
      let id = 0;
      const send = (m: object) => w.postMessage({ jsonrpc: "2.0", ...m });
      const toBase64 = (v: string | number[]) =>
        btoa(String.fromCharCode(...(typeof v === "string" ? new TextEncoder().encode(v) : v)));
      w.onmessage = (e) => {
        const m = e.data as { id?: number; method?: string; params?: Record<string, unknown> };
        if (m.method === "textDocument/publishDiagnostics") published.push(m.params as unknown as Published);
        if (m.id === undefined || !m.method) return;
        asked.push(m.method);
        let result: unknown = null;
        if (m.method === "rubric/findRubricFiles") result = Object.keys(files);
        else if (m.method === "rubric/readRubricFile") {
          const f = files[String(m.params?.["uri"])];
          result = f === undefined ? null : { base64: toBase64(f) };
        } else if (m.method === "workspace/configuration") result = [null];
        send({ id: m.id, result });
      };
      send({
        id: ++id,
        method: "initialize",
        params: {
          processId: null,
          rootUri: null,
          capabilities: { workspace: { workspaceFolders: true, configuration: true } },
          workspaceFolders: [{ uri: "vscode-vfs://ws/", name: "ws" }],
          initializationOptions: { lang: "en" },
        },
      });
      send({ method: "initialized", params: {} });
      const open = (uri: string, text: string) =>
        send({
          method: "textDocument/didOpen",
          params: { textDocument: { uri, languageId: "rubric", version: 1, text } },
        });
      Object.assign(globalThis, { rubricTest: { published, asked, open } });
    }, files);

  const open = (uri: string, text: string) =>
    page.evaluate(
      ([uri, text]) =>
        (globalThis as unknown as { rubricTest: { open(u: string, t: string): void } }).rubricTest.open(uri, text),
      [uri, text] as const,
    );
  const diagnosticsOf = async (uri: string) => {
    await expect
      .poll(
        () =>
          page.evaluate(
            (uri) =>
              (globalThis as unknown as { rubricTest: { published: Published[] } }).rubricTest.published.some(
                (p) => p.uri === uri,
              ),
            uri,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    return page.evaluate(
      (uri) =>
        (globalThis as unknown as { rubricTest: { published: Published[] } }).rubricTest.published
          .filter((p) => p.uri === uri)
          .at(-1)?.diagnostics ?? [],
      uri,
    );
  };

  it("checks an open rubric against its base, read from the workspace through the client", async () => {
    await start({ "vscode-vfs://ws/base.rubric": BASE });
    await open("vscode-vfs://ws/derived.rubric", DERIVED("完成率"));
    expect(await diagnosticsOf("vscode-vfs://ws/derived.rubric")).toEqual([]);
    const asked = await page.evaluate(
      () => (globalThis as unknown as { rubricTest: { asked: string[] } }).rubricTest.asked,
    );
    expect(asked).toEqual(expect.arrayContaining(["rubric/findRubricFiles", "rubric/readRubricFile"]));
  }, 30_000);

  it("says why a base that is not UTF-8 is not loaded", async () => {
    await page.reload();
    await page.waitForLoadState();
    const bytes = [...new TextEncoder().encode(BASE)];
    bytes.splice(10, 0, 0xff);
    await start({ "vscode-vfs://ws/base.rubric": bytes });
    await open("vscode-vfs://ws/derived.rubric", DERIVED("完成率"));
    const ds = await diagnosticsOf("vscode-vfs://ws/derived.rubric");
    expect(ds.map((d) => d.message).join("\n")).toContain("not valid UTF-8 text (invalid byte 0xFF at offset 10)");
  }, 30_000);

  it("loads the client bundle in a worker with only `vscode` provided, exporting activate and deactivate", async () => {
    const target = Object.keys(BROWSER_BUNDLES).find((t) => t.endsWith("extension.js")) ?? "";
    const file = `${base}${target.replace(/^dist\/web\//, "")}`;
    // VS Code for the Web runs extensions in a web worker, giving CommonJS `module` and `require('vscode')`.
    const outcome = await page.evaluate(async (file) => {
      const harness = `
        const required = [];
        self.module = { exports: {} };
        self.exports = self.module.exports;
        const stub = new Proxy({}, { get: () => function stub() {} });
        self.require = (id) => { required.push(id); if (id === "vscode") return stub; throw new Error("requires " + id); };
        try {
          importScripts(${JSON.stringify(file)});
          postMessage({ required: [...new Set(required)], exports: Object.keys(self.module.exports).sort() });
        } catch (e) { postMessage({ required, error: String(e) }); }`;
      type PageWorker = { onmessage: (e: { data: unknown }) => void };
      const g = globalThis as unknown as {
        Worker: new (url: string) => PageWorker;
        URL: { createObjectURL(b: unknown): string };
        Blob: new (parts: string[], o: object) => unknown;
      };
      const w = new g.Worker(g.URL.createObjectURL(new g.Blob([harness], { type: "text/javascript" })));
      return new Promise((resolve) => (w.onmessage = (e) => resolve(e.data)));
    }, file);
    expect(outcome).toEqual({ required: ["vscode"], exports: ["activate", "deactivate"] });
  }, 30_000);
});
