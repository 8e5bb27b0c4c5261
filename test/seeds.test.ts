/**
 * The seed reports: the three annex rubrics in rubrics/ must reproduce every
 * printed indicator score and total (001 大鹏 93.76, 002 盐田 94.91, 003 罗湖
 * 97.11, all 优). The expected numbers are written in each rubric's example,
 * copied from the reports' annex tables; this test runs them and pins the totals.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../src/compiler/examples/run.js";
import { analyze } from "./helpers.js";

const dir = new URL("../rubrics/", import.meta.url);
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => [`rubrics/${f}`, readFileSync(new URL(f, dir), "utf8")]),
);
const program = analyze(files);
const results = program.examples.map(runExample);

describe("seed rubrics", () => {
  it("check without errors or warnings", () => {
    expect(program.diagnostics.map((d) => `${d.file} ${d.code}: ${d.message.en}`)).toEqual([]);
  });

  it.each([
    ["大鹏新区政数局", "93.76"],
    ["盐田区委办", "94.91"],
    ["罗湖区政数局", "97.11"],
  ])("%s totals %s, grade 优, and every indicator matches its annex", (name, total) => {
    const r = results.find((x) => x.example.rubric?.model.name === name);
    expect(r).toBeDefined();
    if (!r) return;
    expect(r.result?.report.total).toBe(total);
    expect(r.result?.report.grade).toBe("优");
    expect(r.assertions.filter((a) => !a.pass)).toEqual([]);
    expect(r.problems).toEqual([]);
    // Every leaf indicator of the rubric has an expectation from the annex.
    const indicators = JSON.stringify(r.result?.report.tree).match(/"kind":"indicator"/g)?.length ?? 0;
    const expected = new Set(r.assertions.map((a) => a.label));
    expect(indicators).toBeGreaterThanOrEqual(20);
    expect(r.assertions.filter((a) => a.label !== "total" && a.label !== "grade").length).toBeGreaterThanOrEqual(
      indicators,
    );
    expect(expected.has("total")).toBe(true);
  });
});
