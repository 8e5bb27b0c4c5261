/**
 * Batch scoring streams: 10,000 generated CSV rows are scored with the heap
 * staying flat (a run that kept every row or report would grow by hundreds
 * of MB). The 1,000,000-row run with peak RSS belongs to the benchmark.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { runScore } from "../../src/cli/score.js";

// A full collection before each sample, so that the heap measured is what is live, not garbage awaiting collection.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("batch memory", () => {
  it("scores 10,000 CSV rows in order with a flat heap", async () => {
    const [header, ...seeds] = readFileSync("rubrics/inputs/seeds.csv", "utf8").trimEnd().split("\r\n");
    const file = join(mkdtempSync(join(tmpdir(), "rubric-mem-")), "many.csv");
    const rows = [header];
    for (let i = 0; i < 10_000; i++) rows.push((seeds[i % 3] as string).replace(/^[^,]*/, `dept-${i}`));
    writeFileSync(file, `${rows.join("\n")}\n`);

    let lines = 0;
    let lastId = "";
    let inOrder = true;
    const peak = { early: 0, late: 0 };
    const out = (line: string): void => {
      lines++;
      if (lines > 1) {
        const id = line.split(",")[2] ?? "";
        if (id !== `dept-${lines - 2}`) inOrder = false;
        lastId = id;
      }
      if (lines % 1000 === 0) {
        gc();
        const heap = process.memoryUsage().heapUsed;
        if (lines <= 4000) peak.early = Math.max(peak.early, heap);
        else peak.late = Math.max(peak.late, heap);
      }
    };
    const code = await runScore(["rubrics", file, "--format", "csv"], { out, err: () => {}, color: false, env: {} });
    expect(code).toBe(0);
    expect(lines).toBe(10_001);
    expect(inOrder).toBe(true);
    expect(lastId).toBe("dept-9999");
    expect(peak.late - peak.early).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
