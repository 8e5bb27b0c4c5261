/**
 * Input validation and conversion, shared by the reference scorer and
 * compiled modules: raw values (JSON, CSV cells, XLSX cells) become exact
 * values, every problem becomes a structured `InputError` naming the field
 * and the indicators that read it. The rules are documented in the README
 * ("Input values"); the parsing of numbers and booleans is in raw-text.ts.
 */
import { Exact } from "./exact.js";
import { boundHolds, evalBound, type BoundExpr } from "./bound-expr.js";
import { M } from "./input-messages.js";
import { isEmptyRaw, parseBool, parseNumberText, scalarText, type MoneyUnit } from "./raw-text.js";
import type { Text } from "./report.js";
import type { ConvertedValue, InputError, InputSpec, InputTypeSpec, RubricMeta, ScoreInput } from "./scorer.js";
import { suggest } from "./suggest.js";
import { parseInputDate, showDate } from "./dates.js";

export { checkJudgements, resolveJudgementPaths, resolveNodePath } from "./judgements.js";

/** What `convertInput` accepts: a `ScoreInput` whose values may be anything JSON, CSV or XLSX gives. */
export interface RawScoreInput extends Omit<ScoreInput, "values"> {
  readonly values?: { readonly [field: string]: unknown };
}

export interface Conversion {
  /** Converted values by input name: numbers exact, money in 元, ratios as fractions. */
  readonly values: Map<string, ConvertedValue>;
  /** Wrong types, out-of-range values, unknown fields. */
  readonly errors: InputError[];
  /**
   * Inputs not given (or given empty), each naming the indicators that read it.
   * Information only: a department may lack inputs its rubric never reads
   * (no 信访 counts when there were none, an overridden indicator's inputs).
   */
  readonly missing: InputError[];
}

const TEN_THOUSAND = Exact.int(10000);
const HUNDRED = Exact.int(100);

interface Bound {
  readonly op: "=" | ">=" | ">" | "<=" | "<";
  readonly value?: Exact;
  readonly ref?: string;
  readonly expr?: BoundExpr;
  readonly shown: string;
}

interface Index {
  readonly byKey: Map<string, InputSpec>;
  readonly keys: readonly string[];
  readonly bounds: Map<InputSpec, Bound[]>;
}

const indexes = new WeakMap<RubricMeta, Index>();

function scalarKind(t: InputTypeSpec): InputTypeSpec {
  if (t.kind === "record" && t.pair && t.fields[0]) return scalarKind(t.fields[0].type);
  return t.kind === "array" ? scalarKind(t.element) : t;
}

/** A value in internal units (money in 元) shown in the input's unit. */
function showIn(t: InputTypeSpec, v: Exact): string {
  if (t.kind === "ratio") return `${v.mul(HUNDRED).toString(6)}%`;
  if (t.kind === "money") return t.unit === "万元" ? `${v.div(TEN_THOUSAND).toString(6)}万元` : `${v.toString(6)}元`;
  if (t.kind === "date") return showDate(v);
  return v.toString(6);
}

function indexOf(meta: RubricMeta): Index {
  const known = indexes.get(meta);
  if (known) return known;
  const byKey = new Map<string, InputSpec>();
  const bounds = new Map<InputSpec, Bound[]>();
  for (const spec of meta.inputs) {
    byKey.set(spec.name, spec);
    if (spec.alias) byKey.set(spec.alias, spec);
    const t = scalarKind(spec.type);
    const scale = t.kind === "money" && t.unit === "万元" ? TEN_THOUSAND : Exact.ONE;
    const bs: Bound[] = [];
    for (const c of spec.constraints) {
      if (c.ref !== undefined) bs.push({ op: c.op, ref: c.ref, shown: `${c.op} ${c.ref}` });
      else if (c.expr !== undefined) bs.push({ op: c.op, expr: c.expr, shown: `${c.op} ${c.written ?? "…"}` });
      else if (c.value !== undefined) {
        const v = Exact.parse(c.value);
        if (v) bs.push({ op: c.op, value: v.mul(scale), shown: `${c.op} ${showIn(t, v.mul(scale))}` });
      }
    }
    if (t.kind === "count" && !bs.some((b) => (b.op === ">=" || b.op === ">") && b.value && b.value.sign() >= 0))
      bs.push({ op: ">=", value: Exact.ZERO, shown: ">= 0" });
    bounds.set(spec, bs);
  }
  const idx: Index = { byKey, keys: [...byKey.keys()], bounds };
  indexes.set(meta, idx);
  return idx;
}

