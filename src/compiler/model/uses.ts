/** Which inputs each indicator reads (through its rules, conditions and lets, transitively). */
import type * as A from "../syntax/ast.js";
import { indicators } from "./paths.js";
import { contextSignature, indicatorKey, indicatorSignature } from "./signature.js";
import type { IndicatorNode, LetDef, RubricModel } from "./types.js";

function childExprs(e: A.Expr): A.Expr[] {
  switch (e.kind) {
    case "Member":
      return [e.object];
    case "Index":
      return [e.object, e.index];
    case "Unary":
      return [e.operand];
    case "Binary":
      return [e.left, e.right];
    case "If":
      return [e.cond, e.then, e.else];
    case "Each":
      return [e.iterable, e.body];
    case "Array":
      return [...e.elements];
    case "Range":
      return [e.from, e.to];
    case "Record":
      return e.fields.map((f) => f.value);
    case "Call":
      return [...e.args];
    case "Bands":
      return [
        e.subject,
        ...e.arms.flatMap((a) => [
          a.value,
          ...(a.cond.kind === "compare"
            ? [a.cond.value]
            : a.cond.kind === "interval"
              ? [a.cond.interval.lo, a.cond.interval.hi]
              : []),
        ]),
      ];
    case "Tiers":
      return [e.subject, ...e.arms.map((a) => a.value)];
    case "DeductPer":
      return [e.amount, e.count, ...(e.cap ? [e.cap] : [])];
    case "DeductBeyond":
      return [e.amount, e.step, e.subject, e.threshold, ...(e.cap ? [e.cap] : [])];
    case "Judged":
      return [...(e.verdict ? [e.verdict.subject] : []), ...(e.deduction ? [e.deduction.when] : [])];
    case "Achievement":
      return [e.actual, ...(e.target ? [e.target] : []), ...(e.zero && e.zero !== "full" ? [e.zero] : [])];
    case "Peer":
      return e.subject ? [e.subject] : [];
    default:
      return [];
  }
}

/** Every sub-expression, depth first. */
export function* subExpressions(e: A.Expr): Generator<A.Expr> {
  const stack: A.Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop() as A.Expr;
    yield x;
    stack.push(...childExprs(x));
  }
}

/** The inputs each indicator reads, per indicator (see signature.ts) and rubric. */
const readCache = new WeakMap<object, Map<string, { context: string; signature: string; reads: Set<string> }>>();

/** `inputsReadBy`, kept per indicator while its declarations and the rubric's inputs and lets are the same. */
export function inputsReadByCached(model: RubricModel, ind: IndicatorNode, context: string): Set<string> {
  const key = indicatorKey(ind);
  let perRubric = readCache.get(key);
  if (!perRubric) {
    perRubric = new Map();
    readCache.set(key, perRubric);
  }
  const rubricId = `${model.name}\u0000${model.year ?? ""}`;
  const signature = indicatorSignature(ind);
  const r = perRubric.get(rubricId);
  if (r && r.context === context && r.signature === signature) return r.reads;
  const reads = inputsReadBy(model, ind);
  perRubric.set(rubricId, { context, signature, reads });
  return reads;
}

export function inputsReadBy(model: RubricModel, ind: IndicatorNode): Set<string> {
  const lets = new Map<string, LetDef>(model.lets);
  for (const l of ind.lets) lets.set(l.name, l);
  const out = new Set<string>();
  const seenLets = new Set<LetDef>();
  const visit = (e: A.Expr, locals: ReadonlySet<string>): void => {
    for (const x of subExpressions(e)) {
      if (x.kind === "Each") {
        visit(x.body, new Set([...locals, x.variable.text]));
        continue;
      }
      if (x.kind !== "Ref" || locals.has(x.name.text)) continue;
      const l = lets.get(x.name.text);
      if (l) {
        if (!seenLets.has(l)) {
          seenLets.add(l);
          visit(l.value, new Set());
        }
      } else if (model.inputs.has(x.name.text)) out.add(x.name.text);
    }
  };
  for (const p of ind.parts) visit(p.rule, new Set());
  for (const c of [...ind.veto, ...ind.exempt, ...ind.notApplicable]) visit(c.cond, new Set());
  for (const a of ind.adjust) visit(a.rule, new Set());
  return out;
}

/** Input name → paths of the indicators that read it. */
export function inputUses(model: RubricModel): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const context = contextSignature(model);
  for (const ind of indicators(model.groups)) {
    for (const name of inputsReadByCached(model, ind, context)) {
      const list = uses.get(name) ?? [];
      list.push(ind.path.join("."));
      uses.set(name, list);
    }
  }
  return uses;
}
