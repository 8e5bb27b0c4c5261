/**
 * Semantic actions: turns chevrotain's concrete syntax tree into the AST of `ast.ts` — the file,
 * rubrics, derived-rubric changes and examples here; declarations in cst-decl.ts, expressions in
 * cst-expr.ts. The CST may be partial after error recovery, so every accessor tolerates missing
 * children and yields `Error` nodes or empty names.
 */
import type { CstNode } from "chevrotain";
import type * as A from "./ast.js";
import {
  errorExpr,
  firstChild,
  ident,
  numberFromTok,
  pointsLit,
  span,
  stringLit,
  sub,
  subs,
  tok,
  toks,
  tokSpan,
} from "./cst-util.js";
import { expr } from "./cst-expr.js";
import {
  enumDecl,
  grades,
  gradeCap,
  group,
  indicator,
  indicatorItem,
  inputDecl,
  letDecl,
  meta,
  note,
  path,
  rounding,
  ruleDecl,
  scaleDecl,
  titleOf,
} from "./cst-decl.js";

export { decodeString } from "./cst-util.js";
export { group, indicator } from "./cst-decl.js";

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
    case "gradeCap":
      return [gradeCap(child)];
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
      return [{ kind: "Given", entries, ...(tok(c, "Peers") ? { peer: true as const } : {}), span: s }];
    }
    case "judge": {
      const p = sub(c, "path");
      const v = sub(c, "additive");
      return [
        {
          kind: "Judge",
          ...(p ? { target: path(p, s) } : {}),
          ...(v ? { value: expr(v) } : {}),
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
          value: v ? expr(v) : errorExpr(s),
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
      return [{ kind: "Expect", target, value: v ? expr(v) : errorExpr(s), span: s }];
    }
    default:
      return [];
  }
}
