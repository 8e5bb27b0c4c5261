/**
 * The specialised half of a compiled module: per-input readers (type, unit,
 * bounds known at compile time), one straight-line function per indicator
 * (emit-fast.ts), and the entry points `score`, `scoreTotals` and
 * `scoreValues` over them, each falling back to the generic exact path for a
 * record the fast code does not take (an error to report, an unusual
 * spelling, an override, a value beyond safe integers).
 */
import type { RubricMeta } from "../../runtime/scorer.js";
import type { CheckedRubric } from "../program.js";
import type { IndicatorNode, LetDef, TreeNode } from "../model/types.js";
import { exprText } from "../evaluate/expr.js";
import { implicitPart } from "../examples/prepare.js";
import { FastEmitter, Unsupported, type FastInput, type FastScope } from "./emit-fast.js";
import { exemptScore, finishIndicator, finishPart, scoreDenominator, type PartValue } from "./emit-fast-finish.js";
import { totalsFunction } from "./emit-fast-totals.js";
import {
  JUDGED_SCALE,
  bounds,
  isList,
  isNum,
  nativesOf,
  placesOf,
  reader,
  scalarOf,
  valuesToInput,
} from "./emit-fast-readers.js";
import { commentText, lineCommentText } from "./text.js";

export { describeScale, isNum, placesOf, scalarOf, valuesTsType } from "./emit-fast-readers.js";

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
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

  const indicators: IndicatorNode[] = [];
  const collect = (n: TreeNode): void => {
    if (n.kind === "indicator") indicators.push(n);
    else n.children.forEach(collect);
  };
  model.groups.forEach(collect);
  const sd = scoreDenominator(
    model.rounding,
    indicators.map((i) => i.points),
  );

  out.push("// ---- specialised code: safe integers, checked; any doubt goes to the generic path above ----");
  out.push("");
  out.push(`const JD = ${10 ** JUDGED_SCALE};`);
  if (sd) {
    out.push("/** Every final indicator score of the specialised code is an integer over SD. */");
    out.push(`const SD = ${sd};`);
  }
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
        em.line(`if (${em.bool(v.cond)}) return o.veto();`);
      }
      for (const x of ind.exempt) {
        em.hoistLets(x.cond);
        em.comment(`exempt when ${exprText(x.cond)}`);
        em.line(`if (${em.bool(x.cond)}) return o.exempt(${exemptScore(ind.points, model.rounding, sd)});`);
      }
      const whole = implicitPart(ind) ? undefined : judgedIndex.get(ind.path.join("."));
      if (whole !== undefined) {
        em.comment("judged as a whole");
        em.line(`const w = v.j[${whole}];`);
        em.line(`if (w !== undefined) return o.whole(o.final(w, JD, ${ind.points.num}, ${ind.points.den}));`);
      }
      const parts: PartValue[] = [];
      for (const p of ind.parts) {
        em.hoistLets(p.rule);
        const j = judgedIndex.get((p.implicit ? ind.path : p.path).join("."));
        em.part = { points: p.points, ...(j !== undefined ? { judged: j } : {}) };
        em.comment(`${p.implicit ? "score" : `part ${p.name} ${p.points.toString()}`} = ${exprText(p.rule)}`);
        const v = em.expr(p.rule);
        const pts = p.points;
        if (v.k === "bool") {
          const n = { k: "num", n: `(${v.c} ? ${pts.num} : 0)`, d: pts.den, b: pts.num } as const;
          parts.push(finishPart(em, n, pts, model.rounding, `o.cond(${v.c})`));
        } else if (v.k === "num") {
          const d = typeof v.d === "bigint" ? v.d.toString() : v.d;
          parts.push(finishPart(em, v, pts, model.rounding, `o.part(${v.n}, ${d})`));
        } else throw new Unsupported("a part that is not a number");
      }
      finishIndicator(em, ind.name, parts, ind.points, model.rounding, sd);
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
      out.push(
        `const ${name} = fx.genericIndicator<FastValues>(prepared.indicators[${fns.length}] as rt.IndicatorSpec, meta, JD, natives);`,
      );
      out.push("");
      fns.push(name);
    }
  };
  indicators.forEach(emitIndicator);
  out.push(`const FAST: readonly fx.FastIndicator<FastValues>[] = [${fns.join(", ")}];`);
  out.push("const judgedCheck = fx.judgedCheck(meta, JD);");
  out.push(`const fastOut = new fx.FastOut(spec.rounding, ${sd ? "SD" : "0"});`);
  out.push("");
  out.push(...totalsFunction(model, indicators, fns, sd));

  // ---- readers ----
  out.push(...reader(meta, fields, "text"));
  out.push(...reader(meta, fields, "values"));
  out.push(...bounds(meta, fields));
  out.push(...valuesToInput(meta));
  out.push(...nativesOf(meta, fields));
  return { lines: out, generic };
}
