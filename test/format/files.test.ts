/**
 * The formatter on every rubric in the repository: the formatted text
 * parses to the same syntax tree (spans aside), keeps every comment, is a
 * fixed point (formatting it again changes nothing), and rubrics/ is
 * already formatted.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatRubric } from "../../src/format/format.js";
import { commentsKept, meaningOf } from "../../src/format/same-meaning.js";
import { fmt1, rubricFiles } from "./helpers.js";

const files = [...rubricFiles("rubrics"), ...rubricFiles("test/fixtures")];

describe("formatting every rubric in the repository", () => {
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const meaning = meaningOf(text);
    it.skipIf(meaning === undefined)(`${file}: same syntax tree, same comments, idempotent`, async () => {
      const once = await fmt1(text);
      expect(meaningOf(once)).toBe(meaning);
      expect(commentsKept(text, once)).toBe(true);
      expect(await fmt1(once)).toBe(once);
      // Narrow lines make every list and long expression break: still the same tree, still a fixed point.
      const narrow = await fmt1(text, 40);
      expect(meaningOf(narrow)).toBe(meaning);
      expect(commentsKept(text, narrow)).toBe(true);
      expect(await fmt1(narrow, 40)).toBe(narrow);
    });
  }

  it("finds the files (and skips only those with syntax errors)", () => {
    expect(files.length).toBeGreaterThan(20);
    const broken = files.filter((f) => meaningOf(readFileSync(f, "utf8")) === undefined);
    expect(broken.every((f) => f.startsWith("test/fixtures/"))).toBe(true);
  });

  it("rubrics/ is formatted", async () => {
    for (const file of rubricFiles("rubrics")) {
      const text = readFileSync(file, "utf8");
      expect(await formatRubric(text, { file }), file).toBe(text);
    }
  });

  it("formats the kitchen-sink fixture as its golden copy", async () => {
    const messy = readFileSync("test/fixtures/format/messy.rubric", "utf8");
    const golden = readFileSync("test/fixtures/format/messy.formatted.rubric", "utf8");
    expect(await fmt1(messy)).toBe(golden);
    expect(await fmt1(golden)).toBe(golden);
  });
});
