/**
 * Semantic actions: turns chevrotain's concrete syntax tree into the AST of
 * `ast.ts`. The CST may be partial after error recovery, so every accessor
 * tolerates missing children and yields `Error` nodes or empty names.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";

type Ctx = Record<string, (CstNode | IToken)[] | undefined>;

function isToken(x: CstNode | IToken | undefined): x is IToken {
  return x !== undefined && (x as IToken).image !== undefined;
}
function tok(n: CstNode, key: string, i = 0): IToken | undefined {
  const x = (n.children as Ctx)[key]?.[i];
  return isToken(x) && !x.isInsertedInRecovery ? x : undefined;
}
function toks(n: CstNode, key: string): IToken[] {
  return ((n.children as Ctx)[key] ?? []).filter((x): x is IToken => isToken(x) && !x.isInsertedInRecovery);
}
function sub(n: CstNode, key: string, i = 0): CstNode | undefined {
  const x = (n.children as Ctx)[key]?.[i];
  return x && !isToken(x) ? x : undefined;
}
function subs(n: CstNode, key: string): CstNode[] {
  return ((n.children as Ctx)[key] ?? []).filter((x): x is CstNode => !isToken(x));
}
function has(n: CstNode, key: string): boolean {
  return ((n.children as Ctx)[key]?.length ?? 0) > 0;
}

function tokSpan(t: IToken): A.Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}
function span(n: CstNode | undefined, fallback: A.Span = { start: 0, end: 0 }): A.Span {
  const l = n?.location;
  if (!l || Number.isNaN(l.startOffset)) return fallback;
  const end = l.endOffset === undefined || Number.isNaN(l.endOffset) ? l.startOffset : l.endOffset;
  return { start: l.startOffset, end: end + 1 };
}

/** Decodes a string token's text: `"…"` with escapes, or `“…”` verbatim. */
export function decodeString(image: string): string {
  if (image.startsWith("“")) return image.slice(1, -1);
  const body = image.slice(1, -1);
  return body.replace(/\\([\s\S])/g, (_, c: string) => {
    switch (c) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      default:
        return c;
    }
  });
}

function stringLit(t: IToken): A.StringLit {
  return { value: decodeString(t.image), span: tokSpan(t) };
}

function ident(n: CstNode | undefined, fallback: A.Span): A.Name {
  if (!n) return { text: "", span: fallback };
  const id = tok(n, "Word") ?? tok(n, "Name") ?? tok(n, "Identifier");
  if (id) return { text: id.image, span: tokSpan(id) };
  const s = tok(n, "StringLiteral");
  if (s) return { text: decodeString(s.image), span: tokSpan(s) };
  return { text: "", span: span(n, fallback) };
}

function numberFromTok(t: IToken | undefined, fallback: A.Span): A.NumberExpr {
  if (!t) return { kind: "Number", digits: "0", span: fallback };
  return { kind: "Number", digits: t.image, span: tokSpan(t) };
}

function pointsLit(n: CstNode | undefined, fallback: A.Span): A.NumberExpr {
  if (!n) return { kind: "Number", digits: "0", span: fallback };
  const t = tok(n, "NumberLiteral");
  return { kind: "Number", digits: t?.image ?? "0", span: span(n, fallback) };
}

function errorExpr(s: A.Span): A.ErrorExpr {
  return { kind: "Error", span: s };
}

export function fileToAst(cst: CstNode): A.FileNode {
  const items: (A.RubricDecl | A.ExampleDecl)[] = [];
  for (const r of subs(cst, "rubric")) items.push(rubric(r));
  for (const e of subs(cst, "example")) items.push(example(e));
  items.sort((a, b) => a.span.start - b.span.start);
  return { kind: "File", items, span: span(cst) };
}

function rubricRef(n: CstNode | undefined, fallback: A.Span): A.RubricRef {
  const s = span(n, fallback);
  const year = n ? tok(n, "NumberLiteral") : undefined;
  return {
    name: ident(n ? sub(n, "ident") : undefined, s),
    ...(year ? { year: numberFromTok(year, s) } : {}),
    span: s,
  };
}

