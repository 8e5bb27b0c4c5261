/**
 * Examples, checked and made ready to run: given values converted to input
 * values, judgements and overrides attached to their parts and indicators
 * (with the reasons the rules require), expectations resolved to nodes.
 */
import { W } from "../diagnostics/words.js";
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { constValue } from "../model/constants.js";
import { judgedEnvelope, verdictOnInput, type Envelope } from "../model/judged.js";
import { boundsText, within } from "../../runtime/judged-bounds.js";
import { pathText, resolvePath, resolveValueTarget, walkTree } from "../model/paths.js";
import type { AnyNode, IndicatorNode, PartNode, RubricModel } from "../model/types.js";
import type { CheckedRubric } from "../checked-rubric.js";
import type { Judgement } from "../evaluate/expr.js";
import type { ScoringInput } from "../evaluate/rubric.js";
import type { Value } from "../evaluate/values.js";
import { suggest } from "../util/suggest.js";
import { convertGiven, violatedConstraint } from "./given.js";
import { peerStatsOf } from "../evaluate/peers.js";
import { peerConstraintDiagnostics } from "./peer-rows.js";
import { violatedFieldConstraint } from "./record-bounds.js";
import { slotDiagnostics } from "../model/slots.js";
import { ERROR_KINDS, errorKindOf, targets, type ExpectedError } from "./expect-error.js";

export type Expectation =
  | { readonly kind: "node"; readonly node: AnyNode; readonly value: Exact; readonly span: A.Span }
  | { readonly kind: "total"; readonly value: Exact; readonly span: A.Span }
  | { readonly kind: "grade"; readonly value: string; readonly span: A.Span };

export interface PreparedExample {
  readonly decl: A.ExampleDecl;
  readonly file: string;
  readonly title: string;
  readonly rubric?: CheckedRubric;
  readonly scoring?: ScoringInput;
  readonly expectations: readonly Expectation[];
  readonly diagnostics: readonly Diagnostic[];
  /** `expect error …` entries, and those already met before scoring (a broken input constraint). */
  readonly expectedErrors?: readonly ExpectedError[];
  readonly raisedBeforeScoring?: ReadonlySet<ExpectedError>;
}

/**
 * Where a part's judgement may lie, over every `judged` its rule may end in
 * (the branches of its `if`s, every verdict); undefined when it is computed.
 * The interval that applies is checked when the rule runs.
 */
export function judgedBounds(p: PartNode, model: RubricModel): Envelope | undefined {
  return judgedEnvelope(p.rule, p.points, model);
}

/** The best a judgement can give under `b`: the top (the least deduction, for a deduction). */
export function fullJudgement(b: Envelope): Judgement {
  return { value: b.deduction ? b.lo : b.hi, full: true };
}

/** The part of an indicator written `score = …`: judging the indicator judges its rule. */
export function implicitPart(n: IndicatorNode): PartNode | undefined {
  const p = n.parts[0];
  return n.parts.length === 1 && p?.implicit ? p : undefined;
}

/** Bounds of a whole judgement of an indicator whose parts are all judged: the sums of what each part can score. */
export function wholeBounds(n: IndicatorNode, model: RubricModel): Envelope | undefined {
  let lo = Exact.ZERO;
  let hi = Exact.ZERO;
  for (const p of n.parts) {
    const b = judgedBounds(p, model);
    if (!b) return undefined;
    lo = lo.add(b.deduction ? p.points.sub(b.hi) : b.lo);
    hi = hi.add(b.deduction ? p.points : b.hi);
  }
  return n.parts.length > 0 ? { lo, hi, loClosed: true, hiClosed: true, deduction: false } : undefined;
}

