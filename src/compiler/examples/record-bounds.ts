/**
 * Issue 11, rule kind 5: an example's list of records meets the constraints
 * on its fields, record by record; a broken one names the record and field
 * (`子项目[2].资金`), as `rubric score` does.
 */
import { Exact } from "../../runtime/exact.js";
import { boundHolds } from "../../runtime/bound-expr.js";
import { formatValue } from "../../runtime/trace.js";
import type * as A from "../syntax/ast.js";
import { fieldBound } from "../analysis/field-range.js";
import type { FieldBounds, InputDef, ValueType } from "../model/types.js";
import type { Value } from "../evaluate/values.js";

const WAN = Exact.int(10000);

export interface FieldViolation {
  readonly field: string;
  readonly constraint: string;
  readonly value: string;
}

export function violatedFieldConstraint(input: InputDef, value: Value): FieldViolation | undefined {
  const t = input.type;
  if (t.kind !== "array" || t.element.kind !== "record" || !t.element.bounds || value.k !== "array") return undefined;
  const rec = t.element;
  for (const [i, item] of value.v.entries()) {
    if (item.k !== "record") continue;
    for (const [name, b] of rec.bounds ?? []) {
      const v = item.v.get(name);
      if (v?.k !== "num") continue;
      const broken = firstBroken(b, v.v);
      if (broken)
        return {
          field: `${input.name}[${i + 1}].${name}`,
          constraint: broken,
          value: show(v.v, rec.fields.get(name), b),
        };
    }
  }
  return undefined;
}

function show(v: Exact, t: ValueType | undefined, b: FieldBounds): string {
  if (b.moneyUnit === "万元") return `${v.div(WAN).toString(6)}万元`;
  return formatValue(v, t?.kind === "num" ? t.dim : "plain");
}

/** The first constraint `x` breaks, as written. */
function firstBroken(b: FieldBounds, x: Exact): string | undefined {
  const holds = (op: "=" | ">=" | ">" | "<=" | "<", e: A.Expr): boolean => {
    const bound = fieldBound(e, b.moneyUnit);
    return !bound || boundHolds(x, op, bound);
  };
  for (const c of b.constraints) {
    if (c.kind === "compare") {
      if (!holds(c.op, c.bound)) return `${c.op} ${written(c.bound)}`;
    } else if (
      !holds(c.interval.loClosed ? ">=" : ">", c.interval.lo) ||
      !holds(c.interval.hiClosed ? "<=" : "<", c.interval.hi)
    )
      return `in ${c.interval.loClosed ? "[" : "("}${written(c.interval.lo)}, ${written(c.interval.hi)}${c.interval.hiClosed ? "]" : ")"}`;
  }
  return undefined;
}

function written(e: A.Expr): string {
  if (e.kind === "Number") return `${e.digits}${e.unit === "percent" ? "%" : (e.unit ?? "")}`;
  if (e.kind === "Unary" && e.operand.kind === "Number") return `-${written(e.operand)}`;
  return "…";
}