/** A number that still has to meet its input's constraints. */
interface Scalar {
  readonly field: string;
  readonly value: Exact;
  readonly raw: unknown;
  readonly percent: boolean;
}

class Converter {
  readonly errors: InputError[] = [];
  scalars: Scalar[] = [];

  constructor(private readonly spec: InputSpec) {}

  private wrong(field: string, type: InputTypeSpec, raw: unknown, detail?: Text): undefined {
    this.errors.push({
      kind: "wrong-type",
      field,
      indicators: this.spec.usedBy,
      message: M.wrongType(field, type, raw, this.spec.usedBy, detail),
    });
    return undefined;
  }

  convert(raw: unknown, t: InputTypeSpec, field: string, top: boolean): ConvertedValue | undefined {
    if (isEmptyRaw(raw)) {
      this.errors.push({
        kind: "missing",
        field,
        indicators: this.spec.usedBy,
        message: M.missing(field, this.spec.usedBy),
      });
      return undefined;
    }
    switch (t.kind) {
      case "money":
      case "ratio":
      case "count":
      case "points":
      case "number":
        return this.number(raw, t, field, top);
      case "bool": {
        const b = parseBool(raw);
        return b === undefined ? this.wrong(field, t, raw) : { k: "bool", v: b };
      }
      case "text": {
        const s = scalarText(raw);
        return s === undefined ? this.wrong(field, t, raw) : { k: "text", v: s.trim() };
      }
      case "date":
        return this.date(raw, t, field, top);
      case "enum": {
        const s = scalarText(raw)?.trim();
        if (s !== undefined && t.members.includes(s)) return { k: "enum", v: s };
        const near = s !== undefined ? suggest(s, t.members) : undefined;
        return this.wrong(
          field,
          t,
          raw,
          near ? { zh: `是否应为「${near}」？`, en: `did you mean '${near}'?` } : undefined,
        );
      }
      case "array":
        return this.array(raw, t, field, top);
      case "record":
        return this.record(raw, t, field);
    }
  }

  private number(
    raw: unknown,
    t: InputTypeSpec & { kind: "money" | "ratio" | "count" | "points" | "number" },
    field: string,
    top: boolean,
  ): ConvertedValue | undefined {
    const text = scalarText(raw);
    if (text === undefined) return this.wrong(field, t, raw);
    const r = parseNumberText(text);
    if (!r.ok) return this.wrong(field, t, raw, r.reason === "grouping" ? M.grouping : undefined);
    if (r.percent && t.kind !== "ratio" && t.kind !== "number") return this.wrong(field, t, raw, M.noPercent);
    if (r.unit && t.kind !== "money") return this.wrong(field, t, raw, M.noUnit);
    let v = r.value;
    if (t.kind === "money") {
      const unit: MoneyUnit = r.unit ?? t.unit;
      if (unit === "万元") v = v.mul(TEN_THOUSAND);
    }
    if (t.kind === "count" && !v.isInteger()) return this.wrong(field, t, raw, M.wholeNumber);
    if (top) this.scalars.push({ field, value: v, raw, percent: r.percent });
    return { k: "num", v };
  }

  /** Issue 11, rule kind 6: a real calendar date, held as its day number; its bounds are checked like a number's. */
  private date(raw: unknown, t: InputTypeSpec, field: string, top: boolean): ConvertedValue | undefined {
    const text = scalarText(raw);
    const day = text === undefined ? undefined : parseInputDate(text);
    if (day === undefined)
      return this.wrong(field, t, raw, text !== undefined && /\d/.test(text) ? M.notADay : undefined);
    const v = Exact.int(day);
    if (top) this.scalars.push({ field, value: v, raw, percent: false });
    return { k: "num", v };
  }

