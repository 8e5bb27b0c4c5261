/**
 * Benchmarks (`npm run bench`): front-end and reference-evaluator
 * throughput, measured side by side in one run and printed as ratios.
 * Later issues add compiled scorers and editor latency here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { analyzeProgram, parseDocument } from "../src/compiler/program.js";
import { runExample } from "../src/compiler/examples/run.js";
import { scoreRubric } from "../src/compiler/evaluate/rubric.js";

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

/** A generated rubric of `n` indicators in groups of 10, each with a band rule and a judged part. */
export function generatedRubric(n: number): string {
  const groups: string[] = [];
  for (let g = 0; g < n / 10; g++) {
    const inds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const k = g * 10 + i;
      inds.push(`    indicator 指标${k} 10 {
      note "第 ${k} 个指标的说明文字，用于模拟真实评分表中较长的指标说明。"
      let 比率${k} = 实际${g} / 计划${g}
      part 档位 6 = bands 比率${k} { >= 95% -> 6; [90%, 95%) -> 4; [80%, 90%) -> 2; < 80% -> 1 }
      part 评议 4 = judged
    }`);
    }
    groups.push(`  input 计划${g}: money(万元) > 0\n  input 实际${g}: money(万元) >= 0\n  group 分组${g} 100 {\n${inds.join("\n")}\n  }`);
  }
  return `rubric 生成 {\n  total ${n * 10}\n  rounding indicator 2 half-up\n${groups.join("\n")}\n}\n`;
}

const seedFiles = readdirSync(new URL("../rubrics/", import.meta.url))
  .filter((f) => f.endsWith(".rubric"))
  .map((f) => ({ file: `rubrics/${f}`, text: readFileSync(new URL(`../rubrics/${f}`, import.meta.url), "utf8") }));
const big = { file: "generated.rubric", text: generatedRubric(2000) };

const parseSeeds = time(20, () => seedFiles.forEach(parseDocument));
const analyzeSeeds = time(20, () => analyzeProgram(seedFiles));
const parseBig = time(5, () => parseDocument(big));
const analyzeBig = time(5, () => analyzeProgram([big]));

const program = analyzeProgram(seedFiles);
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
console.log("front end (median)");
console.log(`  seeds (${seedFiles.length} files, ${kb(seedFiles.map((f) => f.text).join(""))} KB): parse ${parseSeeds.toFixed(1)} ms, parse+check ${analyzeSeeds.toFixed(1)} ms (check = ${(analyzeSeeds / parseSeeds).toFixed(1)}× parse)`);
console.log(`  generated 2,000 indicators (${kb(big.text)} KB): parse ${parseBig.toFixed(0)} ms, parse+check ${analyzeBig.toFixed(0)} ms (${((Buffer.byteLength(big.text) / 1024 / 1024) / (parseBig / 1000)).toFixed(2)} MB/s parse)`);
console.log("reference evaluator (median)");
console.log(`  盐田区委办 2023: ${(n / (evalMs / 1000)).toFixed(0)} records/s; one example run ${exampleMs.toFixed(2)} ms`);
