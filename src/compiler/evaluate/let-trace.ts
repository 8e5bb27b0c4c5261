/**
 * Which lets get a trace line, and how their values are shown: shared by the
 * reference evaluator and code generation so both traces read the same.
 */
import type { Dim, ValueType } from "../model/types.js";
import type { Value } from "./values.js";

/** The dim a let's value is shown in, or undefined for values not traced (text, enums, records). */
export function letTraceDim(t: ValueType | undefined): Dim | undefined {
  if (t?.kind === "num") return t.dim;
  if (t?.kind === "bool") return "plain";
  if (t?.kind === "array") return letTraceDim(t.element);
  return undefined;
}

/** A reference value in the runtime's shape, for `showLetValue`. */
export function nativeOf(v: Value): unknown {
  if (v.k === "array") return v.v.map(nativeOf);
  if (v.k === "record") return undefined;
  return v.v;
}
