/**
 * The reference evaluator behind the `Scorer` interface, for batch scoring
 * and as the oracle of the differential tests against compiled modules.
 */
import { Exact } from "../../runtime/exact.js";
import type { NodeReport, Report } from "../../runtime/report.js";
import {
  ScoreError,
  type InputError,
  type InputSpec,
  type InputTypeSpec,
  type JudgedSpec,
  type RubricMeta,
  type ScoreInput,
  type ScoreOptions,
  type Scorer,
} from "../../runtime/scorer.js";
import { peerUse } from "../model/peers.js";
import { peerValues } from "./peers.js";
import { checkJudgements, convertInput, resolveJudgementPaths } from "../../runtime/validate.js";
import { constValue } from "../model/constants.js";
import { boundExpr, boundText } from "./bound-expr.js";
import { indicators, walkTree } from "../model/paths.js";
import type { FieldBounds, IndicatorNode, InputDef, PartNode, RubricModel, ValueType } from "../model/types.js";
import type * as A from "../syntax/ast.js";
import { fieldBound } from "../analysis/field-range.js";
import { inputUses } from "../model/uses.js";
import { fullJudgement, implicitPart, judgedBounds, wholeBounds } from "../examples/prepare.js";
import { judgedSites, pointsInterval, verdictArms, type Envelope } from "../model/judged.js";
import type { Bounds } from "../../runtime/judged-bounds.js";
import type { CheckedRubric } from "../program.js";
import type { Judgement } from "./expr.js";
import { scoreRubric } from "./rubric.js";
import type { EvalError } from "./values.js";

function typeSpec(t: ValueType, input: InputDef): InputTypeSpec {
  switch (t.kind) {
    case "num":
      if (t.dim === "date") return { kind: "date" };
      return t.dim === "money"
        ? { kind: "money", unit: input.moneyUnit ?? "元" }
        : { kind: t.dim === "plain" ? "number" : t.dim };
    case "bool":
    case "text":
      return { kind: t.kind };
    case "enum":
      return { kind: "enum", name: t.name, members: t.members };
    case "array":
      return {
        kind: "array",
        element: typeSpec(t.element, input),
        ...(t.length !== undefined ? { length: t.length } : {}),
      };
    case "record":
      return {
        kind: "record",
        fields: [...t.fields].map(([name, ft]) => {
          const b = t.bounds?.get(name);
          const constraints = b ? fieldConstraints(b) : [];
          return { name, type: typeSpec(ft, input), ...(constraints.length > 0 ? { constraints } : {}) };
        }),
        ...(t.pair ? { pair: true as const } : {}),
      };
    case "error":
      return { kind: "number" };
  }
}

const WAN = Exact.int(10000);

type FieldConstraint = { readonly op: "=" | ">=" | ">" | "<=" | "<"; readonly value: string };

/** A record field's constant bounds, in the field's unit (as input bounds are given in the input's). */
function fieldConstraints(b: FieldBounds): FieldConstraint[] {
  const out: FieldConstraint[] = [];
  const add = (op: FieldConstraint["op"], e: A.Expr): void => {
    const v = fieldBound(e, b.moneyUnit);
    if (v) out.push({ op, value: (b.moneyUnit === "万元" ? v.div(WAN) : v).toString(30) });
  };
  for (const c of b.constraints) {
    if (c.kind === "compare") add(c.op, c.bound);
    else {
      add(c.interval.loClosed ? ">=" : ">", c.interval.lo);
      add(c.interval.hiClosed ? "<=" : "<", c.interval.hi);
    }
  }
  return out;
}

