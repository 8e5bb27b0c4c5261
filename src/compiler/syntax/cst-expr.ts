/**
 * Expressions from the CST: `expr` nodes hold their operands and binary operators flat, and the
 * tree is built here by precedence (precedence.ts), so that the AST is the one a rule per
 * precedence level would give — same nesting, same spans.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { binaryLevel, LEVEL } from "./precedence.js";
import {
  decodeString,
  errorExpr,
  has,
  ident,
  isToken,
  numberFromTok,
  span,
  sub,
  subs,
  tok,
  toks,
  tokSpan,
} from "./cst-util.js";
import { peerExpr } from "./cst-peer.js";

export function expr(n: CstNode): A.Expr {
  const i = sub(n, "ifExpr");
  if (i) {
    const s = span(i);
    const get = (label: string): A.Expr => {
      const x = sub(i, label);
      return x ? expr(x) : errorExpr(s);
    };
    return { kind: "If", cond: get("cond"), then: get("then"), else: get("else"), span: s };
  }
  const each = sub(n, "eachExpr");
  if (each) {
    const s = span(each);
    const id = tok(each, "Name");
    const it = sub(each, "iterable");
    const body = sub(each, "body");
    return {
      kind: "Each",
      variable: id ? { text: id.image, span: tokSpan(id) } : { text: "", span: s },
      iterable: it ? expr(it) : errorExpr(s),
      body: body ? expr(body) : errorExpr(s),
      span: s,
    };
  }
  return operatorChain(n);
}

const COMPARE: Readonly<Record<string, A.CompareOp>> = {
  EqEq: "=",
  Equals: "=",
  NotEq: "!=",
  LessEq: "<=",
  Less: "<",
  GreaterEq: ">=",
  Greater: ">",
};
const ARITHMETIC: Readonly<Record<string, A.BinaryOp>> = {
  Plus: "+",
  Minus: "-",
  Star: "*",
  Slash: "/",
  And: "and",
  Or: "or",
};

function binaryOp(t: IToken): A.BinaryOp {
  return COMPARE[t.tokenType.name] ?? ARITHMETIC[t.tokenType.name] ?? "=";
}

/** Precedence climbing over the flat operands and operators; all binary operators associate left. */
function operatorChain(n: CstNode): A.Expr {
  // Most expressions are one operand: no lists to build.
  const single = !has(n, "op") && n.children["operand"]?.length === 1 ? sub(n, "operand") : undefined;
  if (single && !has(single, "Not")) return operand(single);
  const operands = subs(n, "operand");
  const ops = toks(n, "op");
  const fallback = span(n);
  const only = operands[0];
  if (operands.length === 1 && only && !has(only, "Not")) return operand(only);
  let k = 0;
  const notsRead = operands.map(() => 0);
  const next = (): A.Expr => {
    const o = operands[k];
    if (!o) {
      k++;
      return errorExpr(fallback);
    }
    const read = notsRead[k] ?? 0;
    const not = toks(o, "Not")[read];
    if (not) {
      // `not` covers a comparison: `not a = b and c` is `(not (a = b)) and c`.
      notsRead[k] = read + 1;
      const inner = climb(LEVEL.compare);
      return { kind: "Unary", op: "not", operand: inner, span: { start: not.startOffset, end: inner.span.end } };
    }
    k++;
    return operand(o);
  };
  const climb = (min: number): A.Expr => {
    let left = next();
    for (;;) {
      const op = ops[k - 1];
      if (!op) return left;
      const level = binaryLevel(op.tokenType.name);
      if (level < min) return left;
      const right = climb(level + 1);
      left = {
        kind: "Binary",
        op: binaryOp(op),
        opSpan: tokSpan(op),
        left,
        right,
        span: { start: left.span.start, end: right.span.end },
      };
    }
  };
  return climb(LEVEL.or);
}

/** Prefix minus signs around a primary and its index and field accesses. */
export function operand(n: CstNode): A.Expr {
  let e = postfix(n, primary(n));
  if (!has(n, "Minus")) return e;
  const minus = toks(n, "Minus");
  for (let i = minus.length - 1; i >= 0; i--) {
    const m = minus[i] as IToken;
    e = { kind: "Unary", op: "-", operand: e, span: { start: m.startOffset, end: e.span.end } };
  }
  return e;
}

