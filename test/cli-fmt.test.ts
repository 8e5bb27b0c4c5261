/** `rubric fmt [--check] <paths…>`, run in-process on a scratch directory. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mainAsync } from "../src/cli/main.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const untidy = "rubric T{total 1\n group a 1{indicator b 1{score=judged}}}\n";
const tidy = "rubric T {\n  total 1\n  group a 1 {\n    indicator b 1 {\n      score = judged\n    }\n  }\n}\n";

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "rubric-fmt-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("rubric fmt", () => {
  it("--check lists unformatted files, changes nothing and exits 1", async () => {
    const dir = scratch({ "a.rubric": untidy, "b.rubric": tidy });
    const r = await run("fmt", "--check", "--lang", "en", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("a.rubric");
    expect(r.out).not.toMatch(/b\.rubric/);
    expect(r.out).toContain("1 file(s) not formatted, 1 formatted");
    expect(readFileSync(join(dir, "a.rubric"), "utf8")).toBe(untidy);
  });

  it("rewrites files in place, after which --check passes", async () => {
    const dir = scratch({ "a.rubric": untidy, "b.rubric": tidy });
    const r = await run("fmt", "--lang", "en", dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 file(s) formatted, 1 unchanged");
    expect(readFileSync(join(dir, "a.rubric"), "utf8")).toBe(tidy);
    expect((await run("fmt", "--check", dir)).code).toBe(0);
  });

  it("keeps a byte-order mark", async () => {
    const dir = scratch({ "a.rubric": `\ufeff${untidy}` });
    await run("fmt", dir);
    expect(readFileSync(join(dir, "a.rubric"), "utf8")).toBe(`\ufeff${tidy}`);
  });

  it("never rewrites a file with syntax errors: shows them with file:line:col and exits 1", async () => {
    const broken = "rubric T {\n  input x bool\n}\n";
    const dir = scratch({ "bad.rubric": broken, "a.rubric": untidy });
    const r = await run("fmt", "--lang", "en", dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.rubric:2:11 error syntax-error/);
    expect(r.err).toContain("1 file(s) could not be formatted");
    expect(readFileSync(join(dir, "bad.rubric"), "utf8")).toBe(broken);
    expect(readFileSync(join(dir, "a.rubric"), "utf8")).toBe(tidy);
  });

  it("speaks Chinese and says which path does not exist", async () => {
    const r = await run("fmt", "--check", "--lang", "zh", "no/such.rubric");
    expect(r.code).toBe(1);
    expect(r.err).toContain("找不到文件：no/such.rubric");
  });

  it("finds the bundled rubrics formatted", async () => {
    const r = await run("fmt", "--check", "--lang", "en", "rubrics");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^0 file\(s\) not formatted, \d+ formatted$/m);
  });
});
