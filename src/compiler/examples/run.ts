/** Runs a prepared example with the reference evaluator and compares every expectation. */
import type { Text } from "../../runtime/report.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { scoreRubric, type ScoreResult } from "../evaluate/rubric.js";
import type { PreparedExample } from "./prepare.js";
import { errorAssertions, outcomeProblems } from "./outcome.js";
import type { ExpectedError } from "./expect-error.js";

import type { Assertion } from "./assertion.js";

export type { Assertion };

export interface ExampleResult {
  readonly example: PreparedExample;
  readonly pass: boolean;
  readonly result?: ScoreResult;
  readonly assertions: readonly Assertion[];
  /** Why the example could not run, or what failed while scoring. */
  readonly problems: readonly Text[];
}

export function runExample(ex: PreparedExample): ExampleResult {
  if (!ex.rubric || !ex.scoring) {
    return {
      example: ex,
      pass: false,
      assertions: [],
      problems: [{ zh: "案例针对的评分表不存在或有错误", en: "the example's rubric is missing or broken" }],
    };
  }
  if (hasErrors(ex.diagnostics)) {
    return {
      example: ex,
      pass: false,
      assertions: [],
      problems: ex.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
    };
  }
  let result;
  try {
    result = scoreRubric(ex.rubric, ex.scoring);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return {
      example: ex,
      pass: false,
      assertions: [],
      problems: [{ zh: "表达式嵌套过深，无法计算", en: "an expression is nested too deeply to evaluate" }],
    };
  }
  const assertions: Assertion[] = ex.expectations.map((e) => {
    switch (e.kind) {
      case "total":
        return {
          label: "total",
          expected: e.value.toString(),
          actual: result.total?.toString() ?? null,
          pass: !!result.total && result.total.eq(e.value),
          span: e.span,
        };
      case "grade":
        return {
          label: "grade",
          expected: e.value,
          actual: result.report.grade,
          pass: result.report.grade === e.value,
          span: e.span,
        };
      case "node": {
        const actual = result.scores.get(e.node) ?? null;
        return {
          label: e.node.path.join("."),
          expected: e.value.toString(),
          actual: actual?.toString() ?? null,
          pass: !!actual && actual.eq(e.value),
          span: e.span,
          path: e.node.path,
        };
      }
    }
  });
  const met = new Set<ExpectedError>();
  const problems = outcomeProblems(ex, result, assertions, met);
  const all = [...assertions, ...errorAssertions(ex, met)];
  return { example: ex, pass: problems.length === 0 && all.every((a) => a.pass), result, assertions: all, problems };
}
