/**
 * Very long lines: a JSON Lines file is scanned once (not again on every
 * chunk), a line over the cap (8 MiB) is refused with a named error, the
 * lines after it are read, and memory stays bounded even for endless input.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJsonLines } from "../../src/cli/batch/json-read.js";
import { readCsv } from "../../src/cli/batch/csv-read.js";
import { GOOD, SMALL, score } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-long-"));

/** `n` bytes of zeros (like /dev/zero), in 64 KiB chunks, then `tail`. */
async function* zeros(n: number, tail: string): AsyncGenerator<Uint8Array> {
  const block = new Uint8Array(64 * 1024);
  for (let sent = 0; sent < n; sent += block.length) yield block;
  yield new TextEncoder().encode(tail);
}

describe("long lines", () => {
  it("a 64 MB JSON Lines line is refused quickly with a named error; the next line is scored", async () => {
    const file = join(tmp, "long.jsonl");
    const huge = JSON.stringify({ ...GOOD, id: "x".repeat(64 * 1024 * 1024) });
    writeFileSync(file, `${huge}\n${JSON.stringify({ ...GOOD, 其余满分: true, id: "after" })}\n`);
    const started = Date.now();
    const r = await score(SMALL, file, "--format", "jsonl");
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.errLines).toContain("row 1 (line 1): line 1 is longer than the limit of 8 MiB and was not read");
    expect(r.err).toContain("2 rows: 1 scored, 1 failed");
    const out = r.out.split("\n").map((l) => JSON.parse(l) as { id?: string; ok: boolean });
    expect(out.map((x) => [x.id, x.ok])).toEqual([
      [undefined, false],
      ["after", true],
    ]);
  }, 30_000);

  it("endless input without a line break (/dev/zero) keeps memory bounded, in JSON Lines and CSV", async () => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const items = [];
    for await (const it of readJsonLines(zeros(200 * 1024 * 1024, '\n{"a": 1}\n'))) items.push(it);
    expect(items.map((x) => ("error" in x ? x.error.en : "value" in x ? x.value : x.fileError.en))).toEqual([
      "line 1 is longer than the limit of 8 MiB and was not read",
      { a: 1 },
    ]);
    const recs = [];
    for await (const r of readCsv(zeros(100 * 1024 * 1024, "\r\na,b\r\n"))) recs.push(r);
    expect(recs.map((r) => [r.line, r.error?.en ?? r.cells.join("|")])).toEqual([
      [1, "line 1 is longer than the limit of 8 MiB and was not read"],
      [2, "a|b"],
    ]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
