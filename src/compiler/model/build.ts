/**
 * Syntax tree → rubric model: declarations collected, a base rubric copied
 * and the modifications (reweight, replace, add, remove, reword, rename)
 * applied in source order.
 */
import { W, ty } from "../diagnostics/words.js";
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { constDim, constValue, literalValue } from "./constants.js";
import { assignPaths, parentOf, pathText, resolvePath } from "./paths.js";
import { declareScales } from "./judged.js";
import { buildRule } from "./rules.js";
import { PAIR_ACTUAL, PAIR_TARGET } from "./types.js";
import type {
  AnyNode,
  EnumDef,
  GroupNode,
  IndicatorNode,
  InputDef,
  LetDef,
  Origin,
  PartNode,
  RubricModel,
  TreeNode,
  ValueType,
} from "./types.js";

export interface BuildResult {
  readonly model: RubricModel;
  /** Nodes whose points a `reweight` of this rubric set, with the reweight's location. */
  readonly reweighted: Map<AnyNode, Origin>;
}

export function points(n: A.NumberExpr, file: string, diags: Diagnostic[]): Exact {
  const v = Exact.parse(n.digits);
  if (!v || v.sign() < 0) {
    diags.push(diagnostic("invalid-points", { file, span: n.span }, { text: n.digits }));
    return Exact.ZERO;
  }
  return literalValue(n);
}

export function buildIndicator(d: A.IndicatorDecl, file: string, diags: Diagnostic[]): IndicatorNode {
  const node: IndicatorNode = {
    kind: "indicator",
    name: d.name.text,
    ...(d.title ? { title: d.title.value } : {}),
    points: points(d.points, file, diags),
    pointsDecl: d.points,
    lets: [],
    parts: [],
    exempt: [],
    veto: [],
    adjust: [],
    notApplicable: [],
    path: [],
    rulesFile: file,
    file,
    span: d.span,
  };
  fillIndicatorBody(node, d.items, file, diags);
  return node;
}

function fillIndicatorBody(
  node: IndicatorNode,
  items: readonly A.IndicatorItem[],
  file: string,
  diags: Diagnostic[],
): void {
  node.lets = [];
  node.parts = [];
  node.exempt = [];
  node.veto = [];
  node.adjust = [];
  node.notApplicable = [];
  node.rulesFile = file;
  let score: A.ScoreDecl | undefined;
  for (const it of items) {
    switch (it.kind) {
      case "Note":
        if (it.which === "note") node.note = it.text.value;
        else node.standard = it.text.value;
        break;
      case "Let":
        node.lets.push({ name: it.name.text, value: it.value, decl: it, file, span: it.span });
        break;
      case "Part":
        node.parts.push(partNode(it, file, diags));
        break;
      case "Checklist":
        for (const p of it.items) node.parts.push(partNode(p, file, diags));
        break;
      case "Score":
        score = it;
        break;
      case "Exempt":
        node.exempt.push({ cond: it.cond, file, span: it.span });
        break;
      case "Veto":
        node.veto.push({ cond: it.cond, file, span: it.span });
        break;
      case "NotApplicable":
        node.notApplicable.push({
          cond: it.cond,
          mode: it.mode,
          targets: it.targets.map((t) => t.text),
          decl: it,
          file,
          span: it.span,
        });
        break;
      case "Adjust":
        node.adjust.push({
          which: it.which,
          cap: points(it.cap, file, diags),
          rule: it.rule,
          decl: it,
          file,
          span: it.span,
        });
        break;
    }
  }
  if (score && node.parts.length > 0) {
    diags.push(diagnostic("score-and-parts", { file, span: score.span }, { indicator: node.name }));
  } else if (score) {
    node.parts.push({
      kind: "part",
      name: node.name,
      points: node.points,
      pointsDecl: node.pointsDecl,
      rule: score.rule,
      implicit: true,
      path: [],
      file,
      span: score.span,
    });
  } else if (node.parts.length === 0) {
    diags.push(diagnostic("missing-rule", { file, span: node.span }, { indicator: node.name }));
  }
}

function partNode(p: A.PartDecl, file: string, diags: Diagnostic[]): PartNode {
  return {
    kind: "part",
    name: p.name.text,
    ...(p.title ? { title: p.title.value } : {}),
    points: points(p.points, file, diags),
    pointsDecl: p.points,
    rule: p.rule ?? { kind: "Judged", span: p.span },
    implicit: false,
    path: [],
    file,
    span: p.span,
  };
}

