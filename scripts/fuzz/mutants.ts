/**
 * The mutant campaign: the bundled rubrics and the test fixtures, mutated,
 * through check, fmt, the examples, the two scorers and (for a sample of
 * clean mutants, in batches) compile + `tsc --strict`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceDocument } from "../../src/compiler/program.js";
import { Rng } from "../../test/support/random-input.js";
import { mutate, tokenize } from "./mutate.js";
import { probeRubric, type ProblemKind } from "./probe.js";
import { keepFinding, reduceText } from "./reduce.js";
import type { Stats } from "./stats.js";
import { RUNTIME_FOR_TSC, typecheckModules } from "./typecheck.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function rubricFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? rubricFiles(p) : f.endsWith(".rubric") ? [p] : [];
  });
}

/** Names of the rubrics a file declares. */
function declared(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:rubric|评分表)\s+([^\s{]+)/g)]
    .map((m) => m[1] ?? "")
    .filter((n) => n.length > 1);
}

export interface SeedFile {
  readonly file: string;
  readonly text: string;
  /** The other rubric files of its directory, loaded with it as `rubric check` does (so `extends` resolves). */
  readonly siblings: readonly SourceDocument[];
}

export function seedFiles(): SeedFile[] {
  // Not the open findings: they would be found again and again.
  const files = [...rubricFiles(join(ROOT, "rubrics")), ...rubricFiles(join(ROOT, "test/fixtures"))]
    .filter((f) => !f.includes("/fuzz/open/"))
    .sort();
  const docs = files.map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, "utf8") }));
  return docs.map((d) => ({
    ...d,
    // The files beside it that declare a rubric it names (what `extends` needs), not all of them: analysis is the cost.
    siblings: docs.filter(
      (o) =>
        o.file !== d.file && dirname(o.file) === dirname(d.file) && declared(o.text).some((n) => d.text.includes(n)),
    ),
  }));
}

export interface MutantOptions {
  readonly seed: number;
  /** Stop after this many mutants… */
  readonly count: number;
  /** …or at this time (ms since the epoch). */
  readonly until: number;
  /** Random departments per clean mutant rubric for the two scorers. */
  readonly cases: number;
  /** Compile one clean mutant in this many; type-check them in batches of `tscBatch`. */
  readonly compileEvery: number;
  readonly tscBatch: number;
  /** Reduce findings and keep them as fixtures. */
  readonly keep: boolean;
  readonly log: (line: string) => void;
}

export async function runMutants(o: MutantOptions, stats: Stats): Promise<void> {
  const rng = new Rng(o.seed);
  const seeds = seedFiles();
  const donors = seeds.map((s) => tokenize(s.text));
  const pending: { source: string; text: string; file: string }[] = [];
  const reducedKinds = new Map<ProblemKind, number>();

  const flushTsc = (): void => {
    if (pending.length === 0) return;
    const bad = typecheckModules(pending.map((p) => p.source));
    stats.tscChecked += pending.length;
    for (const [i, why] of bad) {
      const p = pending[i];
      stats.add({
        phase: "mutants",
        kind: "tsc",
        detail: `${p?.file ?? "(program)"}: ${why}`,
        ...(p && o.keep ? { fixture: keepFinding("tsc", p.text, "rubric") } : {}),
      });
    }
    pending.length = 0;
  };

  let clean = 0;
  while (stats.mutants < o.count && Date.now() < o.until) {
    const seed = rng.pick(seeds);
    const m = mutate(seed.text, rng, donors);
    stats.mutants++;
    const wantCompile = o.compileEvery > 0 && clean % o.compileEvery === 0;
    const r = await probeRubric(seed.file, m.text, seed.siblings, {
      cases: clean % 2 === 0 ? o.cases : 0,
      seed: stats.mutants,
      compile: wantCompile,
      runtime: RUNTIME_FOR_TSC,
    });
    if (r.clean) {
      clean++;
      stats.cleanMutants++;
    }
    if (r.formatted) stats.formatted++;
    stats.mutantInputsCompared += r.compared;
    for (const source of r.modules) {
      stats.compiled++;
      pending.push({ source, text: m.text, file: seed.file });
    }
    if (pending.length >= o.tscBatch) flushTsc();
    for (const p of r.problems) {
      let fixture: string | undefined;
      const n = reducedKinds.get(p.kind) ?? 0;
      // Reducing costs hundreds of probes: a few per kind and run are enough to see a class.
      if (o.keep && n < 3) {
        reducedKinds.set(p.kind, n + 1);
        const fails = async (t: string): Promise<boolean> =>
          (
            await probeRubric(seed.file, t, seed.siblings, { cases: o.cases, seed: stats.mutants, compile: false })
          ).problems.some((q) => q.kind === p.kind);
        fixture = keepFinding(p.kind, await reduceText(m.text, fails), "rubric");
      }
      stats.add({
        phase: "mutants",
        kind: p.kind,
        detail: `${seed.file} [${m.ops.join(",")}] ${p.detail}`,
        ...(fixture ? { fixture } : {}),
      });
    }
    if (stats.mutants % 500 === 0)
      o.log(`  ${stats.mutants} mutants, ${stats.cleanMutants} clean, ${stats.findings.length} findings`);
  }
  flushTsc();
}