function postfix(n: CstNode, object: A.Expr): A.Expr {
  if (!has(n, "index") && !has(n, "field")) return object;
  const indexes = subs(n, "index");
  const fields = subs(n, "field");
  if (indexes.length === 0 && fields.length === 0) return object;
  let e = object;
  // Index and field accesses, in source order.
  const steps: { start: number; apply: (o: A.Expr) => A.Expr }[] = [];
  for (const ix of indexes) {
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
  for (const f of fields) {
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

/** The span from token `first` to the last of `rest` that is there. */
function tokensSpan(first: IToken, ...rest: (IToken | A.Span | undefined)[]): A.Span {
  let end = tokSpan(first).end;
  for (const r of rest) if (r) end = Math.max(end, isToken(r as IToken) ? tokSpan(r as IToken).end : (r as A.Span).end);
  return { start: first.startOffset, end };
}

/**
 * The primary of an operand, found by the key that names its form: an operand holds one form (one
 * alternative of the grammar's), so one pass over its keys replaces asking for every form in turn.
 */
function primary(n: CstNode): A.Expr {
  for (const key in n.children) {
    const e = primaryForm(n, key);
    if (e) return e;
  }
  return errorExpr(span(n));
}

/** The primary whose form `key` names, if `key` names one and its tokens are there. */
function primaryForm(n: CstNode, key: string): A.Expr | undefined {
  switch (key) {
    case "NumberLiteral": {
      const num = tok(n, key);
      return num && numberLit(n, num);
    }
    case "StringLiteral": {
      const str = tok(n, key);
      return str && { kind: "String", value: decodeString(str.image), span: tokSpan(str) };
    }
    case "DateLiteral": {
      const date = tok(n, key);
      return date && { kind: "Date", text: date.image, span: tokSpan(date) };
    }
    case "True":
    case "False": {
      const t = tok(n, key);
      return t && { kind: "Bool", value: key === "True", span: tokSpan(t) };
    }
    case "keywordRef": {
      const kw = tok(n, key);
      return kw && { kind: "Ref", name: { text: kw.image, span: tokSpan(kw) }, span: tokSpan(kw) };
    }
    case "callee": {
      const callee = tok(n, key);
      if (!callee) return undefined;
      const name: A.Name = { text: callee.image, span: tokSpan(callee) };
      const open = tok(n, "callOpen");
      if (!open) return { kind: "Ref", name, span: name.span };
      const args = subs(n, "arg").map(expr);
      const s = tokensSpan(callee, open, args[args.length - 1]?.span, tok(n, "callClose"));
      return { kind: "Call", callee: name, args, span: s };
    }
    case "inner": {
      const inner = sub(n, key);
      const lparen = tok(n, "LParen");
      if (!inner || !lparen) return undefined;
      const e = expr(inner);
      return { ...e, span: tokensSpan(lparen, e.span, tok(n, "RParen")) };
    }
    case "arrayLit": {
      const arr = sub(n, key);
      return arr && { kind: "Array", elements: subs(arr, "element").map(expr), span: span(arr) };
    }
    case "recordLit": {
      const rec = sub(n, key);
      if (!rec) return undefined;
      const s = span(rec);
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
    case "judged": {
      const j = sub(n, key);
      if (!j) return undefined;
      const s = span(j);
      const iv = sub(j, "interval");
      const v = sub(j, "verdict");
      return {
        kind: "Judged",
        ...(iv ? { bounds: interval(iv, s) } : {}),
        ...(v ? { verdict: verdict(v) } : {}),
        span: s,
      };
    }
    case "judgedDeduct": {
      const jd = sub(n, key);
      if (!jd) return undefined;
      const s = span(jd);
      const c = sub(jd, "cond");
      return {
        kind: "Judged",
        bounds: interval(sub(jd, "interval"), s),
        deduction: { when: c ? expr(c) : errorExpr(s) },
        span: s,
      };
    }
    case "bands": {
      const b = sub(n, key);
      return b && bands(b);
    }
    case "tiers": {
      const ts = sub(n, key);
      return ts && tiers(ts);
    }
    case "deduct": {
      const d = sub(n, key);
      return d && deduct(d);
    }
    case "achievement": {
      const ach = sub(n, key);
      return ach && achievement(ach);
    }
    case "peerStat": {
      const peer = sub(n, key);
      return peer && peerExpr(peer, expr);
    }
    case "mode": {
      const m = tok(n, key);
      // A rounding mode as an argument (`round(x, 2, half-even)`) is carried as its canonical name.
      return (
        m && { kind: "String", value: m.tokenType.name === "HalfEven" ? "half-even" : "half-up", span: tokSpan(m) }
      );
    }
    default:
      return undefined;
  }
}

function numberLit(n: CstNode, t: IToken): A.Expr {
  const end = tok(n, "rangeEnd");
  if (end) {
    const s = tokensSpan(t, end);
    return { kind: "Range", from: numberFromTok(t, s), to: numberFromTok(end, s), span: s };
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
  return { kind: "Number", digits: t.image, ...(unit ? { unit } : {}), span: tokensSpan(t, u) };
}

export function compareOp(n: CstNode | undefined): { op: A.CompareOp; span: A.Span } {
  let t: IToken | undefined;
  if (n)
    for (const key in n.children) {
      t = n.children[key]?.find(isToken);
      if (t) break;
    }
  return { op: (t && COMPARE[t.tokenType.name]) ?? "=", span: t ? tokSpan(t) : span(n) };
}

export function interval(n: CstNode | undefined, fallback: A.Span): A.Interval {
  if (!n) return { loClosed: true, lo: errorExpr(fallback), hi: errorExpr(fallback), hiClosed: true, span: fallback };
  const s = span(n, fallback);
  const open = tok(n, "open");
  const close = tok(n, "close");
  const lo = sub(n, "lo");
  const hi = sub(n, "hi");
  return {
    loClosed: open ? open.tokenType.name === "LBracket" : true,
    lo: lo ? expr(lo) : errorExpr(s),
    hi: hi ? expr(hi) : errorExpr(s),
    hiClosed: close ? close.tokenType.name === "RBracket" : true,
    span: s,
  };
}

// ---- rule forms ----

function bands(n: CstNode): A.BandsExpr {
  const s = span(n);
  const subj = sub(n, "subject");
  return {
    kind: "Bands",
    subject: subj ? expr(subj) : errorExpr(s),
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
          value: bound ? expr(bound) : errorExpr(as),
        },
        value,
        span: as,
      };
    }),
    span: s,
  };
}

export function scaleArm(a: CstNode): A.ScaleArm {
  const as = span(a);
  const m = sub(a, "member");
  const iv = sub(a, "interval");
  const v = sub(a, "value");
  return {
    ...(m ? { member: ident(m, as) } : {}),
    ...(iv ? { interval: interval(iv, as) } : {}),
    ...(v ? { value: expr(v) } : {}),
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
    subject: subj ? expr(subj) : errorExpr(span(n)),
    arms: subs(n, "scaleArm").map(scaleArm),
    ...(scale ? { scale } : {}),
  };
}

function tiers(n: CstNode): A.TiersExpr {
  const s = span(n);
  const subj = sub(n, "subject");
  const scale = scaleName(n);
  return {
    kind: "Tiers",
    ...(scale ? { scale } : {}),
    subject: subj ? expr(subj) : errorExpr(s),
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
  const mul = (x: CstNode | undefined): A.Expr => (x ? expr(x) : errorExpr(s));
  const step = sub(n, "deductStep");
  const subj = sub(n, "deductSubject");
  const capNode = sub(n, "cap");
  const cap = capNode ? { cap: expr(capNode) } : {};
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
  const zero = zf ? { zero: "full" as const } : z ? { zero: expr(z) } : {};
  return {
    kind: "Achievement",
    actual: a ? expr(a) : errorExpr(s),
    ...(t ? { target: expr(t) } : {}),
    direction: tok(n, "direction")?.tokenType.name === "LowerBetter" ? "lower" : "higher",
    ...zero,
    span: s,
  };
}
