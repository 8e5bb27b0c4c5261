/** The command line, run in-process: what a user sees, and the exit codes. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const fixture = (f: string) => `test/fixtures/cli/${f}`;

describe("rubric check", () => {
  it("reports a weight mismatch, a band gap, a unit error and a syntax error with line:col, and exits 1", async () => {
    const r = await run("check", "--lang", "en", fixture("four-errors.rubric"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/four-errors\.rubric:5:11 error weight-sum '甲' is worth 10 but its children add up to 11/);
    expect(r.out).toMatch(/four-errors\.rubric:7:15 error band-gap the bands leave \[80%, 90%\) uncovered/);
    expect(r.out).toMatch(/four-errors\.rubric:10:24 error unit-mismatch .*money and a ratio/);
    expect(r.out).toMatch(/four-errors\.rubric:14:20 error syntax-error/);
    // A code frame points at the place.
    expect(r.out).toContain("10 |       part a 3 = if 金额 + 比率 > 0 then 3 else 0");
  });

  it("speaks Chinese with --lang zh", async () => {
    const r = await run("check", "--lang", "zh", fixture("four-errors.rubric"));
    expect(r.out).toContain("分档未覆盖区间 [80%, 90%)");
    expect(r.out).toContain("单位错误：不能对金额和比率做「+」运算");
    expect(r.out).toContain("4 个错误");
  });

  it("gives the same diagnostics as data with --json", async () => {
    const r = await run("check", "--json", "--lang", "en", fixture("four-errors.rubric"));
    const ds = JSON.parse(r.out) as {
      code: string;
      line: number;
      column: number;
      severity: string;
      messages: { zh: string; en: string };
    }[];
    expect(ds.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      "5:11 weight-sum",
      "7:15 band-gap",
      "10:24 unit-mismatch",
      "14:20 syntax-error",
    ]);
    expect(ds.every((d) => d.severity === "error" && d.messages.zh.length > 0 && d.messages.en.length > 0)).toBe(true);
  });

  it("passes the bundled rubrics", async () => {
    const r = await run("check", "rubrics");
    expect(r.code).toBe(0);
    expect(r.out).toContain("0 error(s), 0 warning(s)");
  });

  it("says which file does not exist", async () => {
    const r = await run("check", "no/such/file.rubric");
    expect(r.code).toBe(1);
    expect(r.err).toContain("no/such/file.rubric");
  });

  it("rejects bad usage with exit 2", async () => {
    expect((await run("frobnicate")).code).toBe(2);
    expect((await run("check", "--lang", "fr", "rubrics")).code).toBe(2);
  });
});

describe("rubric test", () => {
  it("runs the seed examples and prints their totals", async () => {
    const r = await run("test", "rubrics");
    expect(r.code).toBe(0);
    for (const total of ["93.76", "94.91", "97.11", "94.4"]) expect(r.out).toContain(`total ${total}  grade 优`);
    expect(r.out).toContain("total 83.15  grade 良");
    expect(r.out).toMatch(/^5 passed, 0 failed$/m);
  });

  it("shows expected vs actual with the trace, and names a missing input and its indicator", async () => {
    const r = await run("test", "--lang", "en", fixture("failing-example.rubric"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ 资金管理.政府采购执行情况: expected 1.99, actual 1.98");
    expect(r.out).toContain("rounded half-up to 2 places: 1.98");
    expect(r.out).toContain("实际采购金额 > 采购计划金额 is false");
    expect(r.out).toContain("indicator '资金管理.政府采购执行情况': missing input '实际采购金额'");
    expect(r.out).toMatch(/^0 passed, 2 failed$/m);
  });
});

describe("bad input ends in diagnostics, never a stack trace", () => {
  const dir = mkdtempSync(join(tmpdir(), "rubric-bad-"));
  const file = (name: string, data: string | Uint8Array) => {
    const p = join(dir, name, "x.rubric");
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(p, data);
    return p;
  };

  it("invalid UTF-8", async () => {
    const r = await run("check", "--lang", "en", file("utf8", Buffer.from([0x72, 0x75, 0x62, 0xff, 0xfe, 0x20])));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/x\.rubric error invalid-utf8 the file is not valid UTF-8 text \(from byte 3\)/);
  });

  it("an empty file", async () => {
    const r = await run("check", "--lang", "en", file("empty", ""));
    expect(r.code).toBe(0);
    expect(r.out).toContain("warning empty-file");
  });

  it("random bytes", async () => {
    let seed = 7;
    const bytes = new Uint8Array(100_000).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
    const r = await run("check", "--lang", "en", file("random", bytes));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error (invalid-utf8|binary-file)/);
  });

  it("printable garbage: many errors, capped, no crash", async () => {
    let seed = 3;
    const alphabet = '{}()[];:=<>+-*/%"ab 指标 分组 得分 1 2.5 \n';
    let text = "";
    for (let i = 0; i < 200_000; i++)
      text += alphabet[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length];
    const r = await run("check", "--lang", "en", file("garbage", text));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/too-many-errors|too-deep/);
  });

  it("a 10 MB file", async () => {
    const line = "// 这是一行注释，用来把文件撑到 10 MB。This line is a comment.\n";
    const text = `rubric 大文件 { total 0 }\n${line.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(line)))}rubric 未闭合 {`;
    const r = await run("check", "--lang", "en", file("big", text));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/syntax-error syntax error: unexpected end of file/);
  });

  it("deep nesting", async () => {
    const r = await run(
      "check",
      "--lang",
      "en",
      file("deep", `rubric A { let x = ${"(".repeat(5000)}1${")".repeat(5000)} }`),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain("too-deep");
  });
});

describe("rubric check on a missing file", () => {
  it("says the file is missing, once, and prints no error summary", async () => {
    const r = await run("check", "--lang", "en", "test/fixtures/cli/no-such-file.rubric");
    expect(r.code).toBe(1);
    expect(r.err).toBe("no such file: test/fixtures/cli/no-such-file.rubric");
    expect(r.out).toBe("");
  });
});