  private array(
    raw: unknown,
    t: InputTypeSpec & { kind: "array" },
    field: string,
    top: boolean,
  ): ConvertedValue | undefined {
    let items: readonly unknown[];
    if (Array.isArray(raw)) items = raw;
    else if (typeof raw === "string") {
      if (t.element.kind === "record") return this.wrong(field, t, raw, M.recordsJsonOnly);
      items = raw.split(/[;；]/);
    } else return this.wrong(field, t, raw);
    if (t.length !== undefined && items.length !== t.length)
      return this.wrong(field, t, raw, M.length(t.length, items.length));
    const out: ConvertedValue[] = [];
    let ok = true;
    items.forEach((x, i) => {
      const c = this.convert(x, t.element, `${field}[${i + 1}]`, top);
      if (c) out.push(c);
      else ok = false;
    });
    return ok ? { k: "array", v: out } : undefined;
  }

  /** Issue 11, rule kind 5: a record field's constant bounds, on every record (`子项目[2].资金`). */
  private fieldBounds(
    field: string,
    t: InputTypeSpec,
    constraints: readonly { readonly op: Bound["op"]; readonly value: string }[],
    value: Exact,
    raw: unknown,
  ): void {
    const scale = t.kind === "money" && t.unit === "万元" ? TEN_THOUSAND : Exact.ONE;
    for (const c of constraints) {
      const bound = Exact.parse(c.value)?.mul(scale);
      if (!bound || boundHolds(value, c.op, bound)) continue;
      const text = scalarText(raw)?.trim() ?? showIn(t, value);
      this.errors.push({
        kind: "out-of-range",
        field,
        indicators: this.spec.usedBy,
        message: M.outOfRange(field, text, `${c.op} ${showIn(t, bound)}`, this.spec.usedBy),
      });
      return;
    }
  }

  private record(raw: unknown, t: InputTypeSpec & { kind: "record" }, field: string): ConvertedValue | undefined {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      return this.wrong(
        field,
        t,
        raw,
        typeof raw === "string" ? (t.pair ? pairHint(field) : M.recordsJsonOnly) : undefined,
      );
    const given = t.pair ? pairFields(raw as Record<string, unknown>) : (raw as Record<string, unknown>);
    // A pair's two values are the input's own numbers: its constraints apply to both.
    const top = t.pair === true;
    const out = new Map<string, ConvertedValue>();
    let ok = true;
    for (const f of t.fields) {
      const c = this.convert(given[f.name], f.type, `${field}.${f.name}`, top);
      if (c) out.set(f.name, c);
      else ok = false;
      if (c?.k === "num" && f.constraints)
        this.fieldBounds(`${field}.${f.name}`, f.type, f.constraints, c.v, given[f.name]);
    }
    const names = t.fields.map((f) => f.name);
    for (const k of Object.keys(given)) {
      if (names.includes(k)) continue;
      ok = false;
      const s = suggest(k, names);
      this.errors.push({
        kind: "unknown-field",
        field: `${field}.${k}`,
        indicators: this.spec.usedBy,
        message: M.unknownField(`${field}.${k}`, s ? `${field}.${s}` : undefined),
      });
    }
    return ok ? { k: "record", v: out } : undefined;
  }
}

function checkBounds(
  spec: InputSpec,
  bounds: readonly Bound[],
  scalars: readonly Scalar[],
  values: ReadonlyMap<string, ConvertedValue>,
  errors: InputError[],
): void {
  const t = scalarKind(spec.type);
  for (const s of scalars) {
    for (const b of bounds) {
      let bound = b.value;
      let shown = b.shown;
      if (b.ref !== undefined) {
        const other = values.get(b.ref);
        if (other?.k !== "num") continue;
        bound = other.v;
        shown = `${b.op} ${b.ref} (${showIn(t, other.v)})`;
      }
      if (b.expr !== undefined) {
        bound = evalBound(b.expr, (name) => {
          const v = values.get(name);
          return v?.k === "num" ? v.v : undefined;
        });
        if (bound) shown = `${b.shown} (${showIn(t, bound)})`;
      }
      if (!bound || boundHolds(s.value, b.op, bound)) continue;
      const text = scalarText(s.raw)?.trim() ?? showIn(t, s.value);
      const hint =
        t.kind === "ratio" && !s.percent && s.value.gt(Exact.ONE) && (b.op === "<=" || b.op === "<")
          ? M.percentHint(text)
          : undefined;
      errors.push({
        kind: "out-of-range",
        field: s.field,
        indicators: spec.usedBy,
        message: M.outOfRange(s.field, text, shown, spec.usedBy, hint),
      });
      break;
    }
  }
}

