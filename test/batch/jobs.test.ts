/**
 * `rubric score --jobs N` (worker threads) writes the same bytes and the same
 * messages as one job, for CSV, JSON Lines and XLSX input with bad rows among
 * good ones; and `rubric score` loads neither TypeScript nor prettier.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SMALL, score } from "./helpers.js";
import { workbook } from "./zip-writer.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-jobs-"));
const HEADER = "id,计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分".split(",");

/** 900 rows (several batches per worker): every 7th has a bad number, every 11th a missing input, every 13th a bad flag. */
function rows(): string[][] {
  const out: string[][] = [];
  for (let i = 1; i <= 900; i++) {
    const planned = i % 7 === 0 ? "一百" : String(100 + (i % 50));
    const done = i % 11 === 0 ? "" : String(90 + (i % 13));
    const rest = i % 13 === 0 ? "也许" : "是";
    out.push([
      `D${i}`,
      planned,
      done,
      `${80 + (i % 21)}%`,
      "25%;50%;75%;100%",
      "4",
      String(i % 5),
      "否",
      "按规定公开",
      "0",
      rest,
    ]);
  }
  return out;
}

function inputs(): Record<string, string> {
  const all = rows();
  const csv = join(tmp, "in.csv");
  writeFileSync(csv, [HEADER, ...all].map((r) => r.join(",")).join("\n") + "\n");
  const jsonl = join(tmp, "in.jsonl");
  writeFileSync(
    jsonl,
    all
      .map((r, i) => (i % 17 === 5 ? "{not json" : JSON.stringify(Object.fromEntries(HEADER.map((h, k) => [h, r[k]])))))
      .join("\n") + "\n",
  );
  const xlsx = join(tmp, "in.xlsx");
  writeFileSync(xlsx, workbook([{ name: "部门", rows: [HEADER, ...all] }]));
  return { csv, jsonl, xlsx };
}

const files = inputs();

describe("--jobs", { timeout: 120_000 }, () => {
  for (const [kind, file] of Object.entries(files)) {
    for (const format of ["csv", "jsonl", "json"]) {
      it(`${kind} input, ${format} output: the same bytes and messages with --jobs 3 as with one job`, async () => {
        const one = join(tmp, `${kind}-1.${format}`);
        const three = join(tmp, `${kind}-3.${format}`);
        const a = await score(SMALL, file, "-o", one);
        const b = await score(SMALL, file, "-o", three, "--jobs", "3");
        expect(a.errLines.length).toBeGreaterThan(200);
        expect(a.errLines.at(-1)).toMatch(/^900 rows: \d+ scored, [1-9]\d* failed, 0 not read$/);
        expect(b.errLines).toEqual(a.errLines);
        expect(b.code).toBe(a.code);
        expect(readFileSync(three)).toEqual(readFileSync(one));
      });
    }
  }

  it("bad values are usage errors", async () => {
    for (const v of ["0", "-1", "two", "1.5"]) expect((await score(SMALL, files.csv ?? "", "--jobs", v)).code).toBe(2);
    expect((await score(SMALL, files.csv ?? "", "--jobs", "2", "--reference")).code).toBe(2);
  });
});

describe("no compiler tools at run time", { timeout: 120_000 }, () => {
  it("rubric score loads neither typescript nor prettier", () => {
    const log = join(tmp, "resolved.txt");
    writeFileSync(log, "");
    const script = `const { runScore } = await import(${JSON.stringify(resolve("dist/cli/score.js"))});
      process.exitCode = await runScore(${JSON.stringify([SMALL, files.csv, "-o", join(tmp, "plain.csv")])}, { out: () => {}, err: () => {}, color: false });`;
    const r = spawnSync(
      process.execPath,
      ["--import", resolve("test/batch/hooks/log-resolved.mjs"), "--input-type=module", "-e", script],
      { env: { ...process.env, RESOLVED_LOG: log }, encoding: "utf8" },
    );
    expect(r.status).toBe(1);
    const urls = readFileSync(log, "utf8").split("\n");
    // The hook works: the compiled scorer's pieces were seen.
    expect(urls.some((u) => u.endsWith("/dist/cli/batch/compiled.js"))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/(typescript|prettier)\//.test(u))).toEqual([]);
  });
});