function rubric(n: CstNode): A.RubricDecl {
  const s = span(n);
  const head = rubricRef(sub(n, "rubricRef"), s);
  const baseNode = sub(n, "base");
  return {
    kind: "Rubric",
    name: head.name,
    ...(head.year ? { year: head.year } : {}),
    ...(baseNode ? { base: rubricRef(baseNode, s) } : {}),
    items: subs(n, "rubricItem").flatMap((i) => rubricItem(i)),
    span: s,
  };
}

function rubricItem(n: CstNode): A.RubricItem[] {
  const [key, child] = firstChild(n);
  if (!child) return [];
  switch (key) {
    case "meta":
      return [meta(child)];
    case "rounding":
      return [rounding(child)];
    case "grades":
      return [grades(child)];
    case "enumDecl":
      return [enumDecl(child)];
    case "scaleDecl":
      return [scaleDecl(child)];
    case "inputDecl":
      return [inputDecl(child)];
    case "letDecl":
      return [letDecl(child)];
    case "group":
      return [group(child)];
    case "indicator":
      return [indicator(child)];
    case "reweight":
      return [reweight(child)];
    case "replace":
      return [replace(child)];
    case "add":
      return [add(child)];
    case "remove":
      return [{ kind: "Remove", target: path(sub(child, "path"), span(child)), span: span(child) }];
    case "reword":
      return [reword(child)];
    case "rename":
      return [
        {
          kind: "Rename",
          target: path(sub(child, "path"), span(child)),
          to: ident(sub(child, "ident"), span(child)),
          span: span(child),
        },
      ];
    case "example":
      return [example(child)];
    case "ruleDecl":
      return [ruleDecl(child)];
    case "note":
      return [note(child)];
    default:
      return [];
  }
}

function ruleDecl(n: CstNode): A.RuleDecl {
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

function firstChild(n: CstNode): [string, CstNode | undefined] {
  for (const [k, v] of Object.entries(n.children)) {
    const c = v?.[0];
    if (c && !isToken(c)) return [k, c];
  }
  return ["", undefined];
}

function meta(n: CstNode): A.MetaDecl {
  const s = span(n);
  const key = has(n, "Year") ? "year" : has(n, "Locality") ? "locality" : has(n, "Source") ? "source" : "total";
  const p = sub(n, "primary");
  return { kind: "Meta", key, value: p ? primary(p) : errorExpr(s), span: s };
}

function rounding(n: CstNode): A.RoundingDecl {
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

function grades(n: CstNode): A.GradesDecl {
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
        threshold: th ? additive(th) : errorExpr(s),
        span: s,
      };
    }),
    span: span(n),
  };
}

function enumDecl(n: CstNode): A.EnumDecl {
  const s = span(n);
  return {
    kind: "Enum",
    name: ident(sub(n, "ident"), s),
    members: subs(n, "member").map((m) => ident(m, s)),
    span: s,
  };
}

