/** Literal numbers and constant arithmetic, shared by the builder, the checker and the evaluator. */
import { Exact } from "../../runtime/exact.js";
import type { Expr, NumberExpr, Unit } from "../syntax/ast.js";
import type { Dim } from "./types.js";
import { parseIsoDate } from "../../runtime/dates.js";

const HUNDRED = Exact.int(100);
const TEN_THOUSAND = Exact.int(10000);

/** The exact value of a number literal; money is held in 元, percentages as ratios. */
export function literalValue(n: NumberExpr): Exact {
  const v = Exact.parse(n.digits) ?? Exact.ZERO;
  return scaleByUnit(v, n.unit);
}

export function scaleByUnit(v: Exact, unit: Unit | undefined): Exact {
  switch (unit) {
    case "percent":
      return v.div(HUNDRED);
    case "万元":
      return v.mul(TEN_THOUSAND);
    default:
      return v;
  }
}

export function literalDim(n: NumberExpr): Dim {
  switch (n.unit) {
    case "percent":
      return "ratio";
    case "元":
    case "万元":
      return "money";
    case "分":
      return "points";
    default:
      return "plain";
  }
}

/** Folds constant arithmetic (`-5%`, `100% - 10%`, `1 / 3`); undefined if not constant. */
export function constValue(e: Expr): Exact | undefined {
  switch (e.kind) {
    case "Number":
      return literalValue(e);
    case "Date": {
      const d = parseIsoDate(e.text);
      return d === undefined ? undefined : Exact.int(d);
    }
    case "Unary": {
      if (e.op !== "-") return undefined;
      const v = constValue(e.operand);
      return v?.neg();
    }
    case "Binary": {
      if (!["+", "-", "*", "/"].includes(e.op)) return undefined;
      const l = constValue(e.left);
      const r = constValue(e.right);
      if (!l || !r) return undefined;
      if (e.op === "+") return l.add(r);
      if (e.op === "-") return l.sub(r);
      if (e.op === "*") return l.mul(r);
      return r.isZero() ? undefined : l.div(r);
    }
    default:
      return undefined;
  }
}

/** The unit a constant expression is written in: the first literal with a unit decides (`90%` → ratio). */
export function constDim(e: Expr): Dim {
  switch (e.kind) {
    case "Number":
      return literalDim(e);
    case "Date":
      return "date";
    case "Unary":
      return constDim(e.operand);
    case "Binary": {
      const l = constDim(e.left);
      return l !== "plain" ? l : constDim(e.right);
    }
    default:
      return "plain";
  }
}

export { formatValue } from "../../runtime/trace.js";

/** The rounding mode argument of `round(x, digits, mode)`: half-up, half-even, down/舍去 or up/进一. */
export function roundingModeArg(e: Expr | undefined): "half-up" | "half-even" | "down" | "up" | undefined {
  if (!e) return "half-up";
  const t = e.kind === "String" ? e.value : e.kind === "Ref" ? e.name.text : undefined;
  const map: Record<string, "half-up" | "half-even" | "down" | "up"> = {
    "half-up": "half-up",
    四舍五入: "half-up",
    "half-even": "half-even",
    银行家舍入: "half-even",
    down: "down",
    舍去: "down",
    up: "up",
    进一: "up",
  };
  return t !== undefined ? map[t] : undefined;
}
