/**
 * Type, unit and range inference of a call to a reusable rule. The body is
 * inferred again at each call with the parameters bound to the arguments'
 * types and ranges (inline substitution), so the result's range follows the
 * arguments and a `number` parameter takes the dimension it is given.
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ty } from "../diagnostics/words.js";
import type { RuleDef, RuleParamDef, ValueType } from "../model/types.js";
import type { Env, ExprInfo, Inferrer } from "./infer.js";
import { exprKey } from "./infer.js";
import * as I from "./interval.js";

const ERR: ExprInfo = { type: { kind: "error" }, range: I.FULL };

/** Whether an argument of type `a` fits a parameter of type `p` (a plain literal fits any number). */
function fits(p: RuleParamDef, a: ValueType): boolean {
  if (a.kind === "error" || p.type.kind === "error") return true;
  if (p.type.kind === "num") return a.kind === "num" && (p.generic || a.dim === p.type.dim || a.dim === "plain");
  if (p.type.kind === "enum") return a.kind === "enum" && a.name === p.type.name;
  return a.kind === p.type.kind;
}

/** The parameters as locals of the body: declared types, the arguments' ranges. */
function bindParams(rule: RuleDef, args: readonly ExprInfo[] | undefined): Map<string, ExprInfo> {
  const locals = new Map<string, ExprInfo>();
  rule.params.forEach((p, i) => {
    const a = args?.[i];
    const type: ValueType = p.generic && a?.type.kind === "num" ? a.type : p.type;
    const range = a && type.kind === "num" ? a.range : type.kind === "num" && type.dim === "count" ? I.NONNEG : I.FULL;
    locals.set(p.name, { type, range });
  });
  return locals;
}

function bodyEnv(rule: RuleDef, locals: ReadonlyMap<string, ExprInfo>, report: boolean): Env {
  // Facts and relations are keyed by names: the caller's must not leak onto parameters of the same name.
  return {
    lets: new Map(),
    locals,
    facts: new Map(),
    relations: new Set(),
    file: rule.file,
    report,
    ruleTop: false,
    inRule: rule,
  };
}

/** Rules whose body is being inferred: a recursive call (reported as `rule-cycle`) stops here. */
const activeRules = new WeakMap<Inferrer, Set<RuleDef>>();

function withRule<T>(inf: Inferrer, rule: RuleDef, f: () => T, fallback: T): T {
  let set = activeRules.get(inf);
  if (!set) activeRules.set(inf, (set = new Set()));
  if (set.has(rule)) return fallback;
  set.add(rule);
  try {
    return f();
  } finally {
    set.delete(rule);
  }
}

/** Infers the body on its own, with the declared parameter types: errors here are the rule's own. */
export function inferRuleDeclaration(inf: Inferrer, rule: RuleDef): Diagnostic[] {
  const before = inf.diagnostics.length;
  const divisions = inf.divisions.length;
  withRule(inf, rule, () => inf.infer(rule.body, bodyEnv(rule, bindParams(rule, undefined), true)), ERR);
  // A divisor's range depends on the arguments: checked at each call instead.
  inf.divisions.splice(divisions);
  return inf.diagnostics.splice(before);
}

const declarationErrors = new WeakMap<A.RuleDecl, boolean>();

export function inferRuleCall(
  inf: Inferrer,
  e: A.CallExpr,
  rule: RuleDef,
  env: Env,
  args: readonly ExprInfo[],
  ownErrors: (r: RuleDef) => boolean,
): ExprInfo {
  const report = (d: Diagnostic): void => {
    if (env.report) inf.diagnostics.push(d);
  };
  if (args.length !== rule.params.length) {
    report(
      diagnostic(
        "rule-arity",
        { file: env.file, span: e.span },
        {
          rule: rule.name,
          expected: rule.params.length,
          actual: args.length,
          params: rule.params.map((p) => p.name).join(", "),
        },
      ),
    );
    return ERR;
  }
  let ok = true;
  rule.params.forEach((p, i) => {
    const a = args[i] as ExprInfo;
    const ae = e.args[i] as A.Expr;
    if (!fits(p, a.type)) {
      ok = false;
      report(
        diagnostic(
          "rule-argument",
          { file: env.file, span: ae.span },
          { rule: rule.name, param: p.name, expected: ty(p.type), actual: ty(a.type) },
        ),
      );
    } else if (
      p.type.kind === "num" &&
      p.type.dim === "money" &&
      ae.kind === "Number" &&
      ae.unit === undefined &&
      !(Exact.parse(ae.digits)?.isZero() ?? true)
    ) {
      report(diagnostic("money-literal-unit", { file: env.file, span: ae.span }, { text: exprKey(ae) }));
    }
  });
  if (!ok || args.some((a) => a.type.kind === "error")) return ERR;
  const before = inf.diagnostics.length;
  const divisions = inf.divisions.length;
  const out = withRule(inf, rule, () => inf.infer(rule.body, bodyEnv(rule, bindParams(rule, args), true)), ERR);
  const bodyDiags = inf.diagnostics.splice(before);
  const sites = inf.divisions.splice(divisions);
  const firstError = bodyDiags.find((d) => d.severity === "error");
  if (firstError && !ownErrors(rule)) {
    report(
      diagnostic(
        "rule-call-invalid",
        { file: env.file, span: e.span },
        { rule: rule.name, detail: firstError.message },
      ),
    );
    return ERR;
  }
  for (const s of sites) {
    if (s.guarded || !I.mayBeZero(s.range)) continue;
    report(
      diagnostic(
        "rule-division",
        { file: env.file, span: e.span },
        { rule: rule.name, divisor: exprKey(s.divisor).replace(/^\((.*)\)$/, "$1"), range: I.formatRange(s.range) },
      ),
    );
    break;
  }
  return out;
}

export function declarationHasErrors(inf: Inferrer, rule: RuleDef): boolean {
  let v = declarationErrors.get(rule.decl);
  if (v === undefined) {
    v = inferRuleDeclaration(inf, rule).some((d) => d.severity === "error");
    declarationErrors.set(rule.decl, v);
  }
  return v;
}
