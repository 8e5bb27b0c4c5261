/**
 * `rubric compile -o`: a bad output path is a named error (the path and why,
 * in the user's language; exit 1, no stack), and every rubric gets its own
 * file names — distinct where unsafe characters are replaced (`A B` and
 * `A_B`) and short enough for the file system, deterministically.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mainAsync } from "../../src/cli/main.js";
import { outputStems } from "../../src/cli/output-names.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // As bin/rubric.js does: an exception is an internal error, exit 70.
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false }).catch(
    (e: unknown) => {
      err.push(`internal error: ${String(e)}`);
      return 70;
    },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const rubric = (name: string): string =>
  `rubric ${name} {\n  total 1\n  group a 1 {\n    indicator b 1 {\n      score = judged\n    }\n  }\n}\n`;

function scratch(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "rubric-compile-"));
  writeFileSync(join(dir, "r.rubric"), text);
  return { dir, file: join(dir, "r.rubric") };
}

describe("compile -o onto a path that cannot be a directory", () => {
  it("an existing file: named error, exit 1, the file untouched", async () => {
    const { dir, file } = scratch(rubric("T"));
    writeFileSync(join(dir, "taken"), "keep me");
    const r = await run("compile", "--lang", "en", file, "-o", join(dir, "taken"));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`cannot create the output directory ${join(dir, "taken")}: it exists and is not a directory`);
    expect(readFileSync(join(dir, "taken"), "utf8")).toBe("keep me");
  });

  it("/dev/null/x, in Chinese", async () => {
    const { file } = scratch(rubric("T"));
    const r = await run("compile", "--lang", "zh", file, "-o", "/dev/null/x");
    expect(r.code).toBe(1);
    expect(r.err).toBe("无法创建输出目录 /dev/null/x：路径中有一段不是目录（ENOTDIR）");
  });

  it("a directory name over 255 bytes", async () => {
    const { dir, file } = scratch(rubric("T"));
    const long = join(dir, "目".repeat(100));
    const r = await run("compile", "--lang", "en", file, "-o", long);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`cannot create the output directory ${long}: the file name is too long (ENAMETOOLONG)`);
  });
});

describe("output file names", () => {
  it("`A B` and `A_B` in one file get distinct files; neither overwrites the other", async () => {
    const { dir, file } = scratch(`${rubric('"A B"')}\n${rubric("A_B")}`);
    const out = join(dir, "out");
    const r = await run("compile", file, "-o", out);
    expect(r.code).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toHaveLength(8);
    const js = names.filter((n) => n.endsWith(".js"));
    const texts = js.map((n) => readFileSync(join(out, n), "utf8"));
    expect(texts.some((t) => t.includes('"A B"'))).toBe(true);
    expect(texts.some((t) => t.includes('"A_B"'))).toBe(true);
    expect(r.out).toMatch(/A B → .*r\.A_B-[0-9a-f]{8}\.\{ts,js,d\.ts,schema\.json\}/);
    expect(r.out).toMatch(/A_B → .*r\.A_B\.\{ts,js,d\.ts,schema\.json\}/);
  });

  it("a 100-character Chinese rubric name is shortened within 255 bytes, the same way every time", async () => {
    const long = "绩".repeat(100);
    const { dir, file } = scratch(`${rubric(long)}\n${rubric("短")}`);
    const first = await run("compile", file, "-o", join(dir, "one"));
    expect(first.code).toBe(0);
    const names = readdirSync(join(dir, "one"));
    expect(names).toHaveLength(8);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
    expect((await run("compile", file, "-o", join(dir, "two"))).code).toBe(0);
    expect(readdirSync(join(dir, "two")).sort()).toEqual(names.sort());
  });

  it("two years of one rubric in one file get their years in the names", async () => {
    const { dir, file } = scratch(`${rubric("考核 2023")}\n${rubric("考核 2024")}`);
    const r = await run("compile", file, "-o", join(dir, "out"));
    expect(r.code).toBe(0);
    expect(
      readdirSync(join(dir, "out"))
        .filter((n) => n.endsWith(".ts") && !n.endsWith(".d.ts"))
        .sort(),
    ).toEqual(["r.考核.2023.ts", "r.考核.2024.ts"]);
  });

  it("names differing only in letter case, or files of one base name in two directories, stay apart", () => {
    const stems = outputStems([
      { file: "x/r.rubric", name: "a" },
      { file: "x/r.rubric", name: "A" },
      { file: "y/s.rubric", name: "T" },
      { file: "z/s.rubric", name: "T" },
    ]);
    expect(new Set(stems.map((s) => s.toLowerCase())).size).toBe(4);
    expect(stems[2]).toMatch(/^s-[0-9a-f]{8}$/);
  });
});
