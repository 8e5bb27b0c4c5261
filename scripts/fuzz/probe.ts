/**
 * What must hold for ANY rubric text, however broken: `check` never throws
 * and its diagnostics point inside the file; the examples run without
 * crashing; a file that parses formats idempotently to text that checks to
 * the same diagnostics and gives the same example results; a clean rubric
 * compiles, and its compiled scorer agrees with the reference evaluator.
 * Used by the mutant campaign and by the replay of kept findings.
 */
import { analyzeProgram, type Program, type SourceDocument } from "../../src/compiler/program.js";
import { runExample } from "../../src/compiler/examples/run.js";
import { compileRubric } from "../../src/compiler/codegen/compile.js";
import { formatRubric, RubricSyntaxError } from "../../src/format/format.js";
import { compareScorers, firstDifference } from "./compare.js";

export type ProblemKind =
  | "crash"
  | "bad-range"
  | "fmt-crash"
  | "fmt-refused"
  | "fmt-not-idempotent"
  | "fmt-changed-meaning"
  | "example-crash"
  | "mismatch"
  | "compile-crash"
  | "slow";

export interface Problem {
  readonly kind: ProblemKind;
  readonly detail: string;
}

export interface ProbeResult {
  readonly problems: Problem[];
  /** No error diagnostics in the probed file. */
  readonly clean: boolean;
  readonly formatted: boolean;
  /** Compiled TypeScript of the file's rubrics (clean files, when asked for). */
  readonly modules: string[];
  readonly compared: number;
}

export interface ProbeOptions {
  /** Random departments to compare the two scorers on, per clean rubric (0: none). */
  readonly cases: number;
  readonly seed: number;
  /** Emit the TypeScript module of each clean rubric, for a batched `tsc --strict`. */
  readonly compile: boolean;
  /** The runtime specifier the emitted modules import. */
  readonly runtime?: string;
}

const describe = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(e);

function badRanges(program: Program, docs: readonly SourceDocument[]): string[] {
  const length = new Map(docs.map((d) => [d.file, d.text.length]));
  const out: string[] = [];
  const ok = (file: string, s: { start: number; end: number }): boolean => {
    const n = length.get(file);
    return (
      n !== undefined &&
      Number.isInteger(s.start) &&
      Number.isInteger(s.end) &&
      0 <= s.start &&
      s.start <= s.end &&
      s.end <= n
    );
  };
  for (const d of program.diagnostics) {
    if (!ok(d.file, d.span)) out.push(`${d.code} at ${d.file} ${d.span.start}..${d.span.end}`);
    if (!d.message.zh || !d.message.en) out.push(`${d.code} has an empty message`);
    for (const r of d.related)
      if (!ok(r.file, r.span)) out.push(`${d.code} related ${r.file} ${r.span.start}..${r.span.end}`);
  }
  return out;
}

/** What the checker and the examples say about a file, positions aside: what formatting must keep. */
function meaning(program: Program, file: string): string {
  const diags = program.diagnostics
    .filter((d) => d.file === file)
    .map((d) => `${d.severity} ${d.code} ${d.message.en}`)
    .sort();
  const examples = program.examples
    .filter((e) => e.file === file)
    .map((e) => {
      const r = runExample(e);
      const a = r.assertions.map((x) => `${x.label}=${x.actual ?? "-"}:${x.pass}`).join(",");
      return `${e.title} ${r.pass} ${r.result?.report.total ?? "-"} ${r.result?.report.grade ?? "-"} [${a}] ${r.problems.map((p) => p.en).join("|")}`;
    });
  return JSON.stringify({ diags, examples });
}

export async function probeRubric(
  file: string,
  text: string,
  siblings: readonly SourceDocument[],
  options: ProbeOptions,
): Promise<ProbeResult> {
  const started = Date.now();
  const problems: Problem[] = [];
  const docs = [{ file, text }, ...siblings.filter((s) => s.file !== file)];
  const result = (clean: boolean, formatted: boolean, modules: string[] = [], compared = 0): ProbeResult => {
    const ms = Date.now() - started;
    if (ms > 20_000) problems.push({ kind: "slow", detail: `${ms} ms` });
    return { problems, clean, formatted, modules, compared };
  };
  let program: Program;
  try {
    program = analyzeProgram(docs);
  } catch (e) {
    problems.push({ kind: "crash", detail: `check threw ${describe(e)}` });
    return result(false, false);
  }
  for (const b of badRanges(program, docs)) problems.push({ kind: "bad-range", detail: b });
  const mine = program.diagnostics.filter((d) => d.file === file);
  const clean = !mine.some((d) => d.severity === "error");
  const syntaxOk = !mine.some((d) =>
    [
      "syntax-error",
      "digit-name",
      // A keyword used as a name is a parse-level refusal: fmt declines such a file, as it should.
      "keyword-name",
      "record-field-constraint",
      "unexpected-character",
      "too-deep",
      "too-many-errors",
      "binary-file",
    ].includes(d.code),
  );

  let before: string;
  try {
    before = meaning(program, file);
  } catch (e) {
    problems.push({ kind: "example-crash", detail: `an example threw ${describe(e)}` });
    return result(clean, false);
  }

  let formatted = false;
  if (syntaxOk) {
    try {
      const once = await formatRubric(text, { file });
      formatted = true;
      const twice = await formatRubric(once, { file });
      if (twice !== once) problems.push({ kind: "fmt-not-idempotent", detail: firstDifference(once, twice) });
      const after = meaning(analyzeProgram([{ file, text: once }, ...docs.slice(1)]), file);
      if (after !== before) problems.push({ kind: "fmt-changed-meaning", detail: firstDifference(before, after) });
    } catch (e) {
      if (e instanceof RubricSyntaxError)
        problems.push({ kind: "fmt-refused", detail: `check found no syntax error, fmt did: ${e.message}` });
      else if (e instanceof Error && /would not keep the meaning/.test(e.message))
        problems.push({ kind: "fmt-changed-meaning", detail: e.message });
      else problems.push({ kind: "fmt-crash", detail: describe(e) });
    }
  }

  const modules: string[] = [];
  let compared = 0;
  if (clean) {
    for (const r of program.rubrics.filter((x) => x.model.file === file)) {
      try {
        if (options.compile)
          modules.push((await compileRubric(r, options.runtime ? { runtime: options.runtime } : {})).ts);
        if (options.cases > 0) {
          const c = compareScorers(r, options.cases, options.seed);
          compared += c.cases;
          if (c.crash)
            problems.push({
              kind: "crash",
              detail: `scoring ${r.model.name} threw ${c.crash.detail} on ${JSON.stringify(c.crash.input)}`,
            });
          if (c.mismatch)
            problems.push({
              kind: "mismatch",
              detail: `${r.model.name} on ${JSON.stringify(c.mismatch.input)}\n${firstDifference(c.mismatch.reference, c.mismatch.compiled)}`,
            });
        }
      } catch (e) {
        problems.push({ kind: "compile-crash", detail: `${r.model.name}: ${describe(e)}` });
      }
    }
  }
  return result(clean, formatted, modules, compared);
}
