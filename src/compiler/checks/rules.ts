/**
 * Reusable rules declared in this rubric: their bodies on their own (with
 * the declared parameter types), names that would shadow something, and
 * recursion. Calls are checked where they occur, by the inference.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { phrase } from "../diagnostics/words.js";
import { builtin } from "../analysis/builtins.js";
import { inferRuleDeclaration } from "../analysis/rule-call.js";
import { ruleCycles } from "../model/rules.js";
import type { CheckContext } from "./context.js";

export function checkRules({ model, analysis }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A rubric checks the rules it declares (a base's rules are its own to check, even in the same file).
  const own = new Set<object>(model.decl.items);
  for (const rule of model.rules.values()) {
    if (!own.has(rule.decl)) continue;
    const at = { file: rule.file, span: rule.decl.name.span };
    const clash = builtin(rule.name)
      ? phrase(`内置函数 ${rule.name}`, `the built-in function ${rule.name}`)
      : model.inputs.has(rule.name)
        ? phrase(`输入「${rule.name}」`, `the input '${rule.name}'`)
        : model.lets.has(rule.name)
          ? phrase(`中间量「${rule.name}」`, `the let '${rule.name}'`)
          : [...model.enums.values()].some((e) => e.members.includes(rule.name))
            ? phrase(`枚举值「${rule.name}」`, `the enum member '${rule.name}'`)
            : undefined;
    if (clash) out.push(diagnostic("rule-name-clash", at, { name: rule.name, other: clash }));
    for (const p of rule.params) {
      if (builtin(p.name) || model.rules.has(p.name)) {
        out.push(
          diagnostic(
            "rule-name-clash",
            { file: rule.file, span: p.decl.name.span },
            {
              name: p.name,
              other: phrase("一个函数（参数不能与函数同名）", "a function (a parameter cannot shadow a function)"),
            },
          ),
        );
      }
    }
    out.push(...inferRuleDeclaration(analysis.inferrer, rule));
  }
  // A name declared here that an inherited rule already has.
  for (const d of [...model.inputs.values(), ...model.lets.values()]) {
    const rule = model.rules.get(d.name);
    if (!rule || !own.has(d.decl) || own.has(rule.decl)) continue;
    out.push(
      diagnostic(
        "rule-name-clash",
        { file: d.file, span: d.decl.name.span },
        {
          name: d.name,
          other: phrase(
            `此处声明的${"value" in d ? "中间量" : "输入"}`,
            `${"value" in d ? "a let" : "an input"} declared here`,
          ),
        },
      ),
    );
  }
  for (const cycle of ruleCycles(model.rules)) {
    const first = cycle[0];
    if (!first || !cycle.some((r) => own.has(r.decl))) continue;
    const chain = [...cycle, first].map((r) => r.name).join(" → ");
    out.push(diagnostic("rule-cycle", { file: first.file, span: first.decl.name.span }, { chain }));
  }
  return out;
}
