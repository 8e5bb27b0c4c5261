/**
 * Example values (`given`): constant expressions converted to runtime values
 * of the input's type. A plain number for a `money(万元)` input is in 万元;
 * a `%` literal is a ratio; money is held in 元.
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { literalDim, literalValue } from "../model/constants.js";
import { PAIR_ACTUAL, PAIR_TARGET, type Dim, type InputDef, type RubricModel, type ValueType } from "../model/types.js";
import { ty, W } from "../diagnostics/words.js";
import type { Message } from "../diagnostics/diagnostic.js";
import { dimDiv, dimJoin, dimMul } from "../analysis/infer.js";
import { boolV, numV, showValue, type Value } from "../evaluate/values.js";
import { boundExpr, boundText } from "../evaluate/bound-expr.js";
import { boundHolds, evalBound } from "../../runtime/bound-expr.js";
import { parseInputDate, parseIsoDate, showDate } from "../../runtime/dates.js";

export type Conversion =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly expected: Message; readonly actual: Message; readonly span: A.Span };

type Raw =
  | { readonly k: "num"; readonly v: Exact; readonly dim: Dim }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "text"; readonly v: string }
  | { readonly k: "name"; readonly v: string }
  | { readonly k: "array"; readonly v: readonly Raw[] }
  | { readonly k: "record"; readonly v: ReadonlyMap<string, Raw> }
  | { readonly k: "bad"; readonly what: Message; readonly span: A.Span };

function raw(e: A.Expr): Raw {
  switch (e.kind) {
    case "Number":
      return { k: "num", v: literalValue(e), dim: literalDim(e) };
    case "Date": {
      const d = parseIsoDate(e.text);
      return d === undefined
        ? { k: "bad", what: m(`${e.text}（日历上没有这一天）`, `${e.text} (no such day)`), span: e.span }
        : { k: "num", v: Exact.int(d), dim: "date" };
    }
    case "Bool":
      return { k: "bool", v: e.value };
    case "String":
      return { k: "text", v: e.value };
    case "Ref":
      return { k: "name", v: e.name.text };
    case "Array":
      return { k: "array", v: e.elements.map(raw) };
    case "Range":
      return { k: "bad", what: m("区间", "a range"), span: e.span };
    case "Record":
      return { k: "record", v: new Map(e.fields.map((f) => [f.name.text, raw(f.value)])) };
    case "Unary": {
      const o = raw(e.operand);
      if (e.op === "-" && o.k === "num") return { ...o, v: o.v.neg() };
      return { k: "bad", what: W.expression, span: e.span };
    }
    case "Binary": {
      const l = raw(e.left);
      const r = raw(e.right);
      if (l.k !== "num" || r.k !== "num") return { k: "bad", what: W.expression, span: e.span };
      const dim =
        e.op === "*"
          ? dimMul(l.dim, r.dim)
          : e.op === "/"
            ? dimDiv(l.dim, r.dim)
            : e.op === "+" || e.op === "-"
              ? dimJoin(l.dim, r.dim)
              : undefined;
      if (!dim) return { k: "bad", what: m("单位不一致的表达式", "an expression mixing units"), span: e.span };
      if (e.op === "/" && r.v.isZero())
        return { k: "bad", what: m("除以 0", "a division by zero"), span: e.right.span };
      const v = e.op === "+" ? l.v.add(r.v) : e.op === "-" ? l.v.sub(r.v) : e.op === "*" ? l.v.mul(r.v) : l.v.div(r.v);
      return { k: "num", v, dim };
    }
    default:
      return { k: "bad", what: W.expression, span: e.span };
  }
}

function describe(r: Raw): Message {
  switch (r.k) {
    case "num":
      return ty({ kind: "num", dim: r.dim });
    case "bool":
      return W.bool;
    case "text":
      return W.text;
    case "name":
      return { zh: `名称「${r.v}」`, en: `the name '${r.v}'` };
    case "array":
      return { zh: `${r.v.length} 个值的数组`, en: `an array of ${r.v.length}` };
    case "record":
      return W.record;
    case "bad":
      return { zh: r.what.zh, en: r.what.en };
  }
}

const m = (zh: string, en: string): Message => ({ zh, en });

const TEN_THOUSAND = Exact.int(10000);

function coerce(r: Raw, t: ValueType, input: InputDef, span: A.Span): Conversion {
  const fail = (at: A.Span = span): Conversion => ({
    ok: false,
    expected: ty(t),
    actual: describe(r),
    span: r.k === "bad" ? r.span : at,
  });
  if (r.k === "bad") return fail();
  switch (t.kind) {
    case "num": {
      if (t.dim === "date") {
        // Issue 11, rule kind 6: a date literal, or its text; a bare number is not a date.
        const day = r.k === "text" ? parseInputDate(r.v) : r.k === "num" && r.dim === "date" ? r.v : undefined;
        return day === undefined ? fail() : { ok: true, value: numV(typeof day === "number" ? Exact.int(day) : day) };
      }
      if (r.k !== "num") return fail();
      if (t.dim === "money") {
        if (r.dim === "money") return { ok: true, value: numV(r.v) };
        if (r.dim === "plain")
          return { ok: true, value: numV(input.moneyUnit === "万元" ? r.v.mul(TEN_THOUSAND) : r.v) };
        return fail();
      }
      if (!(r.dim === t.dim || r.dim === "plain" || (t.dim === "plain" && r.dim === "ratio"))) return fail();
      if (t.dim === "count" && (!r.v.isInteger() || r.v.sign() < 0))
        return {
          ok: false,
          expected: m("非负整数", "a whole number ≥ 0"),
          actual: m(r.v.toString(), r.v.toString()),
          span,
        };
      return { ok: true, value: numV(r.v) };
    }
    case "bool":
      return r.k === "bool" ? { ok: true, value: boolV(r.v) } : fail();
    case "text":
      return r.k === "text" ? { ok: true, value: { k: "text", v: r.v } } : fail();
    case "enum": {
      const name = r.k === "name" || r.k === "text" ? r.v : undefined;
      if (name === undefined || !t.members.includes(name)) {
        return {
          ok: false,
          expected: m(`${t.members.join("、")} 之一`, `one of ${t.members.join(" / ")}`),
          actual: name !== undefined ? m(name, name) : describe(r),
          span,
        };
      }
      return { ok: true, value: { k: "enum", v: name } };
    }
    case "array": {
      if (r.k !== "array") return fail();
      if (t.length !== undefined && r.v.length !== t.length)
        return {
          ok: false,
          expected: m(`${t.length} 个值`, `${t.length} values`),
          actual: m(`${r.v.length} 个`, `${r.v.length}`),
          span,
        };
      const out: Value[] = [];
      for (const x of r.v) {
        const c = coerce(x, t.element, input, span);
        if (!c.ok) return c;
        out.push(c.value);
      }
      return { ok: true, value: { k: "array", v: out } };
    }
    case "record": {
      if (r.k !== "record") return fail();
      const out = new Map<string, Value>();
      // A pair may also be written { target: …, actual: … }.
      const given = t.pair
        ? new Map([...r.v].map(([k, v]) => [k === "target" ? PAIR_TARGET : k === "actual" ? PAIR_ACTUAL : k, v]))
        : r.v;
      for (const [name, ft] of t.fields) {
        const fv = given.get(name);
        if (!fv)
          return {
            ok: false,
            expected: m(`字段「${name}」`, `a field '${name}'`),
            actual: m("缺少该字段的记录", "a record without it"),
            span,
          };
        const c = coerce(fv, ft, input, span);
        if (!c.ok) return c;
        out.set(name, c.value);
      }
      for (const name of given.keys())
        if (!t.fields.has(name))
          return {
            ok: false,
            expected: m(`字段 ${[...t.fields.keys()].join("、")}`, `fields ${[...t.fields.keys()].join(", ")}`),
            actual: m(`字段「${name}」`, `a field '${name}'`),
            span,
          };
      return { ok: true, value: { k: "record", v: out } };
    }
    case "error":
      return { ok: true, value: numV(Exact.ZERO) };
  }
}

export function convertGiven(e: A.Expr, input: InputDef): Conversion {
  return coerce(raw(e), input.type, input, e.span);
}

/** Checks an input value against its declared constraints; returns the violated constraint's text. */
export function violatedConstraint(
  input: InputDef,
  value: Value,
  all: ReadonlyMap<string, Value>,
  model: RubricModel,
): { constraint: string; value: string } | undefined {
  // A target pair's two values are the input's own numbers: both meet its constraints.
  const pair = input.type.kind === "record" && input.type.pair === true;
  const scalars = (v: Value): Exact[] =>
    v.k === "num"
      ? [v.v]
      : v.k === "array"
        ? v.v.flatMap(scalars)
        : v.k === "record" && pair
          ? [...v.v.values()].flatMap(scalars)
          : [];
  const xs = scalars(value);
  const boundValue = (b: A.Expr): Exact | undefined => {
    if (b.kind === "Ref") {
      const other = all.get(b.name.text);
      return other?.k === "num" ? other.v : undefined;
    }
    const r = raw(b);
    if (r.k === "num") return input.moneyUnit === "万元" && r.dim === "plain" ? r.v.mul(TEN_THOUSAND) : r.v;
    const e = boundExpr(b, input, model);
    return (
      e &&
      evalBound(e, (name) => {
        const v = all.get(name);
        return v?.k === "num" ? v.v : undefined;
      })
    );
  };
  const written = (b: A.Expr, v: Exact): string =>
    b.kind === "Number" || b.kind === "Date" ? show(v) : `${boundText(b)} (${show(v)})`;
  const isRatio = (t: typeof input.type): boolean =>
    t.kind === "num"
      ? t.dim === "ratio"
      : t.kind === "array"
        ? isRatio(t.element)
        : t.kind === "record" && t.pair
          ? [...t.fields.values()].some(isRatio)
          : false;
  const show = (x: Exact): string =>
    input.type.kind === "num" && input.type.dim === "date"
      ? showDate(x)
      : input.moneyUnit === "万元"
        ? `${x.div(TEN_THOUSAND).toString(6)}万元`
        : isRatio(input.type)
          ? `${x.mul(Exact.int(100)).toString(6)}%`
          : x.toString(6);
  for (const c of input.decl.constraints) {
    for (const x of xs) {
      if (c.kind === "compare") {
        const b = boundValue(c.bound);
        if (!b) continue;
        if (!boundHolds(x, c.op, b)) return { constraint: `${c.op} ${written(c.bound, b)}`, value: show(x) };
      } else {
        const lo = boundValue(c.interval.lo);
        const hi = boundValue(c.interval.hi);
        const okLo = !lo || (c.interval.loClosed ? x.ge(lo) : x.gt(lo));
        const okHi = !hi || (c.interval.hiClosed ? x.le(hi) : x.lt(hi));
        if (!okLo || !okHi) {
          const end = (e: A.Expr, v: Exact | undefined): string => (v ? written(e, v) : boundText(e));
          return {
            constraint: `in ${c.interval.loClosed ? "[" : "("}${end(c.interval.lo, lo)}, ${end(c.interval.hi, hi)}${c.interval.hiClosed ? "]" : ")"}`,
            value: show(x),
          };
        }
      }
    }
  }
  void showValue;
  return undefined;
}