function inputSpec(model: RubricModel, input: InputDef, usedBy: readonly string[]): InputSpec {
  const constraints: InputSpec["constraints"][number][] = [];
  // Bounds are given in the input's unit: a 万元 bound written with a unit is converted back.
  const inUnit = (e: Parameters<typeof constValue>[0]): string | undefined => {
    const v = constValue(e);
    if (!v) return undefined;
    const explicitMoney = e.kind === "Number" && (e.unit === "元" || e.unit === "万元");
    return (input.moneyUnit === "万元" && explicitMoney ? v.div(WAN) : v).toString(30);
  };
  const bound = (
    op: InputSpec["constraints"][number]["op"],
    e: Parameters<typeof constValue>[0],
  ): InputSpec["constraints"] => {
    const v = inUnit(e);
    if (v !== undefined) return [{ op, value: v }];
    const expr = boundExpr(e, input, model);
    return expr ? [{ op, expr, written: boundText(e) }] : [];
  };
  for (const c of input.decl.constraints) {
    if (c.kind === "compare") {
      if (c.bound.kind === "Ref" && model.inputs.has(c.bound.name.text))
        constraints.push({ op: c.op, ref: c.bound.name.text });
      else constraints.push(...bound(c.op, c.bound));
    } else {
      constraints.push(
        ...bound(c.interval.loClosed ? ">=" : ">", c.interval.lo),
        ...bound(c.interval.hiClosed ? "<=" : "<", c.interval.hi),
      );
    }
  }
  return {
    name: input.name,
    ...(input.alias ? { alias: input.alias } : {}),
    type: typeSpec(input.type, input),
    constraints,
    usedBy,
  };
}

export function rubricMeta(rubric: CheckedRubric): RubricMeta {
  const { model } = rubric;
  const uses = inputUses(model);
  const peers = peerUse(model);
  const judged: JudgedSpec[] = [];
  const bounds = (b: Bounds) => ({
    min: b.lo.toString(),
    max: b.hi.toString(),
    ...(b.loClosed ? {} : { minOpen: true }),
    ...(b.hiClosed ? {} : { maxOpen: true }),
  });
  const spec = (path: readonly string[], b: Envelope, indicator: boolean, part?: PartNode): JudgedSpec => {
    const sites = part ? judgedSites(part.rule) : [];
    const v = sites.length === 1 ? sites[0]?.verdict : undefined;
    const input = v?.subject.kind === "Ref" && model.inputs.has(v.subject.name.text) ? v.subject.name.text : undefined;
    const arms =
      v && part
        ? verdictArms(v, model).flatMap((a) => {
            const ab = a.interval ? pointsInterval(a.interval, part.points) : undefined;
            return ab ? [{ member: a.member?.text ?? null, ...bounds(ab) }] : [];
          })
        : [];
    return {
      path: path.join("."),
      ...bounds(b),
      indicator,
      ...(b.deduction ? { deduction: true } : {}),
      ...(input ? { byVerdict: { input, arms } } : {}),
    };
  };
  for (const n of walkTree(model.groups)) {
    if (n.kind === "part") {
      // The part made by `score = …` is judged through its indicator.
      if (n.implicit) continue;
      const b = judgedBounds(n, model);
      if (b) judged.push(spec(n.path, b, false, n));
    } else if (n.kind === "indicator") {
      const implicit = implicitPart(n);
      const b = implicit ? judgedBounds(implicit, model) : undefined;
      const whole = b ? undefined : wholeBounds(n, model);
      if (b) judged.push(spec(n.path, b, true, implicit));
      else if (whole) judged.push(spec(n.path, whole, true));
    }
  }
  return {
    name: model.name,
    ...(model.year !== undefined ? { year: model.year } : {}),
    ...(model.locality !== undefined ? { locality: model.locality } : {}),
    ...(model.source !== undefined ? { source: model.source } : {}),
    total: model.groups.reduce((a, g) => a.add(g.points), Exact.ZERO).toString(),
    inputs: [...model.inputs.values()].map((i) => inputSpec(model, i, uses.get(i.name) ?? [])),
    judged,
    indicators: indicators(model.groups).map((i) => ({
      path: i.path.join("."),
      points: i.points.toString(),
      ...(i.note ? { note: i.note } : {}),
    })),
    ...(peers.any ? { peers: peers.subjects } : {}),
  };
}

