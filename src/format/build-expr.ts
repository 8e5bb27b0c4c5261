/**
 * Syntax-tree expressions → formatter nodes, with the spelling of every
 * keyword and operator and the source parentheses (the syntax tree folds
 * `(e)` into `e`, widening its span over the parentheses).
 */
import type * as A from "../compiler/syntax/ast.js";
import type * as F from "./tree.js";
import { tokenEnd, type Source } from "./source.js";

export function nameNode(n: A.Name, src: Source): F.NameNode {
  return { type: "Name", start: n.span.start, end: n.span.end, text: src.slice(n.span.start, n.span.end) };
}

export function strNode(s: A.StringLit, src: Source): F.StrNode {
  return { type: "Str", start: s.span.start, end: s.span.end, text: src.slice(s.span.start, s.span.end) };
}

/** A number and its unit, digits as written: `311.63万元`, `95%`, `2分`, `20 pts`. */
export function numNode(n: { span: A.Span }, src: Source): F.NumNode {
  return { type: "Num", start: n.span.start, end: n.span.end, text: joined(src, n.span.start, n.span.end) };
}

/** Tokens as one word; an English unit keeps a space after its number (`20 pts`, but `20分`, `95%`). */
function joined(src: Source, start: number, end: number): string {
  return src
    .within(start, end)
    .map((t, i, all) =>
      i > 0 && all[i - 1]?.tokenType.name === "NumberLiteral" && /^[A-Za-z]/.test(t.image) ? ` ${t.image}` : t.image,
    )
    .join("");
}

const PARENS = new Set(["LParen"]);

/** The source parentheses around `e`, if any, and the span inside them. */
function parensOf(e: A.Expr, src: Source): { parens?: F.Parens; inner: A.Span } {
  const s = e.span;
  const childStart =
    e.kind === "Binary"
      ? e.left.span.start
      : e.kind === "Index" || e.kind === "Member"
        ? e.object.span.start
        : undefined;
  const first = src.next(s.start);
  const wrapped =
    childStart !== undefined ? s.start < childStart : first.startOffset === s.start && PARENS.has(first.tokenType.name);
  if (!wrapped) return { inner: s };
  const close = src.prev(s.end);
  return {
    parens: { open: first.image, close: close.image },
    inner: { start: tokenEnd(first), end: close.startOffset },
  };
}

/** The first comma (or semicolon) between consecutive items, as written; `fallback` if none. */
export function separator(src: Source, items: readonly { span: A.Span }[], fallback: string): string {
  for (let i = 1; i < items.length; i++) {
    const t = src.find(
      (items[i - 1] as { span: A.Span }).span.end,
      (items[i] as { span: A.Span }).span.start,
      "Comma",
      "Semicolon",
    );
    if (t) return t.image;
  }
  return fallback;
}

const PREC: Record<A.BinaryOp, number> = {
  or: 1,
  and: 2,
  "=": 4,
  "!=": 4,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
};

export function intervalNode(iv: A.Interval, src: Source): F.IntervalNode {
  return {
    type: "Interval",
    start: iv.span.start,
    end: iv.span.end,
    open: src.at(iv.span.start).image,
    lo: exprNode(iv.lo, src),
    comma: src.next(iv.lo.span.end).image,
    hi: exprNode(iv.hi, src),
    close: src.prev(iv.span.end).image,
  };
}

