/**
 * Reusable rules: `rule NAME(p: T, …) = body`. The declaration is resolved
 * here (parameter types); calls are type-checked and evaluated where they
 * occur (analysis/rule-call.ts, evaluate/rule-call.ts).
 */
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { resolveType } from "./build.js";
import { subExpressions } from "./uses.js";
import type { EnumDef, RuleDef, RuleParamDef } from "./types.js";

export function buildRule(
  d: A.RuleDecl,
  enums: ReadonlyMap<string, EnumDef>,
  file: string,
  diags: Diagnostic[],
): RuleDef {
  const seen = new Set<string>();
  const params: RuleParamDef[] = [];
  for (const p of d.params) {
    if (seen.has(p.name.text))
      diags.push(diagnostic("duplicate-name", { file, span: p.name.span }, { name: p.name.text, kind: "parameter" }));
    seen.add(p.name.text);
    params.push({
      name: p.name.text,
      type: resolveType(p.type, enums, file, diags),
      generic: p.type.kind === "Prim" && p.type.prim === "number",
      decl: p,
    });
  }
  return { name: d.name.text, params, body: d.body, decl: d, file, span: d.span };
}

/** The user rules a body calls directly. */
export function calledRules(e: A.Expr, rules: ReadonlyMap<string, RuleDef>): Set<RuleDef> {
  const out = new Set<RuleDef>();
  for (const x of subExpressions(e)) {
    const r = x.kind === "Call" ? rules.get(x.callee.text) : undefined;
    if (r) out.add(r);
  }
  return out;
}

/** The rules that (directly or not) call themselves: each cycle once, as the names along it. */
export function ruleCycles(rules: ReadonlyMap<string, RuleDef>): RuleDef[][] {
  const out: RuleDef[][] = [];
  const done = new Set<RuleDef>();
  const stack: RuleDef[] = [];
  const visit = (r: RuleDef): void => {
    const at = stack.indexOf(r);
    if (at >= 0) {
      out.push(stack.slice(at));
      return;
    }
    if (done.has(r)) return;
    stack.push(r);
    for (const c of calledRules(r.body, rules)) visit(c);
    stack.pop();
    done.add(r);
  };
  for (const r of rules.values()) visit(r);
  return out;
}
