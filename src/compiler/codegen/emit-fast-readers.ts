/**
 * The readers of a compiled module's specialised code: each input read from its text (`score`,
 * `scoreTotals`) or typed value (`scoreValues`) into a scaled integer whose scale its type and unit fix
 * at compile time, the inputs' declared bounds checked on those integers, and the way back to the
 * generic path's input for a record the specialised code declines.
 */
import { Exact } from "../../runtime/exact.js";
import type { InputSpec, InputTypeSpec, RubricMeta } from "../../runtime/scorer.js";
import type { BoundExpr } from "../../runtime/bound-expr.js";
import type { FastInput } from "./emit-fast.js";
import { commentText, lineCommentText, str } from "./text.js";

/** Judgements are read as integers over 10^4 (points to 4 places; more places take the generic path). */
export const JUDGED_SCALE = 4;

/** Places an input's scaled integer keeps, in its declared unit. */
export function placesOf(t: InputTypeSpec): number {
  switch (t.kind) {
    case "money":
      return t.unit === "万元" ? 6 : 2;
    case "ratio":
    case "number":
      return 6;
    case "points":
      return 4;
    default:
      return 0;
  }
}

export function scalarOf(t: InputTypeSpec): InputTypeSpec {
  if (t.kind === "record" && t.pair && t.fields[0]) return scalarOf(t.fields[0].type);
  return t.kind === "array" ? scalarOf(t.element) : t;
}

/** Arrays and target pairs are read as lists of scalars (a pair as [目标, 实际]). */
export const isPair = (t: InputTypeSpec): boolean => t.kind === "record" && t.pair === true;
export const isList = (t: InputTypeSpec): boolean => t.kind === "array" || isPair(t);

/** Numbers, and dates (issue 11, kind 6), which the specialised code holds as whole day numbers. */
export const isNum = (t: InputTypeSpec): boolean =>
  t.kind === "money" ||
  t.kind === "ratio" ||
  t.kind === "count" ||
  t.kind === "points" ||
  t.kind === "number" ||
  t.kind === "date";

export function describeScale(t: InputTypeSpec): string {
  const places = placesOf(t);
  if (t.kind === "date") return "date, ISO text (2023-06-30) read as its day number";
  const unit = t.kind === "money" ? t.unit : t.kind === "ratio" ? "(as a fraction: 98.1% = 0.981)" : "";
  return `${t.kind}${unit ? ` ${unit}` : ""}, a scaled integer × 10^${places} or plain decimal text`;
}