export function buildGroup(d: A.GroupDecl, file: string, diags: Diagnostic[]): GroupNode {
  return {
    kind: "group",
    name: d.name.text,
    ...(d.title ? { title: d.title.value } : {}),
    points: points(d.points, file, diags),
    pointsDecl: d.points,
    notes: d.notes.map((n) => n.text.value),
    children: d.children.map((c) => (c.kind === "Group" ? buildGroup(c, file, diags) : buildIndicator(c, file, diags))),
    path: [],
    ...(d.slot ? { slot: true } : {}),
    ...(d.scaledFrom ? { scaledFrom: points(d.scaledFrom, file, diags), scaledFromDecl: d.scaledFrom } : {}),
    file,
    span: d.span,
  };
}

export function resolveType(
  t: A.TypeExpr,
  enums: ReadonlyMap<string, EnumDef>,
  file: string,
  diags: Diagnostic[],
): ValueType {
  switch (t.kind) {
    case "Money":
      return { kind: "num", dim: "money" };
    case "Prim":
      switch (t.prim) {
        case "bool":
          return { kind: "bool" };
        case "text":
          return { kind: "text" };
        case "number":
          return { kind: "num", dim: "plain" };
        default:
          return { kind: "num", dim: t.prim };
      }
    case "Named": {
      const e = enums.get(t.name.text);
      if (!e) {
        diags.push(
          diagnostic(
            "unknown-name",
            { file, span: t.name.span },
            { name: t.name.text, kind: "type", suggestion: suggestType(t.name.text, enums) },
          ),
        );
        return { kind: "error" };
      }
      return { kind: "enum", name: e.name, members: e.members };
    }
    case "Array":
      return { kind: "array", element: resolveType(t.element, enums, file, diags), length: t.length };
    case "Pair": {
      const el = resolveType(t.element, enums, file, diags);
      if (el.kind !== "num" && el.kind !== "error") {
        diags.push(
          diagnostic(
            "type-mismatch",
            { file, span: t.element.span },
            { expected: W.number, actual: ty(el), context: "target" },
          ),
        );
        return { kind: "error" };
      }
      return {
        kind: "record",
        fields: new Map([
          [PAIR_TARGET, el],
          [PAIR_ACTUAL, el],
        ]),
        pair: true,
      };
    }
    case "List": {
      const bounded = t.fields.filter((f) => f.constraints.length > 0);
      return {
        kind: "array",
        element: {
          kind: "record",
          fields: new Map(t.fields.map((f) => [f.name.text, resolveType(f.type, enums, file, diags)])),
          ...(bounded.length > 0
            ? {
                bounds: new Map(
                  bounded.map((f) => [
                    f.name.text,
                    {
                      constraints: f.constraints,
                      ...(f.type.kind === "Money" ? { moneyUnit: f.type.unit } : {}),
                    },
                  ]),
                ),
              }
            : {}),
        },
      };
    }
  }
}

function suggestType(name: string, enums: ReadonlyMap<string, EnumDef>): string | undefined {
  const builtins = [
    "money",
    "ratio",
    "percent",
    "count",
    "points",
    "number",
    "bool",
    "text",
    "金额",
    "比率",
    "计数",
    "分值",
    "数值",
    "布尔",
    "文本",
  ];
  const all = [...builtins, ...enums.keys()];
  return all.find((c) => c.toLowerCase() === name.toLowerCase()) ?? undefined;
}

function cloneTree(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.map((n) =>
    n.kind === "group"
      ? { ...n, notes: [...n.notes], children: cloneTree(n.children), path: [...n.path] }
      : {
          ...n,
          lets: [...n.lets],
          parts: n.parts.map((p) => ({ ...p, path: [...p.path] })),
          exempt: [...n.exempt],
          veto: [...n.veto],
          adjust: [...n.adjust],
          notApplicable: [...n.notApplicable],
          path: [...n.path],
        },
  );
}

