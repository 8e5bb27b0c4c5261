/**
 * JSON input is read from its text: numbers keep every digit written (not
 * what a double makes of them), and what JSON.parse would lose silently —
 * a `__proto__` key, a key given twice — is reported by name.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonNumber, parseJson } from "../../src/cli/batch/json-parse.js";
import { GOOD, SMALL, score } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-json-"));

type Row = {
  row: number;
  ok: boolean;
  total: string | null;
  scores: Record<string, string | null>;
  errors: { message: string }[];
};

async function scoreJson(name: string, text: string): Promise<{ rows: Row[]; err: string; errLines: string[] }> {
  const file = join(tmp, name);
  writeFileSync(file, text);
  const r = await score(SMALL, file, "--format", "jsonl");
  return { rows: r.out.split("\n").map((l) => JSON.parse(l) as Row), err: r.err, errLines: r.errLines };
}

const dept = (fields: string): string => `{${JSON.stringify({ ...GOOD, 其余满分: true }).slice(1, -1)}${fields}}`;

describe("numbers are exact", () => {
  it("keeps a number as written when a double cannot hold it", () => {
    expect(jsonNumber("0.9")).toBe(0.9);
    expect(jsonNumber("100")).toBe(100);
    expect(jsonNumber("1.50")).toBe(1.5);
    expect(jsonNumber("1E2")).toBe(100);
    expect(jsonNumber("0.89999999999999999")).toBe("0.89999999999999999");
    expect(jsonNumber("12345678901234567890")).toBe("12345678901234567890");
    expect(jsonNumber("1e400")).toBe("1e400");
  });

  it("0.89999999999999999 is below a 90% band, not rounded up to 0.9", async () => {
    const { rows } = await scoreJson(
      "exact.json",
      `[${dept(', "满意度": 0.9, "id": "a"').replace('"满意度":"95%",', "")},\n${dept(', "满意度": 0.89999999999999999, "id": "b"').replace('"满意度":"95%",', "")}]`,
    );
    expect(rows.map((r) => r.scores["甲.满意"])).toEqual(["2", "0"]);
  });
});

describe("keys JSON.parse would lose silently", () => {
  it("reports a key given twice and a __proto__ key by name; the other rows are scored", async () => {
    const { rows, errLines } = await scoreJson(
      "keys.jsonl",
      [
        dept(', "计划数": 5'),
        dept(', "__proto__": {"x": 1}'),
        `{"values": ${JSON.stringify(GOOD)}, "judgements": {"__proto__": 1, "甲.评议.政策": 1}}`,
        `{"values": ${JSON.stringify(GOOD)}, "judgeRestFull": true, "overrides": {"甲.执行": {"value": 1, "reason": "a", "reason": "b"}}}`,
        dept(""),
      ].join("\n"),
    );
    expect(rows.map((r) => r.ok)).toEqual([false, false, false, false, true]);
    expect(errLines).toContain(
      "row 1 (line 1): invalid JSON (line 1): duplicate key '计划数' (each key may appear once in an object)",
    );
    expect(errLines).toContain("row 2 (line 2): invalid JSON (line 2): the key '__proto__' is not allowed");
    expect(errLines).toContain("row 3 (line 3): invalid JSON (line 3): the key '__proto__' is not allowed");
    expect(errLines).toContain(
      "row 4 (line 4): invalid JSON (line 4): duplicate key 'reason' (each key may appear once in an object)",
    );
  });

  it("names the line of the problem inside a multi-line element, and refuses deep nesting without a stack overflow", () => {
    const r = parseJson('{\n  "a": 1,\n  "a": 2\n}', 10);
    expect(r.ok ? undefined : r.error.en).toBe(
      "invalid JSON (line 12): duplicate key 'a' (each key may appear once in an object)",
    );
    const deep = parseJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`, 1);
    expect(deep.ok ? undefined : deep.error.en).toBe("invalid JSON (line 1): JSON nested more than 200 levels deep");
  });

  it("two columns judging one path (评定:x and judge:x) are an error, not the last one winning", async () => {
    const file = join(tmp, "twice.csv");
    writeFileSync(
      file,
      "计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分,评定:甲.评议.政策,judge:甲.评议.政策\n100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,1,0\n",
    );
    const r = await score(SMALL, file);
    expect(r.errLines).toContain(
      "row 1 (line 2): 'judge:甲.评议.政策' gives a value for '甲.评议.政策' that another column already gives",
    );
  });
});
