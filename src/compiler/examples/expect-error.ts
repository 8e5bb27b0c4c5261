/**
 * `expect error KIND in PATH`: an example of bad data. The kinds are the
 * runtime's input-error kinds, with Chinese names; PATH names the indicator
 * that fails (any unique suffix) or the input concerned.
 */
import type { Text } from "../../runtime/report.js";
import type { Span } from "../syntax/ast.js";
import type { EvalErrorKind } from "../evaluate/values.js";

export type ExpectedErrorKind = "zero-denominator" | "out-of-range" | "missing";

export const ERROR_KINDS: readonly { readonly kind: ExpectedErrorKind; readonly zh: string; readonly text: Text }[] = [
  { kind: "zero-denominator", zh: "除数为零", text: { zh: "除数为零", en: "a zero denominator" } },
  { kind: "out-of-range", zh: "超出范围", text: { zh: "输入超出约束范围", en: "an input outside its constraint" } },
  { kind: "missing", zh: "缺少输入", text: { zh: "缺少输入", en: "a missing input" } },
];

export interface ExpectedError {
  readonly kind: ExpectedErrorKind;
  /** The path or input name as written (dotted). */
  readonly target: string;
  readonly span: Span;
}

export function errorKindOf(written: string): ExpectedErrorKind | undefined {
  return ERROR_KINDS.find((k) => k.kind === written || k.zh === written)?.kind;
}

export function kindOfEvalError(k: EvalErrorKind): ExpectedErrorKind | undefined {
  return k === "zero-division" ? "zero-denominator" : k === "missing-input" ? "missing" : undefined;
}

/** Whether `names` (an indicator's path, an input) meet the expectation's target, a path suffix. */
export function targets(x: ExpectedError, names: readonly string[]): boolean {
  return names.some((n) => n === x.target || n.endsWith(`.${x.target}`));
}

export function notRaised(x: ExpectedError): Text {
  const k = ERROR_KINDS.find((e) => e.kind === x.kind);
  return {
    zh: `预期「${x.target}」出现${k?.text.zh ?? x.kind}错误，但没有出现`,
    en: `expected ${k?.text.en ?? x.kind} error in '${x.target}', but none was raised`,
  };
}

export function otherKind(x: ExpectedError, actual: Text): Text {
  const k = ERROR_KINDS.find((e) => e.kind === x.kind);
  return {
    zh: `预期「${x.target}」出现${k?.text.zh ?? x.kind}错误，实际为：${actual.zh}`,
    en: `expected ${k?.text.en ?? x.kind} error in '${x.target}', got: ${actual.en}`,
  };
}