export function buildRubric(
  decl: A.RubricDecl,
  file: string,
  base: RubricModel | undefined,
  diags: Diagnostic[],
): BuildResult {
  const year = decl.year ? Number(decl.year.digits) : undefined;
  const model: RubricModel = {
    name: decl.name.text,
    ...(year !== undefined ? { year } : {}),
    file,
    decl,
    ...(base ? { base } : {}),
    ...(base?.locality !== undefined ? { locality: base.locality } : {}),
    ...(base?.source !== undefined ? { source: base.source } : {}),
    ...(base?.total ? { total: base.total } : {}),
    rounding: { ...(base?.rounding ?? {}) },
    grades: [...(base?.grades ?? [])],
    gradeCaps: [...(base?.gradeCaps ?? [])],
    enums: new Map(base?.enums ?? []),
    scales: new Map(base?.scales ?? []),
    inputs: new Map(base?.inputs ?? []),
    lets: new Map(base?.lets ?? []),
    groups: base ? cloneTree(base.groups) : [],
    rules: new Map(base?.rules ?? []),
    ...(base?.note !== undefined ? { note: base.note } : {}),
    ...(base?.standard !== undefined ? { standard: base.standard } : {}),
  };
  const reweighted = new Map<AnyNode, Origin>();
  const seenMeta = new Set<string>();
  const own = (name: string, kind: string, span: A.Span, map: ReadonlyMap<string, Origin>): boolean => {
    const prev = map.get(name);
    if (prev && prev.file === file) {
      diags.push(
        diagnostic("duplicate-name", { file, span }, { name, kind }, [
          { file: prev.file, span: prev.span, message: { zh: "首次定义于此", en: "first defined here" } },
        ]),
      );
      return false;
    }
    if (prev) {
      diags.push(
        diagnostic("duplicate-name", { file, span }, { name, kind }, [
          {
            file: prev.file,
            span: prev.span,
            message: { zh: "基础评分表中已定义", en: "already defined in the base rubric" },
          },
        ]),
      );
      return false;
    }
    return true;
  };

  // Enums first: input types refer to them wherever they are declared.
  for (const it of decl.items) {
    if (it.kind !== "Enum") continue;
    if (!own(it.name.text, "enum", it.name.span, model.enums)) continue;
    const seen = new Set<string>();
    for (const m of it.members) {
      if (seen.has(m.text))
        diags.push(diagnostic("duplicate-name", { file, span: m.span }, { name: m.text, kind: "enum member" }));
      seen.add(m.text);
    }
    model.enums.set(it.name.text, { name: it.name.text, members: [...seen], decl: it, file, span: it.span });
  }

  declareScales(decl, model, file, own);

  for (const it of decl.items) {
    switch (it.kind) {
      case "Meta": {
        if (seenMeta.has(it.key)) diags.push(diagnostic("duplicate-meta", { file, span: it.span }, { key: it.key }));
        seenMeta.add(it.key);
        if (it.key === "locality" || it.key === "source") {
          if (it.value.kind === "String") model[it.key] = it.value.value;
          else
            diags.push(
              diagnostic(
                "type-mismatch",
                { file, span: it.value.span },
                { expected: W.text, actual: W.number, context: it.key },
              ),
            );
        } else if (it.key === "total") {
          const v = constValue(it.value);
          if (v) model.total = { value: v, origin: { file, span: it.span } };
          else
            diags.push(
              diagnostic(
                "type-mismatch",
                { file, span: it.value.span },
                { expected: W.number, actual: W.expression, context: W.total },
              ),
            );
        }
        break;
      }
      case "Rounding":
        if (!Number.isInteger(it.digits) || it.digits < 0 || it.digits > 12) {
          diags.push(
            diagnostic(
              "invalid-rounding",
              { file, span: it.span },
              { detail: { zh: "小数位数须为 0–12", en: "digits must be 0–12" } },
            ),
          );
        }
        model.rounding[it.target] = { digits: it.digits, mode: it.mode, file, span: it.span };
        break;
      case "Grades":
        model.grades = it.arms.map((a) => {
          const th = a.threshold ? constValue(a.threshold) : undefined;
          return {
            name: a.name.text,
            ...(th ? { threshold: th } : {}),
            ...(a.threshold ? { thresholdDim: constDim(a.threshold) } : {}),
            strict: a.op === ">",
            file,
            span: a.span,
          };
        });
        break;
      case "GradeCap":
        model.gradeCaps.push({
          grade: it.grade.text,
          cond: it.cond,
          ...(it.reason ? { reason: it.reason.value } : {}),
          decl: it,
          file,
          span: it.span,
        });
        break;
      case "Input": {
        if (!own(it.name.text, "input", it.name.span, model.inputs)) break;
        const type = resolveType(it.type, model.enums, file, diags);
        const moneyUnit = moneyUnitOf(it.type);
        const def: InputDef = {
          name: it.name.text,
          ...(it.alias ? { alias: it.alias.text } : {}),
          type,
          ...(moneyUnit ? { moneyUnit } : {}),
          decl: it,
          file,
          span: it.span,
        };
        model.inputs.set(def.name, def);
        break;
      }
      case "Let": {
        if (!own(it.name.text, "let", it.name.span, model.lets)) break;
        const def: LetDef = { name: it.name.text, value: it.value, decl: it, file, span: it.span };
        model.lets.set(def.name, def);
        break;
      }
      case "Rule":
        if (own(it.name.text, "rule", it.name.span, model.rules))
          model.rules.set(it.name.text, buildRule(it, model.enums, file, diags));
        break;
      case "Note":
        if (it.which === "note") model.note = it.text.value;
        else model.standard = it.text.value;
        break;
      case "Group":
        model.groups.push(buildGroup(it, file, diags));
        break;
      case "Indicator":
        model.groups.push(buildIndicator(it, file, diags));
        break;
      case "Reweight":
      case "Replace":
      case "Add":
      case "Remove":
      case "Reword":
      case "Rename":
        assignPaths(model.groups);
        if (!base) {
          diags.push(diagnostic("modification-without-base", { file, span: it.span }, { what: it.kind.toLowerCase() }));
          break;
        }
        applyModification(model, it, file, diags, reweighted);
        break;
      default:
        break;
    }
  }
  assignPaths(model.groups);
  return { model, reweighted };
}

