/**
 * `rubric score … -o FILE` never overwrites a file the command reads: the
 * input, the rubric file or a rubric loaded beside it, however the output
 * path reaches it (same spelling, symbolic link, hard link). Refused with
 * exit 2 and the input left byte-identical.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, linkSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { score } from "../batch/helpers.js";

/** A scratch copy of the seed rubrics and their CSV input: a failing test must not destroy the repository's files. */
function copy(): { dir: string; csv: string; rubric: string; sibling: string } {
  const dir = mkdtempSync(join(tmpdir(), "rubric-clash-"));
  for (const f of ["dapeng-zsj-2021", "luohu-zsj-2023", "yantian-qwb-2023", "shenzhen-common-2023"])
    copyFileSync(`rubrics/${f}.rubric`, join(dir, `${f}.rubric`));
  copyFileSync("rubrics/inputs/seeds.csv", join(dir, "seeds.csv"));
  return {
    dir,
    csv: join(dir, "seeds.csv"),
    rubric: join(dir, "luohu-zsj-2023.rubric"),
    sibling: join(dir, "shenzhen-common-2023.rubric"),
  };
}

describe("score -o onto a file being read", () => {
  it("refuses the input file itself, exit 2, and the input is unchanged", async () => {
    const { dir, csv } = copy();
    const before = readFileSync(csv);
    const r = await score(dir, csv, "--lang", "en", "-o", csv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`refusing to write ${csv}: it is ${csv}, a file this command reads`);
    expect(readFileSync(csv).equals(before)).toBe(true);
  });

  it("refuses a symbolic link and a hard link to the input (in Chinese too)", async () => {
    const { dir, csv } = copy();
    const before = readFileSync(csv);
    symlinkSync(csv, join(dir, "link.csv"));
    linkSync(csv, join(dir, "hard.csv"));
    const soft = await score(dir, csv, "--lang", "zh", "-o", join(dir, "link.csv"));
    expect(soft.code).toBe(2);
    expect(soft.err).toContain("拒绝写入");
    const hard = await score(dir, csv, "--lang", "en", "-o", join(dir, "hard.csv"));
    expect(hard.code).toBe(2);
    expect(readFileSync(csv).equals(before)).toBe(true);
  });

  it("refuses the rubric file and a rubric loaded beside it", async () => {
    const { dir, csv, rubric, sibling } = copy();
    const rubricBefore = readFileSync(rubric);
    const siblingBefore = readFileSync(sibling);
    expect((await score(dir, csv, "-o", rubric, "--format", "csv")).code).toBe(2);
    expect((await score(rubric, csv, "-o", sibling, "--format", "csv")).code).toBe(2);
    expect(readFileSync(rubric).equals(rubricBefore)).toBe(true);
    expect(readFileSync(sibling).equals(siblingBefore)).toBe(true);
  });

  it("still writes a new file next to the input", async () => {
    const { dir, csv } = copy();
    const r = await score(dir, csv, "-o", join(dir, "out.csv"));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toContain("罗湖区政数局 2023,97.11");
  });

  it("-o /dev/stdout (a pipe with no path of its own) and -o /dev/null are written in place, never replaced", () => {
    // Through a shell pipe: a child's stdout from node itself is a socket, which Linux does not reopen by name.
    const command = `"${process.execPath}" bin/rubric.js score rubrics rubrics/inputs/seeds.csv --format csv -o /dev/stdout | cat`;
    const r = spawnSync("bash", ["-o", "pipefail", "-c", command], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("罗湖区政数局 2023,97.11");
    const n = spawnSync(
      process.execPath,
      ["bin/rubric.js", "score", "rubrics", "rubrics/inputs/seeds.csv", "--format", "csv", "-o", "/dev/null"],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(n.status).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(lstatSync("/dev/stdout").isSymbolicLink()).toBe(true);
  }, 180_000);
});
