/**
 * Editor latency, over real stdio against `rubric lsp --stdio`:
 *   - a generated 2,000-indicator rubric (~500 KB): edit → published
 *     diagnostics, p50/p95 over 200 edits (each waits for its own version);
 *   - hover and completion p95 on a seed rubric;
 *   - the server's resident memory before and after 10,000 edits.
 * Targets (issue 3): diagnostics p95 < 50 ms on the big file; hover and
 * completion p95 < 20 ms; memory flat.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { LspClient, ROOT, ensureBuilt } from "../test/lsp/lsp-client.js";
import { generatedRubric } from "./generated.js";

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function rss(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

export async function lspBench(edits = 200, memoryEdits = 10_000): Promise<void> {
  ensureBuilt();
  const client = LspClient.start(["--lang", "en"]);
  try {
    await client.initialize(null);
    // ---- the big file ----
    const uri = "file:///bench/generated.rubric";
    let text = generatedRubric(2000);
    let version = 1;
    const t0 = performance.now();
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "rubric", version, text } });
    await client.waitForVersion(uri, version, 120_000);
    const openMs = performance.now() - t0;
    // Each edit changes a band's score in a different indicator: the text stays valid and the edit is local.
    const sites: number[] = [];
    for (
      let at = text.indexOf("[90%, 95%) -> ");
      at >= 0 && sites.length < 400;
      at = text.indexOf("[90%, 95%) -> ", at + 1)
    )
      sites.push(at + "[90%, 95%) -> ".length);
    const latencies: number[] = [];
    const edit = (k: number): void => {
      const at = sites[(k * 37) % sites.length] as number;
      const digit = String(1 + (k % 5));
      text = text.slice(0, at) + digit + text.slice(at + 1);
      version++;
      const p = position(text, at);
      client.notify("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 1 } }, text: digit }],
      });
    };
    for (let k = 0; k < edits; k++) {
      const t = performance.now();
      edit(k);
      await client.waitForVersion(uri, version, 60_000);
      latencies.push(performance.now() - t);
    }
    console.log(
      `language server, generated rubric of 2,000 indicators (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB), over stdio`,
    );
    console.log(
      `  open → diagnostics ${openMs.toFixed(0)} ms; edit → published diagnostics over ${edits} edits: p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms (target p95 < 50 ms; includes the server's 10 ms debounce)`,
    );

    // ---- memory over many edits ----
    const pid = client.child.pid;
    const before = rss(pid);
    const marks: string[] = [];
    for (let k = 0; k < memoryEdits; k++) {
      edit(edits + k);
      if (k % 100 === 99) await client.waitForVersion(uri, version, 60_000);
      if (k % 2500 === 2499) marks.push(`${k + 1}: ${rss(pid).toFixed(0)} MB`);
    }
    await client.waitForVersion(uri, version, 60_000);
    console.log(`  resident memory: ${before.toFixed(0)} MB before, after edits ${marks.join(", ")}`);

    // ---- hover and completion on a seed rubric ----
    const seedPath = `${ROOT}rubrics/yantian-qwb-2023.rubric`;
    const seedUri = pathToFileURL(seedPath).href;
    const seed = readFileSync(seedPath, "utf8");
    client.notify("textDocument/didOpen", {
      textDocument: { uri: seedUri, languageId: "rubric", version: 1, text: seed },
    });
    await client.waitForVersion(seedUri, 1, 60_000);
    const targets = [
      "预算编制合理性",
      "政府采购执行情况",
      "采购计划金额",
      "季度支出进度",
      "编外人员控制率",
      "总分",
      "满意度",
    ].flatMap((w) => {
      const out: number[] = [];
      for (let at = seed.indexOf(w); at >= 0 && out.length < 5; at = seed.indexOf(w, at + 1)) out.push(at + 1);
      return out;
    });
    const hover: number[] = [];
    const completion: number[] = [];
    for (let k = 0; k < 200; k++) {
      const p = position(seed, targets[k % targets.length] as number);
      let t = performance.now();
      await client.request("textDocument/hover", { textDocument: { uri: seedUri }, position: p });
      hover.push(performance.now() - t);
      t = performance.now();
      await client.request("textDocument/completion", { textDocument: { uri: seedUri }, position: p });
      completion.push(performance.now() - t);
    }
    console.log(
      `  seed rubric (yantian-qwb-2023): hover p50 ${pct(hover, 50).toFixed(1)} ms, p95 ${pct(hover, 95).toFixed(1)} ms; completion p50 ${pct(completion, 50).toFixed(1)} ms, p95 ${pct(completion, 95).toFixed(1)} ms (target p95 < 20 ms)`,
    );
  } finally {
    await client.stop().catch(() => undefined);
  }
}
