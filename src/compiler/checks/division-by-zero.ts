/** A divisor whose range (after guards) contains 0 is a zero-denominator waiting to happen. */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { exprText } from "../evaluate/expr.js";
import * as I from "../analysis/interval.js";
import type { CheckContext } from "./context.js";
import { isWeightTotal } from "../analysis/weighted-mean.js";

export function checkDivisions({ analysis }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const d of analysis.divisions) {
    if (!d.report || d.guarded || !I.mayBeZero(d.range)) continue;
    const key = `${d.file}:${d.divisor.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (isWeightTotal(d.divisor)) {
      const total = exprText(d.divisor);
      const at = { file: d.file, span: d.divisor.span };
      out.push(diagnostic("weighted-mean-zero-weight", at, { total, range: I.formatRange(d.range) }));
      continue;
    }
    out.push(
      diagnostic(
        "division-by-zero",
        { file: d.file, span: d.divisor.span },
        { divisor: exprText(d.divisor), range: I.formatRange(d.range) },
      ),
    );
  }
  return out;
}