function inputDecl(n: CstNode): A.InputDecl {
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

function typeExpr(n: CstNode): A.TypeExpr {
  const s = span(n);
  let base: A.TypeExpr;
  if (has(n, "Money")) base = { kind: "Money", unit: has(n, "WanYuan") ? "万元" : "元", span: s };
  else if (has(n, "Ratio")) base = { kind: "Prim", prim: "ratio", span: s };
  else if (has(n, "Count")) base = { kind: "Prim", prim: "count", span: s };
  else if (has(n, "Points")) base = { kind: "Prim", prim: "points", span: s };
  else if (has(n, "Number")) base = { kind: "Prim", prim: "number", span: s };
  else if (has(n, "Bool")) base = { kind: "Prim", prim: "bool", span: s };
  else if (has(n, "Text")) base = { kind: "Prim", prim: "text", span: s };
  else if (has(n, "Target")) {
    const inner = sub(n, "pairOf");
    base = { kind: "Pair", element: inner ? typeExpr(inner) : { kind: "Prim", prim: "number", span: s }, span: s };
  } else if (has(n, "List")) {
    const r = sub(n, "recordType");
    const names = r ? subs(r, "ident") : [];
    const types = r ? subs(r, "type") : [];
    base = {
      kind: "List",
      fields: names.map((f, i) => {
        const ft = types[i];
        return { name: ident(f, s), type: ft ? typeExpr(ft) : { kind: "Prim", prim: "number", span: s } };
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
  return { kind: "compare", op, bound: b ? additive(b) : errorExpr(s), span: s };
}

function interval(n: CstNode | undefined, fallback: A.Span): A.Interval {
  if (!n) return { loClosed: true, lo: errorExpr(fallback), hi: errorExpr(fallback), hiClosed: true, span: fallback };
  const s = span(n, fallback);
  const open = tok(n, "open");
  const close = tok(n, "close");
  const lo = sub(n, "lo");
  const hi = sub(n, "hi");
  return {
    loClosed: open ? open.tokenType.name === "LBracket" : true,
    lo: lo ? additive(lo) : errorExpr(s),
    hi: hi ? additive(hi) : errorExpr(s),
    hiClosed: close ? close.tokenType.name === "RBracket" : true,
    span: s,
  };
}

function letDecl(n: CstNode): A.LetDecl {
  const s = span(n);
  const e = sub(n, "expr");
  return { kind: "Let", name: ident(sub(n, "ident"), s), value: e ? expr(e) : errorExpr(s), span: s };
}

function note(n: CstNode): A.NoteDecl {
  const s = span(n);
  const t = tok(n, "StringLiteral");
  return {
    kind: "Note",
    which: has(n, "Standard") ? "standard" : "note",
    text: t ? stringLit(t) : { value: "", span: s },
    span: s,
  };
}

function titleOf(n: CstNode): { title?: A.StringLit } {
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

function indicatorItem(n: CstNode): A.IndicatorItem[] {
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

function path(n: CstNode | undefined, fallback: A.Span): A.Path {
  if (!n) return { segments: [], span: fallback };
  const s = span(n, fallback);
  return { segments: subs(n, "ident").map((i) => ident(i, s)), span: s };
}

function reweightEntries(block: CstNode | undefined): A.ReweightEntry[] {
  if (!block) return [];
  return subs(block, "reweightEntry").map((e) => {
    const s = span(e);
    const p = sub(e, "pointsLit");
    return {
      name: ident(sub(e, "ident"), s),
      ...(p ? { points: pointsLit(p, s) } : {}),
      children: reweightEntries(sub(e, "reweightBlock")),
      span: s,
    };
  });
}

function reweight(n: CstNode): A.ReweightDecl {
  const s = span(n);
  const p = sub(n, "pointsLit");
  return {
    kind: "Reweight",
    target: path(sub(n, "path"), s),
    ...(p ? { points: pointsLit(p, s) } : {}),
    entries: reweightEntries(sub(n, "reweightBlock")),
    span: s,
  };
}

function replace(n: CstNode): A.ReplaceDecl {
  const s = span(n);
  const p = sub(n, "pointsLit");
  const items: (A.IndicatorItem | A.GroupDecl | A.IndicatorDecl)[] = [
    ...subs(n, "indicatorItem").flatMap(indicatorItem),
    ...subs(n, "group").map(group),
    ...subs(n, "indicator").map(indicator),
  ].sort((a, b) => a.span.start - b.span.start);
  return {
    kind: "Replace",
    target: path(sub(n, "path"), s),
    ...(p ? { points: pointsLit(p, s) } : {}),
    items,
    span: s,
  };
}

function add(n: CstNode): A.AddDecl {
  const s = span(n);
  const g = sub(n, "group");
  const i = sub(n, "indicator");
  const decl: A.GroupDecl | A.IndicatorDecl = g
    ? group(g)
    : i
      ? indicator(i)
      : { kind: "Indicator", name: { text: "", span: s }, points: pointsLit(undefined, s), items: [], span: s };
  return { kind: "Add", parent: path(sub(n, "path"), s), decl, span: s };
}

function reword(n: CstNode): A.RewordDecl {
  const s = span(n);
  return { kind: "Reword", target: path(sub(n, "path"), s), ...titleOf(n), notes: subs(n, "note").map(note), span: s };
}

export function example(n: CstNode): A.ExampleDecl {
  const s = span(n);
  const t = tok(n, "title");
  const ref = sub(n, "rubricRef");
  return {
    kind: "Example",
    title: t
      ? t.tokenType.name === "StringLiteral"
        ? stringLit(t)
        : { value: t.image, span: tokSpan(t) }
      : { value: "", span: s },
    ...(ref ? { target: rubricRef(ref, s) } : {}),
    items: subs(n, "exampleItem").flatMap(exampleItem),
    span: s,
  };
}

function because(n: CstNode): { reason?: A.StringLit } {
  const b = sub(n, "because");
  const t = b ? tok(b, "StringLiteral") : undefined;
  return t ? { reason: stringLit(t) } : {};
}

function exampleItem(n: CstNode): A.ExampleItem[] {
  const [key, c] = firstChild(n);
  if (!c) return [];
  const s = span(c);
  switch (key) {
    case "meta":
      return [meta(c)];
    case "given": {
      const entries = subs(c, "givenEntry").map((g) => {
        const gs = span(g);
        const e = sub(g, "expr");
        return { name: ident(sub(g, "ident"), gs), value: e ? expr(e) : errorExpr(gs), span: gs };
      });
      return [{ kind: "Given", entries, span: s }];
    }
    case "judge": {
      const p = sub(c, "path");
      const v = sub(c, "additive");
      return [
        {
          kind: "Judge",
          ...(p ? { target: path(p, s) } : {}),
          ...(v ? { value: additive(v) } : {}),
          ...because(c),
          span: s,
        },
      ];
    }
    case "override": {
      const v = sub(c, "additive");
      return [
        {
          kind: "Override",
          target: path(sub(c, "path"), s),
          value: v ? additive(v) : errorExpr(s),
          ...because(c),
          span: s,
        },
      ];
    }
    case "expect": {
      const ee = sub(c, "expectError");
      if (ee) {
        const es = span(ee);
        const k = sub(ee, "errorKind");
        const words = k ? toks(k, "word") : [];
        const first = words[0];
        const last = words[words.length - 1];
        const errorKind: A.Name =
          first && last
            ? {
                text: words.map((w) => w.image).join("-"),
                span: { start: tokSpan(first).start, end: tokSpan(last).end },
              }
            : { text: "", span: es };
        return [{ kind: "ExpectError", errorKind, target: path(sub(ee, "path"), es), span: s }];
      }
      const v = sub(c, "additive");
      const total = tok(c, "Total");
      const grade = tok(c, "Grades");
      const target: A.ExampleItem & { kind: "Expect" } extends { target: infer T } ? T : never = total
        ? { kind: "total", span: tokSpan(total) }
        : grade
          ? { kind: "grade", span: tokSpan(grade) }
          : { kind: "path", path: path(sub(c, "path"), s) };
      return [{ kind: "Expect", target, value: v ? additive(v) : errorExpr(s), span: s }];
    }
    default:
      return [];
  }
}

// ---- expressions ----

export function expr(n: CstNode): A.Expr {
  const [key, c] = firstChild(n);
  if (!c) return errorExpr(span(n));
  switch (key) {
    case "ifExpr": {
      const s = span(c);
      const get = (label: string): A.Expr => {
        const x = sub(c, label);
        return x ? expr(x) : errorExpr(s);
      };
      return { kind: "If", cond: get("cond"), then: get("then"), else: get("else"), span: s };
    }
    case "eachExpr": {
      const s = span(c);
      const id = tok(c, "Name");
      const it = sub(c, "iterable");
      const body = sub(c, "body");
      return {
        kind: "Each",
        variable: id ? { text: id.image, span: tokSpan(id) } : { text: "", span: s },
        iterable: it ? orExpr(it) : errorExpr(s),
        body: body ? expr(body) : errorExpr(s),
        span: s,
      };
    }
    default:
      return orExpr(c);
  }
}

function binaryChain(n: CstNode, operand: (c: CstNode) => A.Expr, opOf: (t: IToken) => A.BinaryOp): A.Expr {
  const operands = subs(n, "operand");
  const ops = toks(n, "op");
  const first = operands[0];
  let left: A.Expr = first ? operand(first) : errorExpr(span(n));
  for (let i = 1; i < operands.length; i++) {
    const o = operands[i];
    const t = ops[i - 1];
    if (!o || !t) break;
    const right = operand(o);
    left = {
      kind: "Binary",
      op: opOf(t),
      opSpan: tokSpan(t),
      left,
      right,
      span: { start: left.span.start, end: right.span.end },
    };
  }
  return left;
}

function orExpr(n: CstNode): A.Expr {
  return binaryChain(n, andExpr, () => "or");
}
function andExpr(n: CstNode): A.Expr {
  return binaryChain(n, notExpr, () => "and");
}
function notExpr(n: CstNode): A.Expr {
  const inner = sub(n, "notExpr");
  if (has(n, "Not")) {
    const s = span(n);
    return { kind: "Unary", op: "not", operand: inner ? notExpr(inner) : errorExpr(s), span: s };
  }
  const c = sub(n, "comparison");
  return c ? comparison(c) : errorExpr(span(n));
}

const COMPARE: Record<string, A.CompareOp> = {
  EqEq: "=",
  Equals: "=",
  NotEq: "!=",
  LessEq: "<=",
  Less: "<",
  GreaterEq: ">=",
  Greater: ">",
};

function compareOp(n: CstNode | undefined): { op: A.CompareOp; span: A.Span } {
  const t = n ? Object.values(n.children).flat().find(isToken) : undefined;
  return { op: (t && COMPARE[t.tokenType.name]) ?? "=", span: t ? tokSpan(t) : span(n) };
}

function comparison(n: CstNode): A.Expr {
  const operands = subs(n, "operand");
  const first = operands[0];
  const left = first ? additive(first) : errorExpr(span(n));
  const second = operands[1];
  if (!second) return left;
  const { op, span: opSpan } = compareOp(sub(n, "compareOp"));
  const right = additive(second);
  return { kind: "Binary", op, opSpan, left, right, span: { start: left.span.start, end: right.span.end } };
}

export function additive(n: CstNode): A.Expr {
  return binaryChain(n, multiplicative, (t) => (t.tokenType.name === "Plus" ? "+" : "-"));
}
function multiplicative(n: CstNode): A.Expr {
  return binaryChain(n, unary, (t) => (t.tokenType.name === "Star" ? "*" : "/"));
}
function unary(n: CstNode): A.Expr {
  const inner = sub(n, "unary");
  if (has(n, "Minus")) {
    const s = span(n);
    return { kind: "Unary", op: "-", operand: inner ? unary(inner) : errorExpr(s), span: s };
  }
  const p = sub(n, "postfix");
  return p ? postfix(p) : errorExpr(span(n));
}

function postfix(n: CstNode): A.Expr {
  const p = sub(n, "primary");
  let e: A.Expr = p ? primary(p) : errorExpr(span(n));
  // Index and field accesses, in source order.
  const steps: { start: number; apply: (o: A.Expr) => A.Expr }[] = [];
  for (const ix of subs(n, "index")) {
    const close = toks(n, "RBracket").find((t) => t.startOffset > (ix.location?.startOffset ?? 0));
    steps.push({
      start: ix.location?.startOffset ?? 0,
      apply: (o) => ({
        kind: "Index",
        object: o,
        index: expr(ix),
        // After error recovery the index may have no location: never end before the object does.
        span: { start: o.span.start, end: close ? close.startOffset + 1 : Math.max(o.span.end, span(ix).end) },
      }),
    });
  }
  for (const f of subs(n, "field")) {
    steps.push({
      start: f.location?.startOffset ?? 0,
      apply: (o) => {
        const field = ident(f, span(f));
        // `x.` with the field lost to error recovery has no field location: end with the object.
        return {
          kind: "Member",
          object: o,
          field,
          span: { start: o.span.start, end: Math.max(o.span.end, field.span.end) },
        };
      },
    });
  }
  steps.sort((a, b) => a.start - b.start);
  for (const st of steps) e = st.apply(e);
  return e;
}

function primary(n: CstNode): A.Expr {
  const s = span(n);
  const num = sub(n, "numberLit");
  if (num) return numberLit(num);
  const str = tok(n, "StringLiteral");
  if (str) return { kind: "String", value: decodeString(str.image), span: s };
  if (has(n, "True")) return { kind: "Bool", value: true, span: s };
  if (has(n, "False")) return { kind: "Bool", value: false, span: s };
  const kw = tok(n, "keywordRef");
  if (kw) return { kind: "Ref", name: { text: kw.image, span: tokSpan(kw) }, span: s };
  const cr = sub(n, "callOrRef");
  if (cr) {
    const callee = tok(cr, "callee");
    const name: A.Name = callee ? { text: callee.image, span: tokSpan(callee) } : { text: "", span: s };
    if (has(cr, "LParen")) return { kind: "Call", callee: name, args: subs(cr, "arg").map(expr), span: span(cr) };
    return { kind: "Ref", name, span: name.span };
  }
  const inner = sub(n, "expr");
  if (inner) return { ...expr(inner), span: s };
  const arr = sub(n, "arrayLit");
  if (arr) return { kind: "Array", elements: subs(arr, "element").map(expr), span: s };
  const rec = sub(n, "recordLit");
  if (rec) {
    const names = subs(rec, "field");
    const values = subs(rec, "value");
    return {
      kind: "Record",
      fields: names.map((f, i) => {
        const v = values[i];
        return { name: ident(f, s), value: v ? expr(v) : errorExpr(s) };
      }),
      span: s,
    };
  }
  const j = sub(n, "judged");
  if (j) {
    const iv = sub(j, "interval");
    const v = sub(j, "verdict");
    return {
      kind: "Judged",
      ...(iv ? { bounds: interval(iv, s) } : {}),
      ...(v ? { verdict: verdict(v) } : {}),
      span: s,
    };
  }
  const jd = sub(n, "judgedDeduct");
  if (jd) {
    const c = sub(jd, "cond");
    return {
      kind: "Judged",
      bounds: interval(sub(jd, "interval"), s),
      deduction: { when: c ? expr(c) : errorExpr(s) },
      span: s,
    };
  }
  const b = sub(n, "bands");
  if (b) return bands(b);
  const t = sub(n, "tiers");
  if (t) return tiers(t);
  const d = sub(n, "deduct");
  if (d) return deduct(d);
  const ach = sub(n, "achievement");
  if (ach) return achievement(ach);
  const m = tok(n, "mode");
  // A rounding mode as an argument (`round(x, 2, half-even)`) is carried as its canonical name.
  if (m) return { kind: "String", value: m.tokenType.name === "HalfEven" ? "half-even" : "half-up", span: s };
  return errorExpr(s);
}

function numberLit(n: CstNode): A.Expr {
  const s = span(n);
  const t = tok(n, "NumberLiteral");
  const end = tok(n, "rangeEnd");
  if (end) {
    return {
      kind: "Range",
      from: numberFromTok(t, s),
      to: numberFromTok(end, s),
      span: s,
    };
  }
  const u = tok(n, "unit");
  const unit: A.Unit | undefined = !u
    ? undefined
    : u.tokenType.name === "Percent"
      ? "percent"
      : u.tokenType.name === "Yuan"
        ? "元"
        : u.tokenType.name === "WanYuan"
          ? "万元"
          : "分";
  return { kind: "Number", digits: t?.image ?? "0", ...(unit ? { unit } : {}), span: s };
}

function bands(n: CstNode): A.BandsExpr {
  const s = span(n);
  const subj = sub(n, "subject");
  return {
    kind: "Bands",
    subject: subj ? additive(subj) : errorExpr(s),
    arms: subs(n, "bandArm").map((a) => {
      const as = span(a);
      const v = sub(a, "value");
      const value = v ? expr(v) : errorExpr(as);
      const iv = sub(a, "interval");
      if (iv) return { cond: { kind: "interval", interval: interval(iv, as) }, value, span: as };
      if (has(a, "Otherwise")) return { cond: { kind: "otherwise" }, value, span: as };
      const bound = sub(a, "bound");
      return {
        cond: {
          kind: "compare",
          op: compareOp(sub(a, "compareOp")).op,
          value: bound ? additive(bound) : errorExpr(as),
        },
        value,
        span: as,
      };
    }),
    span: s,
  };
}

function scaleArm(a: CstNode): A.ScaleArm {
  const as = span(a);
  const m = sub(a, "member");
  const iv = sub(a, "interval");
  const v = sub(a, "value");
  return {
    ...(m ? { member: ident(m, as) } : {}),
    ...(iv ? { interval: interval(iv, as) } : {}),
    ...(v ? { value: additive(v) } : {}),
    span: as,
  };
}

function scaleName(n: CstNode): A.Name | undefined {
  const r = sub(n, "scaleRef");
  return r ? ident(sub(r, "ident"), span(r)) : undefined;
}

function verdict(n: CstNode): NonNullable<A.JudgedExpr["verdict"]> {
  const subj = sub(n, "subject");
  const scale = scaleName(n);
  return {
    subject: subj ? additive(subj) : errorExpr(span(n)),
    arms: subs(n, "scaleArm").map(scaleArm),
    ...(scale ? { scale } : {}),
  };
}

function scaleDecl(n: CstNode): A.ScaleDecl {
  const s = span(n);
  return { kind: "Scale", name: ident(sub(n, "ident"), s), arms: subs(n, "scaleArm").map(scaleArm), span: s };
}

function tiers(n: CstNode): A.TiersExpr {
  const s = span(n);
  const subj = sub(n, "subject");
  const scale = scaleName(n);
  return {
    kind: "Tiers",
    ...(scale ? { scale } : {}),
    subject: subj ? additive(subj) : errorExpr(s),
    arms: subs(n, "tierArm").map((a) => {
      const as = span(a);
      const v = sub(a, "value");
      const m = sub(a, "member");
      return { ...(m ? { member: ident(m, as) } : {}), value: v ? expr(v) : errorExpr(as), span: as };
    }),
    span: s,
  };
}

function deduct(n: CstNode): A.Expr {
  const s = span(n);
  const mul = (x: CstNode | undefined): A.Expr => (x ? multiplicative(x) : errorExpr(s));
  const step = sub(n, "deductStep");
  const subj = sub(n, "deductSubject");
  const capNode = sub(n, "cap");
  const cap = capNode ? { cap: multiplicative(capNode) } : {};
  const modeTok = step ? tok(step, "mode") : undefined;
  const mode: A.StepMode | undefined = !modeTok
    ? undefined
    : modeTok.tokenType.name === "Whole"
      ? "whole"
      : modeTok.tokenType.name === "Started"
        ? "started"
        : "proportional";
  const amount = mul(sub(n, "amount"));
  const per = mul(step ? sub(step, "per") : undefined);
  if (subj || mode) {
    const dir = subj ? tok(subj, "direction") : undefined;
    return {
      kind: "DeductBeyond",
      amount,
      step: per,
      subject: mul(subj ? sub(subj, "subject") : undefined),
      direction: dir?.tokenType.name === "Under" ? "under" : dir?.tokenType.name === "Off" ? "off" : "over",
      threshold: mul(subj ? sub(subj, "threshold") : undefined),
      ...(mode ? { mode } : {}),
      ...cap,
      ...(subj && step && subj.location && step.location && subj.location.startOffset < step.location.startOffset
        ? { subjectFirst: true }
        : {}),
      span: s,
    };
  }
  return { kind: "DeductPer", amount, count: per, ...cap, span: s };
}

function achievement(n: CstNode): A.AchievementExpr {
  const s = span(n);
  const a = sub(n, "actual");
  const t = sub(n, "target");
  const z = sub(n, "zero");
  const zf = tok(n, "zeroFull");
  const zero = zf ? { zero: "full" as const } : z ? { zero: multiplicative(z) } : {};
  return {
    kind: "Achievement",
    actual: a ? multiplicative(a) : errorExpr(s),
    ...(t ? { target: multiplicative(t) } : {}),
    direction: tok(n, "direction")?.tokenType.name === "LowerBetter" ? "lower" : "higher",
    ...zero,
    span: s,
  };
}
