/**
 * Issue 11, rule kind 6: what arithmetic a date takes. A date is compared
 * with a date; date − date is a number of days (a count, possibly negative);
 * date ± days is a date. Anything else (date + date, date × n, a bare number
 * compared with a date) is an error the checker names.
 */
import type * as A from "../syntax/ast.js";
import type { Dim } from "../model/types.js";

export type DateRule =
  | { readonly ok: true; readonly dim: Dim | "bool" }
  /** `literal`: a bare number stands where a date is needed (`完成日期 <= 20230630`). */
  | { readonly ok: false; readonly why: "arithmetic" | "literal" };

const isDays = (d: Dim): boolean => d === "count" || d === "plain";

/** The result of `l op r` when at least one side is a date. */
export function dateBinary(op: A.BinaryOp, l: Dim, r: Dim): DateRule {
  const ld = l === "date";
  const rd = r === "date";
  switch (op) {
    case "=":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      if (ld && rd) return { ok: true, dim: "bool" };
      return { ok: false, why: (ld ? r : l) === "plain" ? "literal" : "arithmetic" };
    case "-":
      if (ld && rd) return { ok: true, dim: "count" };
      if (ld && isDays(r)) return { ok: true, dim: "date" };
      return { ok: false, why: "arithmetic" };
    case "+":
      if ((ld && isDays(r)) || (rd && isDays(l))) return { ok: true, dim: "date" };
      return { ok: false, why: "arithmetic" };
    default:
      return { ok: false, why: "arithmetic" };
  }
}