function moneyUnitOf(t: A.TypeExpr): "元" | "万元" | undefined {
  if (t.kind === "Money") return t.unit;
  if (t.kind === "Array" || t.kind === "Pair") return moneyUnitOf(t.element);
  // A list's money fields share one unit (checks/record-fields.ts refuses a mix).
  if (t.kind === "List") for (const f of t.fields) if (f.type.kind === "Money") return f.type.unit;
  return undefined;
}

function target(
  model: RubricModel,
  path: A.Path,
  what: string,
  file: string,
  diags: Diagnostic[],
): AnyNode | undefined {
  const segs = path.segments.map((s) => s.text);
  const r = resolvePath(model.groups, segs);
  if (r.kind === "found") return r.node;
  if (r.kind === "ambiguous") {
    diags.push(
      diagnostic(
        "ambiguous-path",
        { file, span: path.span },
        { path: pathText(segs), candidates: r.candidates.join(", ") },
      ),
    );
  } else {
    diags.push(
      diagnostic(
        "unknown-name",
        { file, span: path.span },
        { name: pathText(segs), kind: "node", ...(r.suggestion ? { suggestion: r.suggestion } : {}) },
        [],
        r.suggestion ? { suggestion: r.suggestion } : undefined,
      ),
    );
  }
  void what;
  return undefined;
}

