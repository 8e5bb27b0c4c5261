/**
 * Benchmarks (`npm run bench`, which builds dist/ first): front-end and
 * reference-evaluator throughput; then the scorers of the 盐田区委办 2023
 * rubric side by side (bench/scorers.ts: compiled module, hand-written
 * decimal.js / scaled-integer / float scorers, reference evaluator,
 * json-rules-engine) with their ratios and agreement counts; then batch
 * scoring through `rubric score` with peak RSS (bench/batch.ts).
 *
 *   BENCH_RECORDS=n   records of the side-by-side run (default 20,000)
 *   BENCH_FULL=1      also ≥ 1,000,000 records for exactness (BENCH_FULL_RECORDS), and the 1,000,000-row batch
 *   BENCH_BATCH=1     the 1,000,000-row batch without the full agreement run (BENCH_BATCH_ROWS to change the size)
 *   BENCH_BATCH=0     no batch run
 *   BENCH_ONLY=scorers  only the side-by-side scorers (bench/scorers.ts; BENCH_RECORDS, BENCH_FULL apply)
 *   BENCH_ONLY=startup  only the CLI cold start (bench/startup.ts); BENCH_STARTUP=0 leaves it out
 *   BENCH_ONLY=lsp      only the language server (bench/lsp.ts); BENCH_LSP=0 leaves it out
 */
import { readdirSync, readFileSync } from "node:fs";
import { analyzeProgram, parseDocument } from "../src/compiler/program.js";
import { runExample } from "../src/compiler/examples/run.js";
import { scoreRubric } from "../src/compiler/evaluate/rubric.js";
import { generatedRubric } from "./generated.js";
import { lspBench } from "./lsp.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { runScorerBench } from "./scorers.js";
import { runBatchBench } from "./batch.js";
import { frontEndBench } from "./front-end.js";
import { startupBench } from "./startup.js";

if (process.env["BENCH_ONLY"] === "startup") {
  startupBench((line) => console.log(line));
  process.exit(0);
}
if (process.env["BENCH_ONLY"] === "scorers") {
  const program = analyzeProgram(seedFiles());
  const rubric = program.examples.find((e) => e.rubric?.model.name === "盐田区委办")?.rubric;
  if (!rubric) throw new Error("seed rubric 盐田区委办 missing");
  await runScorerBench({
    rubric,
    records: Number(process.env["BENCH_RECORDS"] ?? 20_000),
    full: process.env["BENCH_FULL"] === "1",
    log: (line) => console.log(line),
  });
  process.exit(0);
}
if (process.env["BENCH_ONLY"] === "lsp") {
  await lspBench({ memoryEdits: Number(process.env["BENCH_LSP_EDITS"] ?? 1000) });
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(runs: number, f: () => void): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

function seedFiles(): { file: string; text: string }[] {
  return readdirSync(new URL("../rubrics/", import.meta.url))
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => ({ file: `rubrics/${f}`, text: readFileSync(new URL(`../rubrics/${f}`, import.meta.url), "utf8") }));
}
const seeds = seedFiles();
const big = { file: "generated.rubric", text: generatedRubric(2000) };

const parseSeeds = time(20, () => seeds.forEach(parseDocument));
const analyzeSeeds = time(20, () => analyzeProgram(seeds));
const parseBig = time(5, () => parseDocument(big));
const analyzeBig = time(5, () => analyzeProgram([big]));

const program = analyzeProgram(seeds);
const example = program.examples.find((e) => e.rubric?.model.name === "盐田区委办");
if (!example?.rubric || !example.scoring) throw new Error("seed example missing");
const rubric = example.rubric;
const scoring = example.scoring;
const n = 2000;
const evalMs = time(3, () => {
  for (let i = 0; i < n; i++) scoreRubric(rubric, scoring);
});
const exampleMs = time(3, () => runExample(example));

const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(0);
await frontEndBench();
console.log("front end (median)");
console.log(
  `  seeds (${seeds.length} files, ${kb(seeds.map((f) => f.text).join(""))} KB): parse ${parseSeeds.toFixed(1)} ms, parse+check ${analyzeSeeds.toFixed(1)} ms (check = ${(analyzeSeeds / parseSeeds).toFixed(1)}× parse)`,
);
console.log(
  `  generated 2,000 indicators (${kb(big.text)} KB): parse ${parseBig.toFixed(0)} ms, parse+check ${analyzeBig.toFixed(0)} ms (${(Buffer.byteLength(big.text) / 1024 / 1024 / (parseBig / 1000)).toFixed(2)} MB/s parse)`,
);
console.log("reference evaluator (median)");
console.log(
  `  盐田区委办 2023: ${(n / (evalMs / 1000)).toFixed(0)} records/s; one example run ${exampleMs.toFixed(2)} ms`,
);

const env = process.env;
const full = env["BENCH_FULL"] === "1";
const log = (line: string): void => console.log(line);
await runScorerBench({ rubric, records: Number(env["BENCH_RECORDS"] ?? 20_000), full, log });

const bigBatch = Number(env["BENCH_BATCH_ROWS"] ?? 1_000_000);
const batchSizes =
  env["BENCH_BATCH"] === "0"
    ? []
    : full || env["BENCH_BATCH"] === "1"
      ? [20_000, 100_000, bigBatch]
      : [5_000, 10_000, 20_000];
if (batchSizes.length > 0) await runBatchBench(createReferenceScorer(rubric).meta, batchSizes, log);

// Editor latency over real stdio (issue 10): 200 random edits inside rule expressions of the generated
// 2,000-indicator rubric, hover and completion, memory after 1,000 more edits (BENCH_LSP_EDITS to change).
if (env["BENCH_LSP"] !== "0") await lspBench({ log, memoryEdits: Number(env["BENCH_LSP_EDITS"] ?? 1000) });

// CLI cold start, each command a fresh process (issue 10, item 4).
if (env["BENCH_STARTUP"] !== "0") startupBench(log);