/** The per-input reader: `text` for `score`/`scoreTotals` input, `values` for `scoreValues`. */
export function reader(meta: RubricMeta, fields: ReadonlyMap<string, FastInput>, kind: "text" | "values"): string[] {
  const out: string[] = [];
  const n = meta.judged.length;
  if (kind === "text") {
    out.push("/** Plainly valid text input → scaled integers; undefined sends the record to the generic converter. */");
    out.push("function readText(input: RubricInput): FastValues | undefined {");
    out.push("  if (input.overrides !== undefined && fx.keyCount(input.overrides) > 0) return undefined;");
    out.push("  const full = input.judgeRestFull;");
    out.push('  if (full !== undefined && typeof full !== "boolean") return undefined;');
  } else {
    out.push("/** Typed values → scaled integers, no text parsing; undefined sends the record to the generic path. */");
    out.push("function readValues(input: ValuesInput): FastValues | undefined {");
    out.push("  const full = input.judgeRestFull === true;");
  }
  out.push("  const x = input.values as { readonly [k: string]: unknown };");
  out.push("  let given = 0;");
  meta.inputs.forEach((spec, i) => {
    const t = spec.type;
    const s = scalarOf(t);
    const places = placesOf(s);
    const scalar = (raw: string): string => {
      if (s.kind === "date") return `fx.dateText(${raw})`;
      if (isNum(s))
        return kind === "text"
          ? `fx.scaledText(${raw}, ${places}, ${s.kind === "ratio" || s.kind === "number"})`
          : `fx.scaledValue(${raw}, ${places})`;
      if (s.kind === "bool")
        return kind === "text" ? `fx.boolText(${raw})` : `(typeof ${raw} === "boolean" ? ${raw} : undefined)`;
      if (s.kind === "enum")
        return `(${s.members.map((m) => `${raw} === ${str(m)}`).join(" || ") || "false"} ? (${raw} as string) : undefined)`;
      if (s.kind === "text") return `(typeof ${raw} === "string" && ${raw} === ${raw}.trim() ? ${raw} : undefined)`;
      return "undefined";
    };
    const f = fields.get(spec.name)?.field ?? `i${i}`;
    out.push(`  // ${lineCommentText(`${spec.name}: ${describeScale(s)}`)}`);
    out.push(`  const r${i} = x[${str(spec.name)}];`);
    out.push(`  let ${f}: FastValues[${str(f)}];`);
    out.push(`  if (r${i} !== undefined) {`);
    out.push("    given++;");
    if (t.kind === "array") {
      const len = t.length;
      if (s.kind === "record") out.push("    return undefined;");
      else {
        out.push(
          `    const l = ${kind === "text" ? `fx.listOf(r${i}, ${len ?? "undefined"})` : `Array.isArray(r${i})${len !== undefined ? ` && r${i}.length === ${len}` : ""} ? (r${i} as unknown[]) : undefined`};`,
        );
        out.push("    if (l === undefined) return undefined;");
        out.push(`    const a: ${isNum(s) ? "number" : s.kind === "bool" ? "boolean" : "string"}[] = [];`);
        out.push(`    for (const e of l) {`);
        out.push(`      const c = ${scalar("e")};`);
        out.push("      if (c === undefined) return undefined;");
        out.push("      a.push(c);");
        out.push("    }");
        out.push(`    ${f} = a;`);
      }
    } else if (isPair(t)) {
      out.push(`    const l = fx.pairOf(r${i});`);
      out.push("    if (l === undefined) return undefined;");
      out.push(`    const a0 = ${scalar("l[0]")};`);
      out.push(`    const a1 = ${scalar("l[1]")};`);
      out.push("    if (a0 === undefined || a1 === undefined) return undefined;");
      out.push(`    ${f} = [a0, a1];`);
    } else if (s.kind === "record") out.push("    return undefined;");
    else {
      out.push(`    ${f} = ${scalar(`r${i}`)};`);
      out.push(`    if (${f} === undefined) return undefined;`);
    }
    out.push("  }");
  });
  out.push("  if (given !== fx.keyCount(x)) return undefined;");
  out.push(`  const j: (number | undefined)[] = new Array<number | undefined>(${n});`);
  out.push(`  const r: (string | undefined)[] = new Array<string | undefined>(${n});`);
  if (kind === "text") {
    out.push(`  if (!fx.readJudgements(judgedCheck, input.judgements, JD, ${JUDGED_SCALE}, j, r)) return undefined;`);
  } else {
    out.push("  const jv = input.judged ?? [];");
    out.push(`  if (jv.length > ${n}) return undefined;`);
    out.push("  for (let k = 0; k < jv.length; k++) {");
    out.push("    const raw = jv[k];");
    out.push("    if (raw === undefined || raw === null) continue;");
    out.push(`    const c = fx.scaledValue(raw, ${JUDGED_SCALE});`);
    out.push("    const reason = input.reasons?.[k]?.trim() || undefined;");
    out.push("    if (c === undefined || !fx.acceptJudgement(judgedCheck, k, c, JD, reason)) return undefined;");
    out.push("    j[k] = c;");
    out.push("    r[k] = reason;");
    out.push("  }");
  }
  meta.judged.forEach((j, k) => {
    if (!j.byVerdict) return;
    out.push(`  // ${lineCommentText(`${j.path}: within the interval of the verdict ${j.byVerdict.input}`)}`);
    out.push(`  if (j[${k}] !== undefined && !fx.verdictAccepts(judgedCheck, ${k}, x, j[${k}], JD)) return undefined;`);
  });
  const all = meta.inputs.map((s, i) => fields.get(s.name)?.field ?? `i${i}`);
  out.push(`  const v: FastValues = { ${[...all, "j", "r", "full: full === true"].join(", ")} };`);
  out.push("  return inBounds(v) ? v : undefined;");
  out.push("}");
  out.push("");
  return out;
}

/** The value of input `spec` over its internal-unit denominator, as `[numerator code, den]`. */
function internal(f: FastInput, code: string): [string, string] {
  return [f.factor === 1n ? code : `fx.mul(${code}, ${f.factor})`, f.den.toString()];
}

function boundExprCode(e: BoundExpr, fields: ReadonlyMap<string, FastInput>, meta: RubricMeta): string {
  if ("n" in e) return `Exact.parse(${str(e.n)})`;
  if ("ref" in e) {
    const f = fields.get(e.ref);
    if (!f || meta.inputs.find((i) => i.name === e.ref)?.type.kind === "array") return "undefined";
    const [n, d] = internal(f, `v.${f.field}`);
    return `(v.${f.field} === undefined ? undefined : fx.toExact(${n}, ${d}))`;
  }
  if ("neg" in e) return `${boundExprCode(e.neg, fields, meta)}?.neg()`;
  const l = boundExprCode(e.l, fields, meta);
  const r = boundExprCode(e.r, fields, meta);
  return `fx.boundOp(${str(e.op)}, ${l}, ${r})`;
}