function applyModification(
  model: RubricModel,
  m: A.Modification,
  file: string,
  diags: Diagnostic[],
  reweighted: Map<AnyNode, Origin>,
): void {
  const origin: Origin = { file, span: m.span };
  switch (m.kind) {
    case "Reweight": {
      const node = target(model, m.target, "reweight", file, diags);
      if (!node) return;
      if (m.points) setPoints(node, points(m.points, file, diags), origin, reweighted);
      applyEntries(node, m.entries, file, diags, reweighted, origin);
      return;
    }
    case "Replace": {
      const node = target(model, m.target, "replace", file, diags);
      if (!node) return;
      if (node.kind === "part") {
        diags.push(
          diagnostic(
            "modification-target",
            { file, span: m.target.span },
            {
              what: "replace",
              detail: {
                zh: "得分项不能单独替换，请替换其所属指标",
                en: "a part cannot be replaced; replace its indicator",
              },
            },
          ),
        );
        return;
      }
      if (m.points) setPoints(node, points(m.points, file, diags), origin, reweighted);
      if (node.kind === "indicator") {
        const items = m.items.filter((i): i is A.IndicatorItem => i.kind !== "Group" && i.kind !== "Indicator");
        const keepNote = node.note;
        const keepStandard = node.standard;
        delete node.note;
        delete node.standard;
        fillIndicatorBody(node, items, file, diags);
        if (node.note === undefined && keepNote !== undefined) node.note = keepNote;
        if (node.standard === undefined && keepStandard !== undefined) node.standard = keepStandard;
        node.file = file;
        node.span = m.span;
      } else {
        node.children = m.items
          .filter((i): i is A.GroupDecl | A.IndicatorDecl => i.kind === "Group" || i.kind === "Indicator")
          .map((c) => (c.kind === "Group" ? buildGroup(c, file, diags) : buildIndicator(c, file, diags)));
        node.file = file;
        node.span = m.span;
      }
      return;
    }
    case "Add": {
      const parent = target(model, m.parent, "add", file, diags);
      if (!parent) return;
      if (parent.kind !== "group") {
        diags.push(
          diagnostic(
            "modification-target",
            { file, span: m.parent.span },
            {
              what: "add",
              detail: { zh: "新增的分组和指标只能放在分组之下", en: "new groups and indicators go under a group" },
            },
          ),
        );
        return;
      }
      const child = m.decl.kind === "Group" ? buildGroup(m.decl, file, diags) : buildIndicator(m.decl, file, diags);
      if (parent.children.some((c) => c.name === child.name)) {
        diags.push(diagnostic("duplicate-name", { file, span: m.decl.name.span }, { name: child.name, kind: "node" }));
        return;
      }
      parent.children.push(child);
      reweighted.set(parent, origin);
      return;
    }
    case "Remove": {
      const node = target(model, m.target, "remove", file, diags);
      if (!node) return;
      const parent = parentOf(model.groups, node);
      if (!parent) model.groups = model.groups.filter((g) => g !== node);
      else if (parent.kind === "group") parent.children = parent.children.filter((c) => c !== node);
      else parent.parts = parent.parts.filter((p) => p !== node);
      if (parent) reweighted.set(parent, origin);
      return;
    }
    case "Reword": {
      const node = target(model, m.target, "reword", file, diags);
      if (!node) return;
      const title = m.title?.value;
      if (title !== undefined) (node as { title?: string }).title = title;
      for (const n of m.notes) {
        if (node.kind === "indicator") {
          if (n.which === "note") node.note = n.text.value;
          else node.standard = n.text.value;
        } else if (node.kind === "group") {
          node.notes = [n.text.value];
        } else {
          diags.push(
            diagnostic(
              "modification-target",
              { file, span: n.span },
              { what: "reword", detail: { zh: "得分项没有说明或评分标准", en: "a part has no note or standard" } },
            ),
          );
        }
      }
      return;
    }
    case "Rename": {
      const node = target(model, m.target, "rename", file, diags);
      if (!node) return;
      if (node.kind === "part") {
        diags.push(
          diagnostic(
            "modification-target",
            { file, span: m.target.span },
            { what: "rename", detail: { zh: "得分项不能改名", en: "parts keep their names" } },
          ),
        );
        return;
      }
      const parent = parentOf(model.groups, node);
      const siblings: TreeNode[] = parent?.kind === "group" ? parent.children : model.groups;
      if (siblings.some((s) => s !== node && s.name === m.to.text)) {
        diags.push(diagnostic("duplicate-name", { file, span: m.to.span }, { name: m.to.text, kind: "node" }));
        return;
      }
      if (node.kind === "indicator") {
        for (const p of node.parts) if (p.implicit) (p as { name: string }).name = m.to.text;
      }
      node.name = m.to.text;
      return;
    }
  }
}

function setPoints(node: AnyNode, value: Exact, origin: Origin, reweighted: Map<AnyNode, Origin>): void {
  node.points = value;
  reweighted.set(node, origin);
  if (node.kind === "indicator") {
    for (const p of node.parts) if (p.implicit) p.points = value;
  }
}

function applyEntries(
  node: AnyNode,
  entries: readonly A.ReweightEntry[],
  file: string,
  diags: Diagnostic[],
  reweighted: Map<AnyNode, Origin>,
  origin: Origin,
): void {
  if (entries.length === 0) return;
  const children: AnyNode[] = node.kind === "group" ? node.children : node.kind === "indicator" ? node.parts : [];
  if (node.kind !== "part") reweighted.set(node, origin);
  for (const e of entries) {
    const child = children.find((c) => c.name === e.name.text);
    if (!child) {
      const names = children.map((c) => c.name);
      const s = names.find((n) => n.includes(e.name.text) || e.name.text.includes(n));
      diags.push(
        diagnostic(
          "unknown-name",
          { file, span: e.name.span },
          { name: e.name.text, kind: "node", ...(s ? { suggestion: s } : {}) },
          [],
          s ? { suggestion: s } : undefined,
        ),
      );
      continue;
    }
    if (e.points) setPoints(child, points(e.points, file, diags), { file, span: e.span }, reweighted);
    applyEntries(child, e.children, file, diags, reweighted, { file, span: e.span });
  }
}

export type { PartNode };
