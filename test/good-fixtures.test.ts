/**
 * Good fixtures: `test/fixtures/good/*.rubric` are rubrics with no
 * diagnostics at all whose examples all pass — including rules that have no
 * sugar and are written in the core expression language.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../src/compiler/examples/run.js";
import { analyze, readFixture } from "./helpers.js";

const dir = new URL("./fixtures/good/", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".rubric"))
  .sort();

describe("good fixtures", () => {
  for (const f of files) {
    it(f, () => {
      const program = analyze({ [f]: readFixture(`good/${f}`) });
      // `max-total` only informs: a rubric with bonuses can give more than its points (issue 11, kind 2).
      const said = program.diagnostics.filter((d) => d.code !== "max-total");
      expect(said.map((d) => `${d.code}: ${d.message.en}`)).toEqual([]);
      expect(program.examples.length).toBeGreaterThan(0);
      for (const ex of program.examples) {
        const r = runExample(ex);
        const failures = r.assertions
          .filter((a) => !a.pass)
          .map((a) => `${ex.title}: ${a.label} expected ${a.expected} got ${a.actual}`);
        expect([...failures, ...r.problems.map((p) => p.en)]).toEqual([]);
        expect(r.assertions.length).toBeGreaterThan(0);
      }
    });
  }
});