/** A scalar number input (a bound `<= 甲` on it compares scaled integers). */
function numericInput(meta: RubricMeta, name: string): boolean {
  const t = meta.inputs.find((i) => i.name === name)?.type;
  return t !== undefined && t.kind !== "array" && isNum(t);
}

/** Every constant, reference and arithmetic bound of the inputs, checked on the scaled integers. */
export function bounds(meta: RubricMeta, fields: ReadonlyMap<string, FastInput>): string[] {
  const out: string[] = [];
  out.push(
    "/** The inputs' declared bounds; false sends the record to the generic converter, which reports the error. */",
  );
  out.push("function inBounds(v: FastValues): boolean {");
  out.push("  try {");
  meta.inputs.forEach((spec: InputSpec) => {
    const f = fields.get(spec.name);
    const s = scalarOf(spec.type);
    if (!f || !isNum(s)) return;
    const places = placesOf(s);
    const conds: string[] = [];
    const each = (x: string): void => {
      const hasLower = spec.constraints.some(
        (c) => (c.op === ">=" || c.op === ">") && c.value !== undefined && (Exact.parse(c.value)?.sign() ?? -1) >= 0,
      );
      if (s.kind === "count" && !hasLower) conds.push(`${x} < 0`);
      for (const c of spec.constraints) {
        const neg = { "=": "!==", ">=": "<", ">": "<=", "<=": ">", "<": ">=" }[c.op];
        if (c.value !== undefined) {
          const b = Exact.parse(c.value)?.mul(Exact.of(10n ** BigInt(places)));
          if (b && b.den === 1n && (b.num < 0n ? -b.num : b.num) <= BigInt(Number.MAX_SAFE_INTEGER))
            conds.push(`${x} ${neg} ${b.num}`);
          else if (b) conds.push(`fx.cmp(${x}, 1, ${b.num}, ${b.den}) ${neg} 0`);
        } else if (c.ref !== undefined || (c.expr !== undefined && "ref" in c.expr && numericInput(meta, c.expr.ref))) {
          const ref = c.ref ?? (c.expr as { ref: string }).ref;
          const g = fields.get(ref);
          if (!g || meta.inputs.find((i) => i.name === ref)?.type.kind === "array") continue;
          const [an, ad] = internal(f, x);
          const [bn, bd] = internal(g, `v.${g.field}`);
          conds.push(`(v.${g.field} !== undefined && fx.cmp(${an}, ${ad}, ${bn}, ${bd}) ${neg} 0)`);
        } else if (c.expr !== undefined) {
          const [an, ad] = internal(f, x);
          conds.push(
            `!fx.exprBoundHolds(fx.toExact(${an}, ${ad}), ${str(c.op)}, ${boundExprCode(c.expr, fields, meta)})`,
          );
        }
      }
    };
    const x = `v.${f.field}`;
    if (isList(spec.type)) each("e");
    else each(x);
    if (conds.length === 0) return;
    out.push(`    // ${lineCommentText(spec.name)}`);
    if (isList(spec.type))
      out.push(`    if (${x} !== undefined) for (const e of ${x}) if (${conds.join(" || ")}) return false;`);
    else out.push(`    if (${x} !== undefined && (${conds.join(" || ")})) return false;`);
  });
  out.push("    return true;");
  out.push("  } catch (e) {");
  out.push("    if (e instanceof fx.Bail) return false;");
  out.push("    throw e;");
  out.push("  }");
  out.push("}");
  out.push("");
  return out;
}

