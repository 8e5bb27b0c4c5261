/**
 * `npm run fuzz [-- --seed N] [--minutes M] [--only mutants,generated,hostile]
 *               [--mutants N] [--rubrics N] [--inputs N] [--no-keep]`
 *
 * The standing campaign: mutated rubrics, generated rubrics through both
 * scorers, hostile input files through `rubric score`. Without --minutes it
 * runs the fixed budget of the issue's closing note (10,000 mutants,
 * 20 rubrics × 500 inputs, every hostile class); with --minutes it keeps
 * going (mutants, then more generated rubrics) until the time is up.
 * Findings are reduced and kept under test/fixtures/fuzz/. Exit 1 on any.
 */
import { parseArgs } from "node:util";
import { runMutants } from "./mutants.js";
import { runGenerated } from "./generated.js";
import { runHostile, HOSTILE_CLASSES } from "./hostile.js";
import { Stats } from "./stats.js";

const { values: v } = parseArgs({
  options: {
    seed: { type: "string" },
    minutes: { type: "string" },
    only: { type: "string" },
    mutants: { type: "string" },
    rubrics: { type: "string" },
    inputs: { type: "string" },
    "no-keep": { type: "boolean", default: false },
  },
});

const seed = v.seed !== undefined ? Number(v.seed) : Math.floor(Math.random() * 2 ** 31);
const minutes = v.minutes !== undefined ? Number(v.minutes) : undefined;
const phases = new Set((v.only ?? "mutants,generated,hostile").split(","));
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const stats = new Stats();
const started = Date.now();
const keep = !v["no-keep"];

log(`fuzz: seed ${seed}${minutes !== undefined ? `, ${minutes} min` : ""} (reproduce with --seed ${seed})`);

// With --minutes, the time is shared: mutants 60%, generated rubrics 30%, hostile files the rest.
const share = (f: number): number =>
  minutes !== undefined ? started + minutes * 60_000 * f : Number.POSITIVE_INFINITY;

if (phases.has("mutants")) {
  log("mutated rubrics…");
  const count = v.mutants !== undefined ? Number(v.mutants) : minutes !== undefined ? Number.POSITIVE_INFINITY : 10_000;
  await runMutants({ seed, count, until: share(0.6), cases: 5, compileEvery: 5, tscBatch: 40, keep, log }, stats);
}
if (phases.has("generated")) {
  log("generated rubrics through both scorers…");
  const rubrics = v.rubrics !== undefined ? Number(v.rubrics) : minutes !== undefined ? Number.POSITIVE_INFINITY : 20;
  await runGenerated(
    { seed, rubrics, inputs: v.inputs !== undefined ? Number(v.inputs) : 500, until: share(0.9), keep, log },
    stats,
  );
}
if (phases.has("hostile")) {
  log("hostile input files through rubric score…");
  await runHostile({ seed, classes: HOSTILE_CLASSES.map((c) => c.name), log }, stats);
}

log(`\nfuzz summary (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
log(stats.summary());
process.exitCode = stats.findings.length > 0 || stats.rowsUnaccounted > 0 ? 1 : 0;
