/**
 * Turns an input's bound written over other inputs (`<= 甲 + 乙`) into the
 * runtime's `BoundExpr`, shared by the reference evaluator's `given` checks
 * and the metadata of compiled scorers, so both enforce the same thing.
 */
import type * as A from "../syntax/ast.js";
import type { InputDef, RubricModel } from "../model/types.js";
import { literalValue } from "../model/constants.js";
import { Exact } from "../../runtime/exact.js";
import type { BoundExpr } from "../../runtime/bound-expr.js";

const WAN = Exact.int(10000);

/**
 * A bound is given in the input's unit: a plain number added to a 万元 input's
 * bound is 万元, while a factor (`* 2`) stays a factor. Undefined when the
 * bound reads something that is not an input's number (the checker reports it).
 */
export function boundExpr(e: A.Expr, input: InputDef, model: RubricModel, additive = true): BoundExpr | undefined {
  switch (e.kind) {
    case "Number": {
      const v = literalValue(e);
      return { n: (additive && input.moneyUnit === "万元" && e.unit === undefined ? v.mul(WAN) : v).toString(30) };
    }
    case "Ref":
      return model.inputs.has(e.name.text) ? { ref: e.name.text } : undefined;
    case "Unary": {
      if (e.op !== "-") return undefined;
      const x = boundExpr(e.operand, input, model, additive);
      return x && { neg: x };
    }
    case "Binary": {
      if (e.op !== "+" && e.op !== "-" && e.op !== "*" && e.op !== "/") return undefined;
      const sum = e.op === "+" || e.op === "-";
      const l = boundExpr(e.left, input, model, sum && additive);
      const r = boundExpr(e.right, input, model, sum && additive);
      return l && r && { op: e.op, l, r };
    }
    default:
      return undefined;
  }
}

/** The bound as the author wrote it, for messages. */
export function boundText(e: A.Expr): string {
  switch (e.kind) {
    case "Number":
      return `${e.digits}${e.unit === "percent" ? "%" : (e.unit ?? "")}`;
    case "Ref":
      return e.name.text;
    case "Unary":
      return `-${boundText(e.operand)}`;
    case "Binary": {
      const tight = e.op === "*" || e.op === "/";
      const loose = (x: A.Expr): boolean => x.kind === "Binary" && (x.op === "+" || x.op === "-");
      const left = tight && loose(e.left) ? `(${boundText(e.left)})` : boundText(e.left);
      const right =
        (tight || e.op === "-") && e.right.kind === "Binary" && (loose(e.right) || e.op === "/")
          ? `(${boundText(e.right)})`
          : boundText(e.right);
      return `${left} ${e.op} ${right}`;
    }
    default:
      return "…";
  }
}