/** `scoreValues` input as the text input the generic path reads (only when the fast path declines a record). */
export function valuesToInput(meta: RubricMeta): string[] {
  const out: string[] = [];
  out.push("export function valuesToInput(input: ValuesInput): ScoreInput {");
  out.push("  const x = input.values as { readonly [k: string]: unknown };");
  out.push("  const values: { [k: string]: unknown } = { ...x };");
  meta.inputs.forEach((spec) => {
    const s = scalarOf(spec.type);
    if (!isNum(s) || s.kind === "date") return;
    const p = 10 ** placesOf(s);
    const k = str(spec.name);
    const one = (e: string): string =>
      `(typeof ${e} === "number" && Number.isSafeInteger(${e}) ? fx.text(${e}, ${p}) : ${e})`;
    if (spec.type.kind === "array")
      out.push(
        `  if (Array.isArray(values[${k}])) values[${k}] = (values[${k}] as unknown[]).map((e) => ${one("e")});`,
      );
    else out.push(`  values[${k}] = ${one(`values[${k}]`)};`);
  });
  out.push("  for (const k of Object.keys(values)) if (values[k] === undefined) delete values[k];");
  out.push("  const judgements: { [path: string]: { value: string; reason?: string } } = {};");
  out.push("  (input.judged ?? []).forEach((raw, k) => {");
  out.push("    const path = meta.judged[k]?.path;");
  out.push("    if (raw === undefined || raw === null || path === undefined) return;");
  out.push(`    const value = typeof raw === "number" && Number.isSafeInteger(raw) ? fx.text(raw, JD) : String(raw);`);
  out.push("    const reason = input.reasons?.[k];");
  out.push("    judgements[path] = reason ? { value, reason } : { value };");
  out.push("  });");
  out.push("  return {");
  out.push('    values: values as ScoreInput["values"],');
  out.push("    judgements,");
  out.push("    ...(input.judgeRestFull !== undefined ? { judgeRestFull: input.judgeRestFull } : {}),");
  out.push("  };");
  out.push("}");
  out.push("");
  return out;
}

function valueTs(t: InputTypeSpec): string {
  if (t.kind === "date") return "string";
  if (isNum(t)) return "number | string";
  if (t.kind === "bool") return "boolean";
  if (t.kind === "enum") return t.members.map(str).join(" | ") || "string";
  if (t.kind === "array") return `readonly (${valueTs(t.element)})[]`;
  if (t.kind === "record")
    return `{ ${t.fields.map((f) => `readonly ${str(f.name)}: ${valueTs(f.type)}`).join("; ")} }`;
  return "string";
}

/** The typed input of `scoreValues`, each field saying its scale. */
export function valuesTsType(meta: RubricMeta): string[] {
  const out: string[] = [];
  out.push("/**");
  out.push(" * Already-typed values for `scoreValues`, by Chinese name: a number is a scaled integer in the");
  out.push(' * input\'s declared unit (its scale below) or plain decimal text (`"311.63"`); booleans are booleans,');
  out.push(" * enum members their text.");
  out.push(" */");
  out.push("export type Values = {");
  for (const i of meta.inputs) {
    const s = scalarOf(i.type);
    const doc = isNum(s) ? `${i.name} — ${describeScale(s)}` : i.name;
    out.push(`  /** ${commentText(doc).replace(/\n \* /g, "\n   * ")} */`);
    out.push(`  readonly ${str(i.name)}?: ${valueTs(i.type)};`);
  }
  out.push("};");
  out.push("");
  out.push("/** One department for `scoreValues`. */");
  out.push("export interface ValuesInput {");
  out.push("  readonly values: Values;");
  out.push(
    `  /** Judgements by index in \`meta.judged\`: points × 10^${JUDGED_SCALE} as an integer, or plain decimal text. */`,
  );
  out.push("  readonly judged?: readonly (number | string | undefined | null)[];");
  out.push("  /** Reasons of the judgements, same index (needed below the maximum). */");
  out.push("  readonly reasons?: readonly (string | undefined)[];");
  out.push("  readonly judgeRestFull?: boolean;");
  out.push("}");
  out.push("");
  return out;
}

/** The record's values as the generic code reads them (exact numbers in internal units), for generic indicators. */
export function nativesOf(meta: RubricMeta, fields: ReadonlyMap<string, FastInput>): string[] {
  const out: string[] = [];
  out.push("function natives(v: FastValues): unknown[] {");
  out.push("  return [");
  meta.inputs.forEach((spec, i) => {
    const f = fields.get(spec.name);
    const s = scalarOf(spec.type);
    const x = `v.${f?.field ?? `i${i}`}`;
    if (!f || !isNum(s)) {
      out.push(`    ${x},`);
      return;
    }
    const [n, d] = internal(f, "e");
    const one = `fx.toExact(${n}, ${d})`;
    if (isPair(spec.type))
      out.push(
        `    ${x} === undefined ? undefined : { 目标: ((e: number) => ${one})(${x}[0] as number), 实际: ((e: number) => ${one})(${x}[1] as number) },`,
      );
    else if (spec.type.kind === "array") out.push(`    ${x}?.map((e) => ${one}),`);
    else out.push(`    ${x} === undefined ? undefined : ((e: number) => ${one})(${x}),`);
  });
  out.push("  ];");
  out.push("}");
  out.push("");
  return out;
}