/**
 * Converts the raw values of one department. Fields are addressed by an
 * input's name or its ASCII alias; the result is keyed by name.
 */
export function convertInput(meta: RubricMeta, input: RawScoreInput): Conversion {
  const idx = indexOf(meta);
  const raws = groupPairColumns(idx, input.values ?? {});
  const values = new Map<string, ConvertedValue>();
  const errors: InputError[] = [];
  const missing: InputError[] = [];
  const given = new Map<InputSpec, string>();
  const pending: { spec: InputSpec; scalars: Scalar[] }[] = [];
  for (const [key, raw] of Object.entries(raws)) {
    const spec = idx.byKey.get(key) ?? idx.byKey.get(key.trim());
    if (!spec) {
      errors.push({
        kind: "unknown-field",
        field: key,
        indicators: [],
        message: M.unknownField(key, suggest(key.trim(), idx.keys)),
      });
      continue;
    }
    const first = given.get(spec);
    if (first !== undefined) {
      if (isEmptyRaw(raw)) continue;
      errors.push({
        kind: "duplicate-field",
        field: spec.name,
        indicators: spec.usedBy,
        message: M.givenTwice(spec.name, [first, key]),
      });
      continue;
    }
    if (isEmptyRaw(raw)) continue;
    given.set(spec, key);
    const c = new Converter(spec);
    const v = c.convert(raw, spec.type, spec.name, true);
    errors.push(...c.errors);
    if (v) values.set(spec.name, v);
    // Elements that converted are range-checked even when a neighbour did not.
    pending.push({ spec, scalars: c.scalars });
  }
  for (const { spec, scalars } of pending) checkBounds(spec, idx.bounds.get(spec) ?? [], scalars, values, errors);
  for (const spec of meta.inputs) {
    if (!given.has(spec))
      missing.push({
        kind: "missing",
        field: spec.name,
        indicators: spec.usedBy,
        message: M.missing(spec.name, spec.usedBy),
      });
  }
  return { values, errors, missing };
}

const PAIR_KEYS: Record<string, "目标" | "实际"> = { 目标: "目标", 实际: "实际", target: "目标", actual: "实际" };
const PAIR_COLUMN = /^(.+?)\s*[.．]\s*(目标|实际|target|actual)\s*$/i;

function pairHint(field: string): Text {
  return {
    zh: `应为 { 目标: …, 实际: … }，或分两列「${field}.目标」「${field}.实际」`,
    en: `give { 目标: …, 实际: … } (or target/actual), or two columns '${field}.目标' and '${field}.实际'`,
  };
}

/** A pair's values keyed by their canonical field names (`target`/`actual` accepted); other keys are kept, to be reported. */
function pairFields(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[PAIR_KEYS[k.trim().toLowerCase()] ?? PAIR_KEYS[k.trim()] ?? k] = v;
  return out;
}

/**
 * Flat rows (CSV, XLSX, flat JSON) give a target pair as two columns,
 * `培训人次.目标` and `培训人次.实际`: they are gathered into one value.
 */
function groupPairColumns(
  idx: Index,
  values: { readonly [field: string]: unknown },
): { readonly [field: string]: unknown } {
  let out: Record<string, unknown> | undefined;
  for (const [key, raw] of Object.entries(values)) {
    if (idx.byKey.has(key)) continue;
    const m = PAIR_COLUMN.exec(key);
    const spec = m?.[1] ? idx.byKey.get(m[1]) : undefined;
    if (!m?.[2] || !spec || spec.type.kind !== "record" || !spec.type.pair) continue;
    out ??= { ...values };
    delete out[key];
    if (isEmptyRaw(raw)) continue;
    const prev = out[spec.name];
    const obj =
      typeof prev === "object" && prev !== null && !Array.isArray(prev) ? (prev as Record<string, unknown>) : {};
    out[spec.name] = { ...obj, [PAIR_KEYS[m[2].toLowerCase()] ?? m[2]]: raw };
  }
  return out ?? values;
}
