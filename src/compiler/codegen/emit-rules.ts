/** Reusable rules → module-level functions of the context and the arguments (pure: no inputs, no lets). */
import type * as A from "../syntax/ast.js";
import type { ExprInfo } from "../analysis/infer.js";
import type { RuleDef } from "../model/types.js";
import { exprText } from "../evaluate/expr.js";
import { emitExpr, tsType, type ExprScope } from "./emit-expr.js";
import { commentText, str } from "./text.js";

export function emitRules(
  rules: readonly RuleDef[],
  names: ReadonlyMap<string, string>,
  info: ReadonlyMap<A.Expr, ExprInfo>,
  scope: Omit<ExprScope, "localLets" | "locals">,
): string[] {
  return rules.map((r) => {
    const fn = names.get(r.name) as string;
    const params = r.params.map((p, i) => ({ name: p.name, ts: `p${i}`, type: p.generic ? "Exact" : tsType(p.type) }));
    const locals = new Map(params.map((p) => [p.name, p.ts]));
    const body = emitExpr(r.body, { ...scope, localLets: new Map(), rubricLets: new Map(), locals });
    const t = tsType(info.get(r.body)?.type);
    const signature = params.map((p) => `${p.ts}: ${p.type}`).join(", ");
    return `/** ${commentText(`rule ${r.name}(${r.params.map((p) => p.name).join(", ")}) = ${exprText(r.body)}`)} */\nfunction ${fn}(${["c: rt.Ctx", signature].filter((x) => x).join(", ")}): ${t} {\n  return c.rule(${str(r.name)}, [${params.map((p) => p.ts).join(", ")}], ${body});\n}`;
  });
}
