/**
 * The specialised half of a compiled module: per-input readers (type, unit,
 * bounds known at compile time), one straight-line function per indicator
 * (emit-fast.ts), and the entry points `score`, `scoreTotals` and
 * `scoreValues` over them, each falling back to the generic exact path for a
 * record the fast code does not take (an error to report, an unusual
 * spelling, an override, a value beyond safe integers).
 */
import { Exact } from "../../runtime/exact.js";
import type { InputSpec, InputTypeSpec, RubricMeta } from "../../runtime/scorer.js";
import type { BoundExpr } from "../../runtime/bound-expr.js";
import type { CheckedRubric } from "../program.js";
import type { IndicatorNode, LetDef, TreeNode } from "../model/types.js";
import { exprText } from "../evaluate/expr.js";
import { implicitPart } from "../examples/prepare.js";
import { FastEmitter, Unsupported, type FastInput, type FastScope } from "./emit-fast.js";
import { commentText, lineCommentText, str } from "./text.js";

/** Judgements are read as integers over 10^4 (points to 4 places; more places take the generic path). */
const JUDGED_SCALE = 4;

/** Places an input's scaled integer keeps, in its declared unit. */
function placesOf(t: InputTypeSpec): number {
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

function scalarOf(t: InputTypeSpec): InputTypeSpec {
  if (t.kind === "record" && t.pair && t.fields[0]) return scalarOf(t.fields[0].type);
  return t.kind === "array" ? scalarOf(t.element) : t;
}

/** Arrays and target pairs are read as lists of scalars (a pair as [目标, 实际]). */
const isPair = (t: InputTypeSpec): boolean => t.kind === "record" && t.pair === true;
const isList = (t: InputTypeSpec): boolean => t.kind === "array" || isPair(t);

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Numbers, and dates (issue 11, kind 6), which the specialised code holds as whole day numbers. */
const isNum = (t: InputTypeSpec): boolean =>
  t.kind === "money" ||
  t.kind === "ratio" ||
  t.kind === "count" ||
  t.kind === "points" ||
  t.kind === "number" ||
  t.kind === "date";

function describeScale(t: InputTypeSpec): string {
  const places = placesOf(t);
  if (t.kind === "date") return "date, ISO text (2023-06-30) read as its day number";
  const unit = t.kind === "money" ? t.unit : t.kind === "ratio" ? "(as a fraction: 98.1% = 0.981)" : "";
  return `${t.kind}${unit ? ` ${unit}` : ""}, a scaled integer × 10^${places} or plain decimal text`;
}

export interface FastModule {
  readonly lines: string[];
  /** Indicators left on the generic path, with the construct that kept them there. */
  readonly generic: readonly { readonly path: string; readonly why: string }[];
}

export function emitFastModule(rubric: CheckedRubric, meta: RubricMeta): FastModule {
  const { model, analysis } = rubric;
  const out: string[] = [];
  const generic: { path: string; why: string }[] = [];
  const fields = new Map<string, FastInput>();
  meta.inputs.forEach((spec, i) => {
    const t = scalarOf(spec.type);
    const places = placesOf(t);
    const unit = t.kind === "money" && t.unit === "万元" ? 10000n : 1n;
    const pow = 10n ** BigInt(places);
    const g = gcd(unit, pow);
    fields.set(spec.name, {
      field: `i${i}`,
      type: model.inputs.get(spec.name)?.type ?? { kind: "error" },
      den: pow / g,
      factor: unit / g,
      ...(spec.type.kind === "array" && spec.type.length !== undefined ? { length: spec.type.length } : {}),
    });
  });
  const enumMembers = new Set([...model.enums.values()].flatMap((e) => [...e.members]));
  const judgedIndex = new Map(meta.judged.map((j, i) => [j.path, i]));

  out.push("// ---- specialised code: safe integers, checked; any doubt goes to the generic path above ----");
  out.push("");
  out.push(`const JD = ${10 ** JUDGED_SCALE};`);
  out.push("const prepared = fx.prepare(spec, JD);");
  out.push("");
  out.push("/** One department's values as the specialised code reads them: numbers as scaled integers. */");
  out.push("interface FastValues extends fx.FastValues {");
  meta.inputs.forEach((spec, i) => {
    const t = scalarOf(spec.type);
    const ts = isNum(t) ? "number" : t.kind === "bool" ? "boolean" : t.kind === "record" ? "unknown" : "string";
    const arr = isList(spec.type) ? `readonly ${ts}[]` : ts;
    out.push(`  /** ${commentText(`${spec.name}${isNum(t) ? ` × 10^${placesOf(t)}` : ""}`)} */`);
    out.push(`  readonly i${i}: ${arr} | undefined;`);
  });
  out.push("}");
  out.push("");

  // ---- indicators ----
  const fns: string[] = [];
  const emitIndicator = (ind: IndicatorNode): void => {
    const name = `F${fns.length}`;
    const lets = new Map<string, LetDef>(model.lets);
    for (const l of ind.lets) lets.set(l.name, l);
    const scope: FastScope = {
      info: analysis.info,
      inputs: fields,
      enumMembers,
      lets,
      scales: model.scales,
      judgedDen: 10n ** BigInt(JUDGED_SCALE),
    };
    const em = new FastEmitter(scope);
    try {
      for (const v of ind.veto) {
        em.hoistLets(v.cond);
        em.comment(`veto when ${exprText(v.cond)}`);
        em.line(`if (${em.bool(v.cond)}) return fx.VETO;`);
      }
      for (const x of ind.exempt) {
        em.hoistLets(x.cond);
        em.comment(`exempt when ${exprText(x.cond)}`);
        em.line(`if (${em.bool(x.cond)}) return fx.EXEMPT;`);
      }
      const whole = implicitPart(ind) ? undefined : judgedIndex.get(ind.path.join("."));
      if (whole !== undefined) {
        em.comment("judged as a whole");
        em.line(`if (v.j[${whole}] !== undefined) return fx.WHOLE;`);
      }
      for (const p of ind.parts) {
        em.hoistLets(p.rule);
        const j = judgedIndex.get((p.implicit ? ind.path : p.path).join("."));
        em.part = { points: p.points, ...(j !== undefined ? { judged: j } : {}) };
        em.comment(`${p.implicit ? "score" : `part ${p.name} ${p.points.toString()}`} = ${exprText(p.rule)}`);
        const v = em.expr(p.rule);
        if (v.k === "bool") em.line(`o.cond(${v.c});`);
        else if (v.k === "num") em.line(`o.part(${v.n}, ${typeof v.d === "bigint" ? v.d.toString() : v.d});`);
        else throw new Unsupported("a part that is not a number");
      }
      em.line("return fx.PARTS;");
      out.push(`/** ${commentText(`${ind.path.join(".")} — ${ind.points.toString()}`)} */`);
      out.push(`function ${name}(v: FastValues, o: fx.FastOut): number {`);
      out.push(...em.reads, ...em.lines);
      out.push("}");
      out.push("");
      fns.push(name);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      generic.push({ path: ind.path.join("."), why: e.message });
      out.push(
        `// ${lineCommentText(ind.path.join("."))}: generic exact path (${lineCommentText(e.message)} has no specialised form)`,
      );
      out.push("");
      fns.push(
        `fx.genericIndicator<FastValues>(prepared.indicators[${fns.length}] as rt.IndicatorSpec, meta, JD, natives)`,
      );
    }
  };
  const walk = (n: TreeNode): void => {
    if (n.kind === "indicator") emitIndicator(n);
    else n.children.forEach(walk);
  };
  model.groups.forEach(walk);
  out.push(`const FAST: readonly (fx.FastIndicator<FastValues> | undefined)[] = [${fns.join(", ")}];`);
  out.push("const judgedCheck = fx.judgedCheck(meta);");
  out.push("const fastOut = new fx.FastOut(spec.rounding);");
  out.push("");

  // ---- readers ----
  out.push(...reader(meta, fields, "text"));
  out.push(...reader(meta, fields, "values"));
  out.push(...bounds(meta, fields));
  out.push(...valuesToInput(meta));
  out.push(...nativesOf(meta, fields));
  return { lines: out, generic };
}

/** The per-input reader: `text` for `score`/`scoreTotals` input, `values` for `scoreValues`. */
function reader(meta: RubricMeta, fields: ReadonlyMap<string, FastInput>, kind: "text" | "values"): string[] {
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

/** Every constant, reference and arithmetic bound of the inputs, checked on the scaled integers. */
function bounds(meta: RubricMeta, fields: ReadonlyMap<string, FastInput>): string[] {
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
          if (b) conds.push(`fx.cmp(${x}, 1, ${b.num}, ${b.den}) ${neg} 0`);
        } else if (c.ref !== undefined) {
          const g = fields.get(c.ref);
          if (!g || meta.inputs.find((i) => i.name === c.ref)?.type.kind === "array") continue;
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
function valuesToInput(meta: RubricMeta): string[] {
  const out: string[] = [];
  out.push("function valuesToInput(input: ValuesInput): ScoreInput {");
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

export { describeScale, placesOf, scalarOf, isNum };

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
function nativesOf(meta: RubricMeta, fields: ReadonlyMap<string, FastInput>): string[] {
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