export function prepareExample(decl: A.ExampleDecl, file: string, rubric: CheckedRubric | undefined): PreparedExample {
  const diags: Diagnostic[] = [];
  const base = { decl, file, title: decl.title.value, diagnostics: diags };
  if (!rubric) return { ...base, expectations: [] };
  const { model } = rubric;
  diags.push(...slotDiagnostics(model, file, decl.target?.span ?? decl.title.span));
  const inputs = new Map<string, Value>();
  const judgements = new Map<PartNode, Judgement>();
  const wholeJudgements = new Map<IndicatorNode, Judgement>();
  const overrides = new Map<IndicatorNode, { value: Exact; reason: string }>();
  const expectations: Expectation[] = [];
  const givenAt = new Map<string, A.GivenEntry>();
  const peerRows: Map<string, Value>[] = [];
  const peerAt: Map<string, A.GivenEntry>[] = [];
  const expectedErrors: ExpectedError[] = [];
  const raisedBeforeScoring = new Set<ExpectedError>();
  let restFull = false;
  const at = (span: A.Span) => ({ file, span });

  const node = (p: A.Path, takesValue = false): AnyNode | undefined => {
    const segs = p.segments.map((s) => s.text);
    const r = takesValue ? resolveValueTarget(model.groups, segs) : resolvePath(model.groups, segs);
    if (r.kind === "found") return r.node;
    if (r.kind === "ambiguous")
      diags.push(
        diagnostic("ambiguous-path", at(p.span), { path: pathText(segs), candidates: r.candidates.join(", ") }),
      );
    else
      diags.push(
        diagnostic(
          "unknown-name",
          at(p.span),
          { name: pathText(segs), kind: "indicator", ...(r.suggestion ? { suggestion: r.suggestion } : {}) },
          [],
          r.suggestion ? { suggestion: r.suggestion } : undefined,
        ),
      );
    return undefined;
  };
  const number = (e: A.Expr): Exact | undefined => {
    const v = constValue(e);
    if (!v)
      diags.push(
        diagnostic("type-mismatch", at(e.span), { expected: W.number, actual: W.expression, context: W.value }),
      );
    return v;
  };
  const judgedParts = (n: AnyNode): PartNode[] =>
    [...walkTree([n as never])].filter((x): x is PartNode => x.kind === "part" && judgedBounds(x, model) !== undefined);
  const nodeParts = (n: AnyNode): PartNode[] =>
    n.kind === "part" ? (judgedBounds(n, model) ? [n] : []) : judgedParts(n);
  const judgedTwice = new Set<AnyNode>();
  // Judgements of verdict-bounded parts, checked against the verdict once every given value is known.
  const verdictJudged: { part: PartNode; value: Exact; name: string; span: A.Span }[] = [];

  for (const item of decl.items) {
    switch (item.kind) {
      case "Meta":
        break;
      case "Given": {
        // `given peer { … }` (issue 11, kind 7): another department of the run, for the peer statistics.
        const into = item.peer ? new Map<string, Value>() : inputs;
        const seen = item.peer ? new Map<string, A.GivenEntry>() : givenAt;
        if (item.peer) {
          peerRows.push(into);
          peerAt.push(seen);
        }
        for (const g of item.entries) {
          const input =
            model.inputs.get(g.name.text) ?? [...model.inputs.values()].find((i) => i.alias === g.name.text);
          if (!input) {
            const s = suggest(g.name.text, model.inputs.keys());
            diags.push(
              diagnostic(
                "unknown-name",
                at(g.name.span),
                { name: g.name.text, kind: "input", ...(s ? { suggestion: s } : {}) },
                [],
                s ? { suggestion: s } : undefined,
              ),
            );
            continue;
          }
          if (seen.has(input.name)) {
            diags.push(diagnostic("duplicate-example-entry", at(g.name.span), { what: input.name }));
            continue;
          }
          seen.set(input.name, g);
          const c = convertGiven(g.value, input);
          if (!c.ok) {
            diags.push(
              diagnostic("given-type", at(c.span), { input: input.name, expected: c.expected, actual: c.actual }),
            );
            continue;
          }
          into.set(input.name, c.value);
        }
        break;
      }
      case "Judge": {
        if (!item.target) {
          restFull = true;
          break;
        }
        const n = node(item.target, item.value !== undefined);
        if (!n) break;
        const name = n.path.join(".");
        if (judgedTwice.has(n)) diags.push(diagnostic("duplicate-example-entry", at(item.target.span), { what: name }));
        judgedTwice.add(n);
        if (!item.value) {
          const parts = nodeParts(n);
          if (parts.length === 0)
            diags.push(
              diagnostic("judge-target", at(item.target.span), {
                path: name,
                detail: { zh: "其下没有酌情评分项", en: "nothing under it is judged" },
              }),
            );
          for (const p of parts) {
            const b = judgedBounds(p, model);
            if (b) judgements.set(p, fullJudgement(b));
          }
          break;
        }
        const v = number(item.value);
        if (!v) break;
        const reason = item.reason?.value;
        let bounds: Envelope | undefined;
        const implicit = n.kind === "indicator" ? implicitPart(n) : undefined;
        const ownRule = implicit && judgedBounds(implicit, model) ? implicit : n.kind === "part" ? n : undefined;
        if (ownRule) {
          bounds = judgedBounds(ownRule, model);
          if (!bounds) {
            diags.push(
              diagnostic("judge-target", at(item.target.span), {
                path: name,
                detail: {
                  zh: "该项按规则计算，不是酌情评分（要替换计算结果请用 改判）",
                  en: "its rule is computed, not judged (use override to replace a computed score)",
                },
              }),
            );
            break;
          }
          judgements.set(ownRule, { value: v, ...(reason ? { reason } : {}) });
          verdictJudged.push({ part: ownRule, value: v, name, span: item.value.span });
        } else if (n.kind === "indicator" && (bounds = wholeBounds(n, model))) {
          wholeJudgements.set(n, { value: v, ...(reason ? { reason } : {}) });
        } else {
          diags.push(
            diagnostic("judge-target", at(item.target.span), {
              path: name,
              detail:
                n.kind === "group"
                  ? {
                      zh: "分组不能整体评定，请评定其下的指标或得分项",
                      en: "a group is not judged; judge its indicators or parts",
                    }
                  : {
                      zh: "只有部分得分项为酌情评分，请分别评定这些得分项",
                      en: "only some of its parts are judged: judge those parts",
                    },
            }),
          );
          break;
        }
        if (!within(v, bounds)) {
          const args = { path: name, value: v.toString(), bounds: boundsText(bounds) };
          diags.push(
            bounds.deduction
              ? diagnostic("deduction-out-of-bounds", at(item.value.span), args)
              : diagnostic("value-out-of-bounds", at(item.value.span), args),
          );
        } else if (bounds.deduction ? v.sign() > 0 && !reason?.trim() : v.lt(bounds.hi) && !reason?.trim()) {
          diags.push(
            bounds.deduction
              ? diagnostic("deduction-without-reason", at(item.span), { path: name, value: v.toString() })
              : diagnostic("judged-without-reason", at(item.span), {
                  path: name,
                  value: v.toString(),
                  max: bounds.hi.toString(),
                }),
          );
        }
        break;
      }
      case "Override": {
        const n = node(item.target, true);
        if (!n) break;
        const name = n.path.join(".");
        if (n.kind !== "indicator") {
          diags.push(
            diagnostic("judge-target", at(item.target.span), {
              path: name,
              detail: { zh: "改判只适用于指标", en: "override applies to an indicator" },
            }),
          );
          break;
        }
        const v = number(item.value);
        if (!v) break;
        if (overrides.has(n)) diags.push(diagnostic("duplicate-example-entry", at(item.target.span), { what: name }));
        if (v.sign() < 0 || v.gt(n.points)) {
          diags.push(
            diagnostic("value-out-of-bounds", at(item.value.span), {
              path: name,
              value: v.toString(),
              bounds: `[0, ${n.points.toString()}]`,
            }),
          );
        }
        const reason = item.reason?.value.trim() ?? "";
        if (!reason) diags.push(diagnostic("override-without-reason", at(item.span), { path: name }));
        overrides.set(n, { value: v, reason });
        break;
      }
      case "ExpectError": {
        const kind = errorKindOf(item.errorKind.text);
        if (!kind) {
          diags.push(
            diagnostic("expect-error-kind", at(item.errorKind.span), {
              kind: item.errorKind.text,
              kinds: ERROR_KINDS.map((k) => `${k.kind} / ${k.zh}`).join(", "),
            }),
          );
          break;
        }
        const segs = item.target.segments.map((s) => s.text);
        const input =
          segs.length === 1
            ? (model.inputs.get(segs[0] ?? "") ?? [...model.inputs.values()].find((i) => i.alias === segs[0]))
            : undefined;
        // Not an input: it must name an indicator (the same resolution, and messages, as any path).
        if (!input && !node(item.target)) break;
        expectedErrors.push({ kind, target: input ? input.name : pathText(segs), span: item.span });
        break;
      }
      case "Expect": {
        const t = item.target;
        if (t.kind === "grade") {
          const g =
            item.value.kind === "Ref"
              ? item.value.name.text
              : item.value.kind === "String"
                ? item.value.value
                : undefined;
          if (g === undefined || !model.grades.some((x) => x.name === g)) {
            const s = g
              ? suggest(
                  g,
                  model.grades.map((x) => x.name),
                )
              : undefined;
            diags.push(
              diagnostic("unknown-name", at(item.value.span), {
                name: g ?? "?",
                kind: "grade",
                ...(s ? { suggestion: s } : {}),
              }),
            );
            break;
          }
          expectations.push({ kind: "grade", value: g, span: item.span });
          break;
        }
        const v = number(item.value);
        if (!v) break;
        if (t.kind === "total") {
          expectations.push({ kind: "total", value: v, span: item.span });
          break;
        }
        if (t.kind !== "path") break;
        const n = node(t.path);
        if (n) expectations.push({ kind: "node", node: n, value: v, span: item.span });
        break;
      }
    }
  }

  for (const [name, value] of inputs) {
    const input = model.inputs.get(name);
    const g = givenAt.get(name);
    if (!input || !g) continue;
    const bad = violatedFieldConstraint(input, value) ?? violatedConstraint(input, value, inputs, model);
    const expected = bad ? expectedErrors.find((x) => x.kind === "out-of-range" && targets(x, [name])) : undefined;
    if (expected) raisedBeforeScoring.add(expected);
    else if (bad)
      diags.push(
        diagnostic("given-constraint", at(g.value.span), {
          input: "field" in bad ? bad.field : name,
          value: bad.value,
          constraint: bad.constraint,
        }),
      );
  }

  diags.push(...peerConstraintDiagnostics(model, peerRows, peerAt, file));

  for (const j of verdictJudged) {
    const on = verdictOnInput(j.part, model);
    const given = on ? inputs.get(on.input) : undefined;
    const b = on && given?.k === "enum" ? on.bounds(given.v) : undefined;
    const envelope = judgedBounds(j.part, model);
    // A value outside every interval is reported once, above.
    if (b && given?.k === "enum" && envelope && within(j.value, envelope) && !within(j.value, b)) {
      diags.push(
        diagnostic("verdict-out-of-bounds", at(j.span), {
          path: j.name,
          value: j.value.toString(),
          verdict: given.v,
          bounds: boundsText(b),
        }),
      );
    }
  }

  if (restFull) {
    for (const n of walkTree(model.groups)) {
      if (n.kind !== "part" || judgements.has(n)) continue;
      const b = judgedBounds(n, model);
      if (!b) continue;
      const owner = [...walkTree(model.groups)].find(
        (x): x is IndicatorNode => x.kind === "indicator" && x.parts.includes(n),
      );
      if (owner && wholeJudgements.has(owner)) continue;
      judgements.set(n, fullJudgement(b));
    }
  }

  return {
    ...base,
    rubric,
    scoring: {
      inputs,
      judgements,
      wholeJudgements,
      overrides,
      // The example's own department is one of the peers; without `given peer` there are none to compare with.
      ...(peerRows.length > 0 ? { peers: peerStatsOf(rubric, [inputs, ...peerRows]) } : {}),
    },
    expectations,
    expectedErrors,
    raisedBeforeScoring,
  };
}