export function exprNode(e: A.Expr, src: Source): F.ExprNode {
  const { parens, inner } = parensOf(e, src);
  const base = { start: e.span.start, end: e.span.end, ...(parens ? { parens } : {}) };
  const kw = (): string => src.at(inner.start).image;
  const after = (x: { span: A.Span }): string => src.next(x.span.end).image;
  switch (e.kind) {
    case "Number":
    case "String":
    case "Bool":
    case "Ref":
    case "Range":
    case "Date":
      return { type: "Atom", ...base, text: joined(src, inner.start, inner.end) };
    case "Peer": {
      // Issue 11, kind 7: `peers.max(X)` prints like a call of `peers.max`; `peers.count` as a word.
      if (!e.subject) return { type: "Atom", ...base, text: joined(src, inner.start, inner.end) };
      const calleeEnd = e.stat.span.end;
      const order = src
        .within(e.subject.span.end, inner.end)
        .find((t) => t.tokenType.name === "Desc" || t.tokenType.name === "Asc");
      const orderNode: F.ExprNode | undefined = order
        ? { type: "Atom", start: order.startOffset, end: order.startOffset + order.image.length, text: order.image }
        : undefined;
      return {
        type: "Call",
        ...base,
        callee: { type: "Name", start: inner.start, end: calleeEnd, text: joined(src, inner.start, calleeEnd) },
        open: src.next(calleeEnd).image,
        openAt: src.next(calleeEnd).startOffset,
        args: orderNode ? [exprNode(e.subject, src), orderNode] : [exprNode(e.subject, src)],
        comma: order ? (src.find(e.subject.span.end, order.startOffset, "Comma") ?? { image: "," }).image : ",",
        close: src.prev(inner.end).image,
      };
    }
    case "Call":
      return {
        type: "Call",
        ...base,
        callee: nameNode(e.callee, src),
        open: after(e.callee),
        openAt: src.next(e.callee.span.end).startOffset,
        args: e.args.map((a) => exprNode(a, src)),
        comma: separator(src, e.args, ","),
        close: src.prev(inner.end).image,
      };
    case "Index":
      return {
        type: "Index",
        ...base,
        object: exprNode(e.object, src),
        open: after(e.object),
        index: exprNode(e.index, src),
        close: src.prev(inner.end).image,
      };
    case "Member":
      return { type: "Member", ...base, object: exprNode(e.object, src), field: nameNode(e.field, src) };
    case "Unary":
      return { type: "Unary", ...base, op: kw(), word: e.op === "not", operand: exprNode(e.operand, src) };
    case "Binary":
      return {
        type: "Binary",
        ...base,
        op: src.slice(e.opSpan.start, e.opSpan.end),
        prec: PREC[e.op],
        left: exprNode(e.left, src),
        right: exprNode(e.right, src),
      };
    case "If":
      return {
        type: "If",
        ...base,
        ifKw: kw(),
        cond: exprNode(e.cond, src),
        thenKw: after(e.cond),
        thenAt: src.next(e.cond.span.end).startOffset,
        then: exprNode(e.then, src),
        elseKw: after(e.then),
        elseAt: src.next(e.then.span.end).startOffset,
        else: exprNode(e.else, src),
      };
    case "Each":
      return {
        type: "Each",
        ...base,
        kw: kw(),
        variable: nameNode(e.variable, src),
        inKw: after(e.variable),
        iterable: exprNode(e.iterable, src),
        colon: after(e.iterable),
        body: exprNode(e.body, src),
      };
    case "Array":
      return {
        type: "Array",
        ...base,
        open: kw(),
        openAt: inner.start,
        elements: e.elements.map((x) => exprNode(x, src)),
        comma: separator(src, e.elements, ","),
        close: src.prev(inner.end).image,
      };
    case "Record": {
      const fields = e.fields.map((f) => ({ span: { start: f.name.span.start, end: f.value.span.end }, f }));
      return {
        type: "Record",
        ...base,
        openAt: inner.start,
        sep: separator(src, fields, ";"),
        fields: fields.map(({ span, f }) => ({
          type: "Field",
          start: span.start,
          end: span.end,
          name: nameNode(f.name, src),
          colon: after(f.name),
          value: exprNode(f.value, src),
        })),
      };
    }
    case "Judged":
      if (e.verdict) return judgedBy(e, e.verdict, base, kw(), src);
      if (e.deduction) return judgedDeduct(e, e.deduction.when, base, src);
      return {
        type: "Judged",
        ...base,
        kw: kw(),
        ...(e.bounds
          ? { inKw: src.next(tokenEnd(src.at(inner.start))).image, bounds: intervalNode(e.bounds, src) }
          : {}),
      };
    case "Bands":
      return {
        type: "Bands",
        ...base,
        kw: kw(),
        subject: exprNode(e.subject, src),
        openAt: src.next(e.subject.span.end).startOffset,
        sep: separator(src, e.arms, ";"),
        arms: e.arms.map((a) => bandArm(a, src)),
      };
    case "Tiers":
      return {
        type: "Tiers",
        ...base,
        kw: kw(),
        subject: exprNode(e.subject, src),
        ...(e.scale ? { scaleKw: src.prev(e.scale.span.start).image, scale: nameNode(e.scale, src) } : {}),
        openAt: src.next(e.subject.span.end).startOffset,
        sep: separator(src, e.arms, ";"),
        arms: e.arms.map((a) => tierArm(a, src)),
      };
    case "Achievement":
      return phrase(e, inner, [e.actual, e.target, e.zero === "full" ? undefined : e.zero], base, src);
    case "DeductPer":
      if (e.cap) return phrase(e, inner, [e.amount, e.count, e.cap], base, src);
      return {
        type: "Deduct",
        ...base,
        kw: kw(),
        amount: exprNode(e.amount, src),
        perKw: after(e.amount),
        per: exprNode(e.count, src),
      };
    case "DeductBeyond":
      if (e.mode || e.cap || e.subjectFirst || e.direction === "off")
        return phrase(e, inner, [e.amount, e.step, e.subject, e.threshold, e.cap], base, src);
      return {
        type: "Deduct",
        ...base,
        kw: kw(),
        amount: exprNode(e.amount, src),
        perKw: after(e.amount),
        per: exprNode(e.step, src),
        ofKw: after(e.step),
        subject: exprNode(e.subject, src),
        dirKw: after(e.subject),
        threshold: exprNode(e.threshold, src),
      };
    case "Error":
      throw new Error("internal: cannot format a document with syntax errors");
  }
}

