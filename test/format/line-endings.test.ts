/**
 * The formatter keeps a file's line endings (CRLF stays CRLF), a byte-order
 * mark, and every string literal byte for byte — also a CR inside a string,
 * which is part of its value. `rubric fmt`, `fmt --check` and the language
 * server's formatting all go through `formatRubric`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRubric } from "../../src/format/format.js";
import { formatDocument } from "../../src/lsp/formatting.js";
import { mainAsync } from "../../src/cli/main.js";

const crlf = (s: string): string => s.replace(/\n/g, "\r\n");
/** Untidy, with a note whose text runs over two lines: the line break inside the string is written as `BREAK`. */
const untidy = (brk: string): string =>
  `rubric T{total 1\n group a 1{indicator b 1{note "first${brk}second"\nscore=judged}}}\n`;
const tidy = (brk: string): string =>
  `rubric T {\n  total 1\n  group a 1 {\n    indicator b 1 {\n      note "first${brk}second"\n      score = judged\n    }\n  }\n}\n`;
/** Line ends outside strings, to compare a layout whatever the strings hold. */
const withoutStrings = (s: string): string => s.replace(/"[^"]*"/g, '""');

describe("formatRubric and line endings", () => {
  it("keeps CRLF line endings, and a CR LF inside a string", async () => {
    const out = await formatRubric(crlf(untidy("\n")));
    expect(out).toBe(crlf(tidy("\n")));
    expect(await formatRubric(out)).toBe(out);
  });

  it("keeps a bare LF inside a string of a CRLF file (the string's value)", async () => {
    const text = crlf(untidy("@")).replace("@", "\n");
    const out = await formatRubric(text);
    expect(out).toBe(crlf(tidy("@")).replace("@", "\n"));
  });

  it("keeps a CR LF inside a string of an LF file, and the file's LF elsewhere", async () => {
    const out = await formatRubric(untidy("\r\n"));
    expect(out).toBe(tidy("\r\n"));
  });

  it("a mixed file takes the ending of its first line break", async () => {
    const text = untidy("@").replace("\n", "\r\n").replace("@", " ");
    expect(await formatRubric(text)).toBe(crlf(tidy(" ")));
    const lfFirst = untidy("@")
      .replace(/\n(?=score)/, "\r\n")
      .replace("@", " ");
    expect(withoutStrings(await formatRubric(lfFirst))).not.toContain("\r");
  });

  it("keeps a byte-order mark", async () => {
    expect(await formatRubric(`\ufeff${crlf(untidy(" "))}`)).toBe(`\ufeff${crlf(tidy(" "))}`);
  });
});

describe("the language server's formatting", () => {
  it("edits a CRLF document with CRLF text, and leaves a formatted one alone", async () => {
    const r = await formatDocument("file:///a.rubric", crlf(untidy("\n")));
    if (!("edits" in r)) throw new Error(r.refused);
    expect(r.edits.map((e) => e.newText).join("")).toBe(crlf(tidy("\n")));
    const again = await formatDocument("file:///a.rubric", crlf(tidy("\n")));
    expect(again).toEqual({ edits: [] });
  });
});

describe("rubric fmt on CRLF files", () => {
  async function run(...argv: string[]): Promise<number> {
    return mainAsync(argv, { out: () => {}, err: () => {}, color: false });
  }

  it("rewrites with CRLF and the BOM kept; --check then passes, and a formatted CRLF file is not flagged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rubric-crlf-"));
    writeFileSync(join(dir, "a.rubric"), `\ufeff${crlf(untidy("\n"))}`);
    writeFileSync(join(dir, "b.rubric"), crlf(tidy("\n")));
    expect(await run("fmt", join(dir, "b.rubric"), "--check")).toBe(0);
    expect(await run("fmt", dir)).toBe(0);
    expect(readFileSync(join(dir, "a.rubric"), "utf8")).toBe(`\ufeff${crlf(tidy("\n"))}`);
    expect(readFileSync(join(dir, "b.rubric"), "utf8")).toBe(crlf(tidy("\n")));
    expect(await run("fmt", "--check", dir)).toBe(0);
  });
});