function withoutTraces(report: Report): Report {
  const strip = (n: NodeReport): NodeReport => ({ ...n, trace: [], children: n.children.map(strip) });
  return { ...report, tree: report.tree.map(strip) };
}

export function createReferenceScorer(rubric: CheckedRubric): Scorer {
  const meta = rubricMeta(rubric);
  const { model } = rubric;
  // Paths arrive resolved to full paths (runtime/judgements.ts), so look them up exactly.
  const byPath = new Map([...walkTree(model.groups)].map((n) => [n.path.join("."), n] as const));
  const node = (path: string) => byPath.get(path);
  const validate = (input: ScoreInput): InputError[] => {
    const { errors } = convertInput(meta, input);
    return [...errors, ...checkJudgements(meta, input)];
  };
  const score = (input: ScoreInput, options?: ScoreOptions): Report => {
    const { values, errors } = convertInput(meta, input);
    const all = [...errors, ...checkJudgements(meta, input)];
    if (all.length > 0) throw new ScoreError(all);
    const judgements = new Map<PartNode, Judgement>();
    const wholeJudgements = new Map<IndicatorNode, Judgement>();
    const resolved = resolveJudgementPaths(meta, input);
    for (const [path, judgement] of resolved.judgements) {
      const n = node(path);
      const implicit = n?.kind === "indicator" ? implicitPart(n) : undefined;
      if (n?.kind === "part") judgements.set(n, judgement);
      else if (implicit && judgedBounds(implicit, model)) judgements.set(implicit, judgement);
      else if (n?.kind === "indicator") wholeJudgements.set(n, judgement);
    }
    if (input.judgeRestFull) {
      for (const ind of indicators(model.groups)) {
        if (wholeJudgements.has(ind)) continue;
        for (const p of ind.parts) {
          const b = judgedBounds(p, model);
          if (b && !judgements.has(p)) judgements.set(p, fullJudgement(b));
        }
      }
    }
    const overrides = new Map<IndicatorNode, { value: Exact; reason: string }>();
    for (const [path, o] of resolved.overrides) {
      const n = node(path);
      if (n?.kind === "indicator") overrides.set(n, o);
    }
    const peers = options?.peers;
    const result = scoreRubric(rubric, {
      inputs: values,
      judgements,
      wholeJudgements,
      overrides,
      ...(peers ? { peers } : {}),
    });
    if (result.failures.length > 0) {
      throw new ScoreError(
        result.failures.map(({ node: ind, error }) => ({
          kind: errorKind(error),
          field: error.field ?? ind.path.join("."),
          indicators: [ind.path.join(".")],
          message: {
            zh: `指标「${ind.path.join(".")}」：${error.text.zh}`,
            en: `indicator '${ind.path.join(".")}': ${error.text.en}`,
          },
        })),
      );
    }
    const gf = result.gradeFailure;
    if (gf)
      throw new ScoreError([
        {
          kind: errorKind(gf),
          field: gf.field ?? "grade",
          indicators: [],
          message: { zh: `等级上限：${gf.text.zh}`, en: `grade cap: ${gf.text.en}` },
        },
      ]);
    // The evaluator always traces; like the compiled scorer, the report keeps trace lines only with `explain: true`.
    return options?.explain === true ? result.report : withoutTraces(result.report);
  };
  const peerRow = (input: ScoreInput) => peerValues(rubric, convertInput(meta, input).values);
  return { meta, validate, score, ...(meta.peers ? { peerRow } : {}) };
}

function errorKind(error: EvalError): InputError["kind"] {
  return error.kind === "zero-division"
    ? "zero-denominator"
    : error.kind === "missing-input" || error.kind === "missing-judgement"
      ? "missing"
      : error.kind === "judgement-out-of-bounds"
        ? "judgement-out-of-bounds"
        : "wrong-type";
}
