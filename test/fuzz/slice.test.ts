/**
 * A short seeded slice of `npm run fuzz` for CI: a few dozen mutants through
 * check, fmt, the examples, both scorers and tsc; generated rubrics through
 * both scorers; the hostile-input classes that hold today. The full campaign
 * (`npm run fuzz`) runs the same code with bigger budgets.
 */
import { describe, expect, it } from "vitest";
import { runMutants } from "../../scripts/fuzz/mutants.js";
import { runGenerated } from "../../scripts/fuzz/generated.js";
import { runHostile } from "../../scripts/fuzz/hostile.js";
import { ddmin } from "../../scripts/fuzz/reduce.js";
import { Stats } from "../../scripts/fuzz/stats.js";
import { Rng } from "../support/random-input.js";
import { randomExtendsFile } from "../support/random-extends.js";
import { analyzeProgram } from "../../src/compiler/program.js";

const SEED = 20261204;
const quiet = (): void => undefined;
const findings = (s: Stats): string[] => s.findings.map((f) => `${f.phase}/${f.kind}: ${f.detail.slice(0, 500)}`);

/**
 * Hostile classes that hold on this branch; the others (see README, "Fuzzing")
 * wait for the reader fixes of issue 8 and are run by `npm run fuzz`.
 */
// Every hostile class but the 48 MB JSON Lines line (too slow for every CI run; `npm run fuzz` covers it).
const HOLDING_CLASSES = [
  "encoding-switch",
  "json-malformed-element",
  "csv-unclosed-quote",
  "json-long-number",
  "proto-duplicate-keys",
  "bom-utf16le",
  "bom-utf16be",
  "xlsx-directory",
  "xlsx-not-zip",
  "xlsx-truncated",
  "xlsx-empty-first-sheet",
  "xlsx-date-cells",
  "formula-text",
  "control-characters",
];

describe("fuzz slice", () => {
  it("mutated rubrics: check never throws, ranges are valid, fmt keeps meaning, clean mutants compile, type-check and agree", async () => {
    const stats = new Stats();
    await runMutants(
      {
        seed: SEED,
        count: 40,
        until: Number.POSITIVE_INFINITY,
        cases: 3,
        compileEvery: 2,
        tscBatch: 40,
        keep: false,
        log: quiet,
      },
      stats,
    );
    expect(findings(stats)).toEqual([]);
    expect(stats.mutants).toBe(40);
    expect(stats.formatted).toBeGreaterThan(0);
  }, 180_000);

  it("generated rubrics: both scorers agree on every node, total, grade and error", async () => {
    const stats = new Stats();
    await runGenerated(
      { seed: SEED, rubrics: 4, inputs: 60, until: Number.POSITIVE_INFINITY, keep: false, log: quiet },
      stats,
    );
    expect(findings(stats)).toEqual([]);
    expect(stats.generatedRubrics).toBeGreaterThanOrEqual(4);
    // Most departments score: the comparison is not only of errors.
    expect(stats.generatedScored).toBeGreaterThan(stats.generatedInputs / 2);
  }, 180_000);

  it("generated files check clean: every base and derived rubric, extends with its modifications", () => {
    const rng = new Rng(SEED);
    const mods = new Set<string>();
    for (let id = 1; id <= 15; id++) {
      const file = randomExtendsFile(rng, id);
      for (const m of file.text.matchAll(/^ {2}(reweight|replace|remove|add|reword|rename) /gm)) mods.add(m[1] ?? "");
      const errors = analyzeProgram([{ file: "g.rubric", text: file.text }]).diagnostics.filter(
        (d) => d.severity === "error",
      );
      expect(errors.map((d) => `${d.code} ${d.message.en}`)).toEqual([]);
    }
    expect([...mods].sort()).toEqual(["add", "remove", "rename", "replace", "reweight", "reword"]);
  });

  it("hostile input files: every row accounted for, no stack trace, sane exit", async () => {
    const stats = new Stats();
    await runHostile({ seed: SEED, classes: HOLDING_CLASSES, log: quiet }, stats);
    expect(findings(stats)).toEqual([]);
    expect(stats.hostileFiles).toBe(HOLDING_CLASSES.length);
  }, 600_000);

  it("the reducer keeps only what the failure needs", async () => {
    const xs = Array.from({ length: 40 }, (_, i) => i);
    const min = await ddmin(xs, async (ys) => ys.includes(7) && ys.includes(31));
    expect(min).toEqual([7, 31]);
  });
});
