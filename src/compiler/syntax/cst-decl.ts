/**
 * Declarations from the CST: inputs, lets, rules, grades, scales, groups, indicators and what an
 * indicator holds.
 */
import type { CstNode } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, firstChild, has, ident, pointsLit, span, stringLit, sub, subs, tok, tokSpan } from "./cst-util.js";
import { expr, interval, operand, scaleArm } from "./cst-expr.js";

export function ruleDecl(n: CstNode): A.RuleDecl {
  const s = span(n);
  const body = sub(n, "expr");
  return {
    kind: "Rule",
    name: ident(sub(n, "ident"), s),
    params: subs(n, "ruleParam").map((p) => {
      const ps = span(p);
      const pt = sub(p, "paramType");
      const t = pt ? sub(pt, "type") : undefined;
      const type: A.TypeExpr = t
        ? typeExpr(t)
        : pt && has(pt, "bareMoney")
          ? { kind: "Money", unit: "元", span: span(pt) }
          : { kind: "Prim", prim: "number", span: ps };
      return { name: ident(sub(p, "ident"), ps), type, span: ps };
    }),
    body: body ? expr(body) : errorExpr(s),
    span: s,
  };
}

export function meta(n: CstNode): A.MetaDecl {
  const s = span(n);
  const key = has(n, "Year") ? "year" : has(n, "Locality") ? "locality" : has(n, "Source") ? "source" : "total";
  const p = sub(n, "primary");
  return { kind: "Meta", key, value: p ? operand(p) : errorExpr(s), span: s };
}

export function rounding(n: CstNode): A.RoundingDecl {
  const s = span(n);
  const target = has(n, "Part") ? "part" : has(n, "Total") ? "total" : "indicator";
  const digits = Number(tok(n, "NumberLiteral")?.image ?? "2");
  const m = sub(n, "roundingMode");
  const mode: A.RoundingMode = !m
    ? "half-up"
    : has(m, "HalfEven")
      ? "half-even"
      : has(m, "Down")
        ? "down"
        : has(m, "Up")
          ? "up"
          : "half-up";
  return { kind: "Rounding", target, digits, mode, span: s };
}

export function grades(n: CstNode): A.GradesDecl {
  return {
    kind: "Grades",
    arms: subs(n, "gradeArm").map((a) => {
      const s = span(a);
      const name = ident(sub(a, "ident"), s);
      if (has(a, "Otherwise")) return { name, span: s };
      const th = sub(a, "additive");
      return {
        name,
        op: has(a, "Greater") ? (">" as const) : (">=" as const),
        threshold: th ? expr(th) : errorExpr(s),
        span: s,
      };
    }),
    span: span(n),
  };
}

// ---- issue 11, kind 4: grade caps ----
export function gradeCap(n: CstNode): A.GradeCapDecl {
  const s = span(n);
  const c = sub(n, "expr");
  const r = tok(n, "StringLiteral");
  return {
    kind: "GradeCap",
    grade: ident(sub(n, "ident"), s),
    cond: c ? expr(c) : errorExpr(s),
    ...(r ? { reason: stringLit(r) } : {}),
    span: s,
  };
}
// ---- end kind 4 ----

export function enumDecl(n: CstNode): A.EnumDecl {
  const s = span(n);
  return {
    kind: "Enum",
    name: ident(sub(n, "ident"), s),
    members: subs(n, "member").map((m) => ident(m, s)),
    span: s,
  };
}

export function inputDecl(n: CstNode): A.InputDecl {
  const s = span(n);
  const alias = tok(n, "alias");
  const t = sub(n, "type");
  return {
    kind: "Input",
    name: ident(sub(n, "ident"), s),
    ...(alias ? { alias: { text: alias.image, span: tokSpan(alias) } } : {}),
    type: t ? typeExpr(t) : { kind: "Prim", prim: "number", span: s },
    constraints: subs(n, "constraint").map(constraint),
    span: s,
  };
}

export function typeExpr(n: CstNode): A.TypeExpr {
  const s = span(n);
  let base: A.TypeExpr;
  if (has(n, "Money")) base = { kind: "Money", unit: has(n, "WanYuan") ? "万元" : "元", span: s };
  else if (has(n, "Ratio")) base = { kind: "Prim", prim: "ratio", span: s };
  else if (has(n, "Count")) base = { kind: "Prim", prim: "count", span: s };
  else if (has(n, "Points")) base = { kind: "Prim", prim: "points", span: s };
  else if (has(n, "Number")) base = { kind: "Prim", prim: "number", span: s };
  else if (has(n, "Bool")) base = { kind: "Prim", prim: "bool", span: s };
  else if (has(n, "Text")) base = { kind: "Prim", prim: "text", span: s };
  else if (has(n, "Date")) base = { kind: "Prim", prim: "date", span: s };
  else if (has(n, "Target")) {
    const inner = sub(n, "pairOf");
    base = { kind: "Pair", element: inner ? typeExpr(inner) : { kind: "Prim", prim: "number", span: s }, span: s };
  } else if (has(n, "List")) {
    const r = sub(n, "recordType");
    const names = r ? subs(r, "ident") : [];
    const types = r ? subs(r, "type") : [];
    const cs = r ? subs(r, "fieldConstraint") : [];
    const at = (x: CstNode): number => x.location?.startOffset ?? 0;
    base = {
      kind: "List",
      fields: names.map((f, i) => {
        const ft = types[i];
        // A field's constraints stand between its name and the next field's.
        const next = names[i + 1];
        const own = cs.filter((c) => at(c) > at(f) && (!next || at(c) < at(next)));
        return {
          name: ident(f, s),
          type: ft ? typeExpr(ft) : { kind: "Prim", prim: "number", span: s },
          constraints: own.map(constraint),
        };
      }),
      span: s,
    };
  } else {
    const id = tok(n, "Identifier") ?? tok(n, "enumName");
    base = { kind: "Named", name: id ? { text: id.image, span: tokSpan(id) } : { text: "", span: s }, span: s };
  }
  const len = tok(n, "length");
  if (len) return { kind: "Array", element: base, length: Number(len.image), span: s };
  return base;
}

