/**
 * Checker fixtures: every `test/fixtures/check/*.rubric` declares the
 * diagnostics it must produce with `// !code` markers on their lines; the
 * checker must produce exactly those (errors and warnings).
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codesOf, expectedMarkers, readFixture } from "./helpers.js";

const dir = new URL("./fixtures/check/", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".rubric"))
  .sort();

describe("checker fixtures", () => {
  it("has fixtures", () => expect(files.length).toBeGreaterThan(5));
  for (const f of files) {
    it(f, () => {
      const text = readFixture(`check/${f}`);
      expect(codesOf(text).sort()).toEqual(expectedMarkers(text));
    });
  }
});
