/**
 * `rubric fmt` over several files: one that cannot be written is reported
 * (its name and why, in the user's language) and left as it was; the others
 * are still formatted, the summary is printed, and the exit status is 1.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mainAsync } from "../../src/cli/main.js";
import { fsCalls } from "../../src/cli/write-file-atomic.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false }).catch(
    () => 70,
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const untidy = "rubric T{total 1\n group a 1{indicator b 1{score=judged}}}\n";
const tidy = "rubric T {\n  total 1\n  group a 1 {\n    indicator b 1 {\n      score = judged\n    }\n  }\n}\n";

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "rubric-fmt-errors-"));
  for (const n of ["a", "b", "c"]) writeFileSync(join(dir, `${n}.rubric`), untidy.replace("T", n.toUpperCase()));
  return dir;
}

/** `b.rubric` cannot be replaced (tests run as root, so permissions cannot be used to refuse a write). */
function denyRenameOnto(name: string): void {
  const real = fsCalls.renameSync;
  vi.spyOn(fsCalls, "renameSync").mockImplementation((from, to) => {
    if (basename(String(to)) === name)
      throw Object.assign(new Error(`EACCES: permission denied, rename '${String(from)}' -> '${String(to)}'`), {
        code: "EACCES",
      });
    real(from, to);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("rubric fmt with a file that cannot be written", () => {
  it("reports it, formats the others, prints the summary and exits 1", async () => {
    const dir = scratch();
    denyRenameOnto("b.rubric");
    const r = await run("fmt", "--lang", "en", dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/b\.rubric: cannot write, the file is left as it was: permission denied \(EACCES\)/);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.out).toContain("2 file(s) formatted, 0 unchanged");
    expect(r.err).toContain("1 file(s) could not be formatted");
    expect(readFileSync(join(dir, "a.rubric"), "utf8")).toBe(tidy.replace("T", "A"));
    expect(readFileSync(join(dir, "b.rubric"), "utf8")).toBe(untidy.replace("T", "B"));
    expect(readFileSync(join(dir, "c.rubric"), "utf8")).toBe(tidy.replace("T", "C"));
    expect(readdirSync(dir).sort()).toEqual(["a.rubric", "b.rubric", "c.rubric"]);
  });

  it("says it in Chinese", async () => {
    const dir = scratch();
    denyRenameOnto("a.rubric");
    const r = await run("fmt", "--lang", "zh", dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a\.rubric：无法写入，文件保持不变：没有权限（EACCES）/);
    expect(r.out).toContain("格式化了 2 个文件");
  });
});
