/**
 * Differential tests: for every rubric in rubrics/ and in the good fixtures,
 * random valid departments (band edges and zeros included) and tie-heavy
 * ones (test/support/tie-input.ts) scored by the reference evaluator and by
 * the compiled module's three entry points agree exactly — `score` at every
 * node and as the same JSON text (`explain: false`), `scoreTotals` and `scoreValues` on total, grade and every
 * indicator — or fail with the same errors. Most records must take the
 * specialised code (not only its generic fallback).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeProgram, type CheckedRubric } from "../../src/compiler/program.js";
import { compileRubric } from "../../src/compiler/codegen/compile.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { ScoreError, type ScoreInput } from "../../src/runtime/scorer.js";
import { PeerCollector, type PeerStats } from "../../src/runtime/peers.js";
import type { NodeReport, Report } from "../../src/runtime/report.js";
import { Rng, randomInput } from "../support/random-input.js";
import { rubricConstants, tieInput } from "../support/tie-input.js";
import { referenceTotals, toValuesInput, totalsOutcome, type CompiledEntryPoints } from "../support/entry-points.js";
import { stats } from "../../src/runtime/fast-score.js";
import { genericOnlyReason } from "../../src/compiler/codegen/generic-only.js";

const CASES = Number(process.env["DIFF_CASES"] ?? 1000);
const genDir = new URL("../.generated/", import.meta.url);
mkdirSync(genDir, { recursive: true });

function load(dir: URL, prefix: string): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => ({ file: `${prefix}${f}`, text: readFileSync(new URL(f, dir), "utf8") }));
}

// A bundled rubric that extends another (盐田区委办 extends the Shenzhen framework) needs its base: each
// is analysed with the others as context, and only its own rubrics are compared.
const bundled = load(new URL("../../rubrics/", import.meta.url), "rubrics/");
const sources = [
  ...bundled.map((d) => [d, ...bundled.filter((o) => o !== d)]),
  ...load(new URL("../fixtures/good/", import.meta.url), "good/").map((d) => [d]),
];

function flatten(nodes: readonly NodeReport[], out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(
      `${n.path.join(".")} computed=${n.computed} score=${n.score} clamps=${n.clamps.length}${n.status ? ` ${n.status}` : ""}`,
    );
    flatten(n.children, out);
  }
  return out;
}

function outcome(f: () => Report): string[] {
  try {
    const r = f();
    return [
      `total=${r.total} grade=${r.grade}${r.gradeCap ? ` capped=${r.gradeCap.because.en}` : ""}`,
      ...flatten(r.tree),
    ];
  } catch (e) {
    if (!(e instanceof ScoreError)) throw e;
    // Field by field: what an analyst sees must not depend on the scorer.
    return e.errors
      .map(
        (x) =>
          `error ${x.kind} field=${x.field} indicators=${x.indicators.join(",")} zh=${x.message.zh} en=${x.message.en}`,
      )
      .sort();
  }
}

let n = 0;
async function compiled(rubric: CheckedRubric): Promise<CompiledEntryPoints> {
  const out = await compileRubric(rubric, { runtime: "../../src/runtime/index.js" });
  const file = new URL(`m${n++}_${rubric.model.name.replace(/[^\w]/g, "_")}.ts`, genDir);
  writeFileSync(file, out.ts);
  return (await import(file.href)) as CompiledEntryPoints;
}

describe("compiled modules agree with the reference evaluator", () => {
  for (const docs of sources) {
    const program = analyzeProgram(docs);
    const pool = rubricConstants(docs.map((d) => d.text).join("\n"));
    for (const rubric of program.rubrics.filter((r) => r.model.file === docs[0]?.file)) {
      it(`${docs[0]?.file} — ${rubric.model.name} (${CASES} random and ${CASES} tie-heavy departments, 3 entry points)`, async () => {
        const mod = await compiled(rubric);
        const ref = createReferenceScorer(rubric);
        const rng = new Rng(42);
        const typed = new Rng(4242);
        let scored = 0;
        const before = { ...stats };
        // Now and then the rest is not judged, so missing judgements are compared too.
        const inputs = Array.from({ length: 2 * CASES }, (_, k) =>
          k < CASES ? randomInput(ref.meta, rng, { restFull: 0.9 }) : tieInput(ref.meta, rng, pool),
        );
        // Issue 11, kind 7: a rubric reading peer statistics scores every department against all of them.
        let peers: PeerStats | undefined;
        if (ref.meta.peers) {
          const c = new PeerCollector(ref.meta.peers);
          for (const i of inputs) c.add(ref.peerRow?.(i) ?? []);
          peers = c.stats();
          expect(mod.peerStats?.(inputs)).toEqual(peers);
        }
        const opt = peers ? { peers } : {};
        for (let k = 0; k < 2 * CASES; k++) {
          const input = inputs[k] as ScoreInput;
          const a = outcome(() => ref.score(input, opt));
          const b = outcome(() => mod.score(input, opt));
          if (JSON.stringify(a) !== JSON.stringify(b))
            expect({ case: k, input, compiled: b }).toEqual({ case: k, input, compiled: a });
          // And the whole report, byte for byte as JSON prints it (key order, clamps, judgements, texts).
          const json = (f: () => Report): string | undefined => {
            try {
              return JSON.stringify(f());
            } catch (e) {
              if (e instanceof ScoreError) return undefined;
              throw e;
            }
          };
          const refJson = json(() => ref.score(input, { explain: false, ...opt }));
          const modJson = json(() => mod.score(input, opt));
          if (refJson !== modJson) expect({ case: k, input, json: modJson }).toEqual({ case: k, input, json: refJson });
          const totals = referenceTotals(() => ref.score(input, opt));
          expect({ case: k, input, totals: totalsOutcome(() => mod.scoreTotals(input, opt)) }).toEqual({
            case: k,
            input,
            totals,
          });
          const values = toValuesInput(ref.meta, input, typed);
          // Typed values show a wrong value in its typed form: compare errors by kind, field and indicators.
          if (values)
            expect({ case: k, values, totals: totalsOutcome(() => mod.scoreValues(values, opt), true) }).toEqual({
              case: k,
              values,
              totals: referenceTotals(() => ref.score(input, opt), true),
            });
          if (a[0]?.startsWith("total=")) scored++;
        }
        // Most random departments must actually score (not just fail the same way),
        expect(scored).toBeGreaterThan(CASES / 2);
        // and most that score must do so on the specialised code (a list of records is read by the
        // generic converter only, and rubric-level rules such as grade caps are generic only:
        // such rubrics score on the generic path, and never on the specialised one).
        const records = ref.meta.inputs.some((i) => i.type.kind === "array" && i.type.element.kind === "record");
        const fast = stats.fast - before.fast;
        if (genericOnlyReason(rubric.model)) expect(fast).toBe(0);
        else if (!records) expect(fast).toBeGreaterThan(scored);
      }, 240_000);
    }
  }
});