function constraint(n: CstNode): A.Constraint {
  const s = span(n);
  const iv = sub(n, "interval");
  if (has(n, "In") || iv) return { kind: "in", interval: interval(iv, s), span: s };
  const op = has(n, "GreaterEq")
    ? ">="
    : has(n, "Greater")
      ? ">"
      : has(n, "LessEq")
        ? "<="
        : has(n, "Less")
          ? "<"
          : "=";
  const b = sub(n, "additive");
  return { kind: "compare", op, bound: b ? expr(b) : errorExpr(s), span: s };
}

export function letDecl(n: CstNode): A.LetDecl {
  const s = span(n);
  const e = sub(n, "expr");
  return { kind: "Let", name: ident(sub(n, "ident"), s), value: e ? expr(e) : errorExpr(s), span: s };
}

export function note(n: CstNode): A.NoteDecl {
  const s = span(n);
  const t = tok(n, "StringLiteral");
  return {
    kind: "Note",
    which: has(n, "Standard") ? "standard" : "note",
    text: t ? stringLit(t) : { value: "", span: s },
    span: s,
  };
}

export function titleOf(n: CstNode): { title?: A.StringLit } {
  const t = tok(n, "title");
  return t ? { title: stringLit(t) } : {};
}

export function group(n: CstNode): A.GroupDecl {
  const s = span(n);
  const children: (A.GroupDecl | A.IndicatorDecl)[] = [
    ...subs(n, "group").map(group),
    ...subs(n, "indicator").map(indicator),
  ].sort((a, b) => a.span.start - b.span.start);
  return {
    kind: "Group",
    name: ident(sub(n, "ident"), s),
    ...titleOf(n),
    points: pointsLit(sub(n, "pointsLit"), s),
    notes: subs(n, "note").map(note),
    children,
    ...(has(n, "Slot") ? { slot: true } : {}),
    ...(sub(n, "scaledFrom") ? { scaledFrom: pointsLit(sub(n, "scaledFrom"), s) } : {}),
    span: s,
  };
}

export function indicator(n: CstNode): A.IndicatorDecl {
  const s = span(n);
  return {
    kind: "Indicator",
    name: ident(sub(n, "ident"), s),
    ...titleOf(n),
    points: pointsLit(sub(n, "pointsLit"), s),
    items: subs(n, "indicatorItem").flatMap(indicatorItem),
    span: s,
  };
}

export function indicatorItem(n: CstNode): A.IndicatorItem[] {
  const [key, c] = firstChild(n);
  if (!c) return [];
  const s = span(c);
  switch (key) {
    case "note":
      return [note(c)];
    case "letDecl":
      return [letDecl(c)];
    case "part": {
      const item = sub(c, "checklistItem");
      return item ? [partDecl(item, s)] : [];
    }
    case "score": {
      const e = sub(c, "expr");
      return [{ kind: "Score", rule: e ? expr(e) : errorExpr(s), span: s }];
    }
    case "checklist":
      return [{ kind: "Checklist", items: subs(c, "checklistItem").map((i) => partDecl(i, span(i))), span: s }];
    case "condition": {
      const e = sub(c, "expr");
      return [{ kind: has(c, "Veto") ? "Veto" : "Exempt", cond: e ? expr(e) : errorExpr(s), span: s }];
    }
    case "adjustment": {
      const e = sub(c, "expr");
      const which = has(c, "Bonus") ? "bonus" : "penalty";
      return [
        { kind: "Adjust", which, cap: pointsLit(sub(c, "pointsLit"), s), rule: e ? expr(e) : errorExpr(s), span: s },
      ];
    }
    case "notApplicable": {
      const e = sub(c, "expr");
      return [
        {
          kind: "NotApplicable",
          cond: e ? expr(e) : errorExpr(s),
          mode: has(c, "Points") || has(c, "ByPoints") ? "points" : "equal",
          targets: subs(c, "target").map((t) => ident(t, s)),
          span: s,
        },
      ];
    }
    default:
      return [];
  }
}

function partDecl(n: CstNode, s: A.Span): A.PartDecl {
  const e = sub(n, "expr");
  return {
    kind: "Part",
    name: ident(sub(n, "ident"), s),
    ...titleOf(n),
    points: pointsLit(sub(n, "pointsLit"), s),
    ...(e ? { rule: expr(e) } : has(n, "Equals") ? { rule: errorExpr(s) } : {}),
    span: s,
  };
}

export function path(n: CstNode | undefined, fallback: A.Span): A.Path {
  if (!n) return { segments: [], span: fallback };
  const s = span(n, fallback);
  return { segments: subs(n, "ident").map((i) => ident(i, s)), span: s };
}

export function scaleDecl(n: CstNode): A.ScaleDecl {
  const s = span(n);
  return { kind: "Scale", name: ident(sub(n, "ident"), s), arms: subs(n, "scaleArm").map(scaleArm), span: s };
}
