/**
 * Whether an expression can only take whole values: a count input, a count
 * of `true`s, a length, `floor`/`ceil`, and sums, differences and products of
 * those. Band coverage uses it: on a whole-number subject, `= 0; = 1; >= 2`
 * leaves no gap, though (0, 1) is not covered as an interval.
 */
import { Exact } from "../../runtime/exact.js";
import { constValue } from "../model/constants.js";
import type { LetDef, RubricModel, TreeNode, ValueType } from "../model/types.js";
import type * as A from "../syntax/ast.js";
import { builtin } from "./builtins.js";
import * as I from "./interval.js";

function isCount(t: ValueType): boolean {
  return (t.kind === "num" && t.dim === "count") || (t.kind === "array" && isCount(t.element));
}

/** Lets by name, per built model (models are not changed once built). */
const letIndex = new WeakMap<RubricModel, Map<string, LetDef[]>>();

/** Every let of the rubric with this name (rubric level and per indicator). */
function letsNamed(model: RubricModel, name: string): readonly LetDef[] {
  // Indexed once per model: a walk of the tree per reference made band checks quadratic in indicators.
  let index = letIndex.get(model);
  if (!index) {
    const byName = new Map<string, LetDef[]>();
    const add = (l: LetDef): void => {
      const list = byName.get(l.name);
      if (list) list.push(l);
      else byName.set(l.name, [l]);
    };
    for (const l of model.lets.values()) add(l);
    const walk = (n: TreeNode): void => {
      if (n.kind === "indicator") n.lets.forEach(add);
      else n.children.forEach(walk);
    };
    model.groups.forEach(walk);
    index = byName;
    letIndex.set(model, index);
  }
  return index.get(name) ?? [];
}

export function isWhole(e: A.Expr, model: RubricModel, seen: Set<string> = new Set()): boolean {
  switch (e.kind) {
    case "Number": {
      const v = constValue(e);
      return e.unit === undefined && !!v && v.isInteger();
    }
    case "Ref": {
      const input = model.inputs.get(e.name.text);
      if (input) return isCount(input.type);
      if (seen.has(e.name.text)) return false;
      const lets = letsNamed(model, e.name.text);
      return lets.length > 0 && lets.every((l) => isWhole(l.value, model, new Set([...seen, e.name.text])));
    }
    case "Index":
      return isWhole(e.object, model, seen);
    case "Unary":
      return e.op === "-" && isWhole(e.operand, model, seen);
    case "Binary":
      return (
        (e.op === "+" || e.op === "-" || e.op === "*") && isWhole(e.left, model, seen) && isWhole(e.right, model, seen)
      );
    case "Call": {
      const f = builtin(e.callee.text);
      if (f === "count" || f === "len" || f === "floor" || f === "ceil") return true;
      if (f === "round") return !!e.args[1] && !!constValue(e.args[1])?.isZero();
      if (f === "min" || f === "max" || f === "sum" || f === "abs" || f === "clamp")
        return e.args.every((a) => isWhole(a, model, seen));
      return false;
    }
    case "If":
      return isWhole(e.then, model, seen) && isWhole(e.else, model, seen);
    default:
      return false;
  }
}

/** Whether a range holds at least one whole number. */
export function holdsWhole(r: I.Range): boolean {
  if (!r.lo) return true;
  const first = r.lo.closed ? r.lo.v.ceil() : r.lo.v.floor().add(Exact.ONE);
  return I.contains(r, first);
}
