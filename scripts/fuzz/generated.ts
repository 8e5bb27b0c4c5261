/**
 * Generated valid rubrics (test/support/random-rubric.ts and
 * random-extends.ts: every rule form, indicator features, rounding modes,
 * extends with every modification) through the reference evaluator and the
 * compiled scorer on random departments, comparing every node, the total,
 * the grade and every error. A generated file the checker rejects is a
 * finding too (the generator or the checker is wrong).
 */
import { analyzeProgram } from "../../src/compiler/program.js";
import { Rng } from "../../test/support/random-input.js";
import { randomExtendsFile } from "../../test/support/random-extends.js";
import { compareScorers, firstDifference } from "./compare.js";
import { keepFinding, reduceText } from "./reduce.js";
import type { Stats } from "./stats.js";

export interface GeneratedOptions {
  readonly seed: number;
  /** Rubrics to compare (each file holds a base and a derived rubric)… */
  readonly rubrics: number;
  /** …each on this many random departments… */
  readonly inputs: number;
  /** …or until this time (ms since the epoch). */
  readonly until: number;
  readonly keep: boolean;
  readonly log: (line: string) => void;
}

const FILE = "generated.rubric";

/** The problems of one generated file: rejected by the checker, or the scorers disagree (or crash). */
function problemsOf(
  text: string,
  inputs: number,
  seed: number,
  onCompared?: (cases: number, scored: number) => void,
): { kind: string; detail: string }[] {
  const program = analyzeProgram([{ file: FILE, text }]);
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    return [{ kind: "rejected", detail: errors.map((d) => `${d.code} ${d.message.en}`).join("; ") }];
  const out: { kind: string; detail: string }[] = [];
  for (const r of program.rubrics) {
    const c = compareScorers(r, inputs, seed);
    onCompared?.(c.cases, c.scored);
    if (c.crash)
      out.push({ kind: "crash", detail: `${r.model.name}: ${c.crash.detail} on ${JSON.stringify(c.crash.input)}` });
    if (c.mismatch)
      out.push({
        kind: "mismatch",
        detail: `${r.model.name} on ${JSON.stringify(c.mismatch.input)}\n${firstDifference(c.mismatch.reference, c.mismatch.compiled)}`,
      });
  }
  return out;
}

export async function runGenerated(o: GeneratedOptions, stats: Stats): Promise<void> {
  const rng = new Rng(o.seed ^ 0x5eed);
  let reduced = 0;
  for (let id = 1; stats.generatedRubrics < o.rubrics && Date.now() < o.until; id++) {
    const file = randomExtendsFile(rng, id);
    const seed = o.seed + id;
    const problems = problemsOf(file.text, o.inputs, seed, (n, scored) => {
      stats.generatedRubrics++;
      stats.generatedInputs += n;
      stats.generatedScored += scored;
    });
    if (problems.some((p) => p.kind === "rejected")) stats.generatedRejected++;
    for (const p of problems) {
      let fixture: string | undefined;
      if (o.keep && reduced < 5) {
        reduced++;
        const fails = async (t: string): Promise<boolean> =>
          problemsOf(t, o.inputs, seed).some((q) => q.kind === p.kind);
        fixture = keepFinding(`generated-${p.kind}`, await reduceText(file.text, fails, 200), "rubric");
      }
      stats.add({
        phase: "generated",
        kind: p.kind === "rejected" ? "rejected" : p.kind,
        detail: p.detail,
        ...(fixture ? { fixture } : {}),
      });
    }
    if (id % 5 === 0)
      o.log(`  ${stats.generatedRubrics} rubrics × ${o.inputs} inputs, ${stats.findings.length} findings`);
  }
}
