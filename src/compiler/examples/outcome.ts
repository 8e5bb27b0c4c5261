/**
 * What an example's run means beyond its numbers: errors it expected (`expect
 * error …`) are met, not failures; an indicator that lacks a judgement is
 * "not computable", which fails the example only where an expectation reads
 * it (that indicator, a group above it, the total, the grade).
 */
import type { Text } from "../../runtime/report.js";
import type { ScoreResult } from "../evaluate/rubric.js";
import type { IndicatorNode, PartNode } from "../model/types.js";
import type { Assertion } from "./assertion.js";
import type { PreparedExample } from "./prepare.js";
import { judgedBounds } from "./prepare.js";
import { kindOfEvalError, notRaised, otherKind, targets, type ExpectedError } from "./expect-error.js";

function missingJudgements(ex: PreparedExample, ind: IndicatorNode): string[] {
  const given = ex.scoring?.judgements;
  const model = ex.rubric?.model;
  return ind.parts
    .filter((p: PartNode) => model !== undefined && judgedBounds(p, model) && !given?.has(p))
    .map((p) => (p.implicit ? ind.path : p.path).join("."));
}

/** One assertion per `expect error …`: met, or not raised. */
export function errorAssertions(ex: PreparedExample, met: ReadonlySet<ExpectedError>): Assertion[] {
  return (ex.expectedErrors ?? []).map((x) => ({
    label: `error ${x.kind} in ${x.target}`,
    expected: x.kind,
    actual: met.has(x) ? x.kind : null,
    pass: met.has(x),
    span: x.span,
  }));
}

export function outcomeProblems(
  ex: PreparedExample,
  result: ScoreResult,
  assertions: readonly Assertion[],
  met: Set<ExpectedError> = new Set(),
): Text[] {
  const problems: Text[] = [];
  const expected = ex.expectedErrors ?? [];
  for (const x of ex.raisedBeforeScoring ?? []) met.add(x);
  /** Indicator path → the judged parts it still needs. */
  const unjudged = new Map<string, { parts: string[]; why: Text }>();
  for (const f of result.failures) {
    const path = f.node.path.join(".");
    if (f.error.kind === "missing-judgement") {
      unjudged.set(path, { parts: missingJudgements(ex, f.node), why: f.error.text });
      continue;
    }
    const names = [path, ...(f.error.field ? [f.error.field] : [])];
    const wanted = expected.find((x) => !met.has(x) && targets(x, names));
    const kind = kindOfEvalError(f.error.kind);
    if (wanted && wanted.kind === kind) {
      met.add(wanted);
      continue;
    }
    const message = { zh: `指标「${path}」：${f.error.text.zh}`, en: `indicator '${path}': ${f.error.text.en}` };
    problems.push(wanted ? otherKind(wanted, message) : message);
  }
  for (const x of expected) if (!met.has(x)) problems.push(notRaised(x));
  if (unjudged.size === 0) return problems;
  for (const a of assertions) {
    if (a.actual !== null) continue;
    const under = [...unjudged].filter(
      ([p]) =>
        a.label === "total" ||
        a.label === "grade" ||
        p === a.label ||
        p.startsWith(`${a.label}.`) ||
        a.label.startsWith(`${p}.`),
    );
    if (under.length === 0) continue;
    // The evaluator's own words name each missing judgement and say what it must be (its interval; a score or a deduction).
    const why = [...new Set(under.map(([, u]) => u.why))];
    const also = [...new Set(under.flatMap(([, u]) => u.parts))]
      .filter((p) => !why.some((w) => w.en.includes(`'${p}'`)))
      .join(", ");
    const what =
      a.label === "total"
        ? { zh: "总分", en: "the total" }
        : a.label === "grade"
          ? { zh: "等级", en: "the grade" }
          : { zh: `「${a.label}」`, en: `'${a.label}'` };
    problems.push({
      zh: `${what.zh}无法计算：${why.map((w) => w.zh).join("；")}${also ? `（另缺评定：${also}）` : ""}`,
      en: `${what.en} is not computable: ${why.map((w) => w.en).join("; ")}${also ? ` (also missing judgements for ${also})` : ""}`,
    });
  }
  return problems;
}