function bandArm(a: A.BandArm, src: Source): F.BandArmNode {
  const base = { type: "BandArm" as const, start: a.span.start, end: a.span.end, value: exprNode(a.value, src) };
  const first = src.at(a.span.start);
  switch (a.cond.kind) {
    case "compare":
      return {
        ...base,
        op: first.image,
        bound: exprNode(a.cond.value, src),
        arrow: src.next(a.cond.value.span.end).image,
      };
    case "interval":
      return { ...base, interval: intervalNode(a.cond.interval, src), arrow: src.next(a.cond.interval.span.end).image };
    case "otherwise":
      return { ...base, op: first.image, arrow: src.next(tokenEnd(first)).image };
  }
}

function judgedBy(
  e: A.JudgedExpr,
  v: NonNullable<A.JudgedExpr["verdict"]>,
  base: { start: number; end: number },
  kw: string,
  src: Source,
): F.JudgedByNode {
  return {
    type: "JudgedBy",
    ...base,
    kw,
    byKw: src.prev(v.subject.span.start).image,
    subject: exprNode(v.subject, src),
    arms: v.arms.map((a) => scaleArm(a, src)),
    sep: separator(src, v.arms, ";"),
    openAt: v.scale ? -1 : src.next(v.subject.span.end).startOffset,
    ...(v.scale ? { scaleKw: src.prev(v.scale.span.start).image, scale: nameNode(v.scale, src) } : {}),
  };
}

function judgedDeduct(
  e: A.JudgedExpr,
  when: A.Expr,
  base: { start: number; end: number },
  src: Source,
): F.JudgedDeductNode {
  const bounds = e.bounds as A.Interval;
  const words = src.within(base.start, bounds.span.start).map((t) => t.image);
  const inWord = words.length > 1 && src.prev(bounds.span.start).tokenType.name === "In" ? words.pop() : undefined;
  return {
    type: "JudgedDeduct",
    ...base,
    kw: words.join(" "),
    ...(inWord ? { inKw: inWord } : {}),
    bounds: intervalNode(bounds, src),
    whenKw: src.next(bounds.span.end).image,
    when: exprNode(when, src),
  };
}

export function scaleArm(a: A.ScaleArm, src: Source): F.ScaleArmNode {
  const head = a.member ? { member: nameNode(a.member, src) } : { otherwiseKw: src.at(a.span.start).image };
  const headEnd = a.member ? a.member.span.end : tokenEnd(src.at(a.span.start));
  return {
    type: "ScaleArm",
    start: a.span.start,
    end: a.span.end,
    ...head,
    arrow: src.next(headEnd).image,
    ...(a.interval ? { interval: intervalNode(a.interval, src) } : {}),
    ...(a.value ? { value: exprNode(a.value, src) } : {}),
  };
}

function tierArm(a: A.TierArm, src: Source): F.TierArmNode {
  const base = { type: "TierArm" as const, start: a.span.start, end: a.span.end, value: exprNode(a.value, src) };
  if (a.member) return { ...base, member: nameNode(a.member, src), arrow: src.next(a.member.span.end).image };
  const first = src.at(a.span.start);
  return { ...base, otherwiseKw: first.image, arrow: src.next(tokenEnd(first)).image };
}

/** The tokens of `inner` outside its operands become words; operands stay nodes, all in source order. */
export function phrase(
  e: unknown,
  inner: A.Span,
  operands: readonly (A.Expr | undefined)[],
  base: { start: number; end: number; parens?: F.Parens },
  src: Source,
): F.PhraseNode {
  const ops = operands.filter((x): x is A.Expr => x !== undefined).sort((a, b) => a.span.start - b.span.start);
  const pieces: (string | number)[] = [];
  const args: F.ExprNode[] = [];
  let at = inner.start;
  for (const op of ops) {
    for (const t of src.within(at, op.span.start)) pieces.push(t.image);
    pieces.push(args.length);
    args.push(exprNode(op, src));
    at = op.span.end;
  }
  for (const t of src.within(at, inner.end)) pieces.push(t.image);
  void e;
  return { type: "Phrase", ...base, pieces, args };
}
