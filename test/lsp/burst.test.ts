/**
 * A burst of edits over real stdio: the server coalesces them, ends on the
 * last text's diagnostics with no backlog of analyses of older versions, and
 * is free to answer a request right after.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver";
import { Snapshot } from "../../src/lsp/snapshot.js";
import { documentDiagnostics } from "../../src/lsp/diagnostics.js";
import { generatedRubric } from "../../bench/generated.js";
import { ensureBuilt, LspClient } from "./lsp-client.js";
import { applyEdit, contentChange, randomEdit, rng, ruleExpressionSpans } from "./random-edits.js";
import { positionOf } from "./cursor.js";

const clients: LspClient[] = [];

beforeAll(() => ensureBuilt(), 120_000);

afterEach(async () => {
  for (const c of clients.splice(0)) if (c.alive) await c.stop().catch(() => c.child.kill("SIGKILL"));
});

describe("a burst of edits", () => {
  it("50 quick didChange notifications end on the last version's diagnostics, then a hover is answered at once", async () => {
    const c = LspClient.start(["--lang", "en"]);
    clients.push(c);
    await c.initialize(null);
    const uri = "file:///burst/generated.rubric";
    // Large enough that one analysis takes longer than the gap between two keystrokes.
    let text = generatedRubric(300);
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "rubric", version: 1, text } });
    await c.waitForVersion(uri, 1, 60_000);
    const spans = ruleExpressionSpans(text);
    const random = rng(10);
    const before = c.published.length;
    for (let version = 2; version <= 51; version++) {
      const e = randomEdit(random, text, spans);
      c.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [contentChange(text, e)] });
      text = applyEdit(text, e);
      // A fast typist: a few milliseconds between keystrokes.
      await new Promise((r) => setTimeout(r, 3));
    }
    const last = await c.waitForVersion(uri, 51, 60_000);
    const expected = documentDiagnostics(Snapshot.of({ [uri]: text }), uri, "en");
    expect(last.diagnostics).toEqual(JSON.parse(JSON.stringify(expected)));

    // The server is not busy with older versions: a hover on the final text comes back quickly.
    const t = performance.now();
    const hover = await c.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: positionOf(text, "indicator 指标7 ", 11),
    });
    const hoverMs = performance.now() - t;
    expect(JSON.stringify(hover?.contents)).toContain("指标7");
    expect(hoverMs).toBeLessThan(1000);

    // No backlog: nothing older arrives after the last version, and far fewer publishes than edits.
    await new Promise((r) => setTimeout(r, 300));
    expect(c.latest(uri)?.version).toBe(51);
    const during = c.published.slice(before).filter((p) => p.uri === uri);
    expect(during.length).toBeLessThanOrEqual(10);
    expect(during.map((p) => p.version ?? 0)).toEqual([...during.map((p) => p.version ?? 0)].sort((a, b) => a - b));
  }, 120_000);
});
