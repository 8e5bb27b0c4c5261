/** Evaluation of a call to a reusable rule: arguments first, then the body over the parameters only. */
import type * as A from "../syntax/ast.js";
import type { RuleDef } from "../model/types.js";
import { trace } from "../../runtime/trace.js";
import type { Text } from "../../runtime/report.js";
import { showValue, type Value } from "./values.js";

export interface RuleCallHost {
  eval(e: A.Expr, locals: ReadonlyMap<string, Value>): Value;
  readonly trace: Text[];
}

export function evalRuleCall(
  host: RuleCallHost,
  e: A.CallExpr,
  rule: RuleDef,
  locals: ReadonlyMap<string, Value>,
): Value {
  const args = e.args.map((a) => host.eval(a, locals));
  const params = new Map<string, Value>();
  rule.params.forEach((p, i) => {
    const v = args[i];
    if (v) params.set(p.name, v);
  });
  const v = host.eval(rule.body, params);
  host.trace.push(trace.ruleCall(rule.name, args.map(showValue), showValue(v)));
  return v;
}
