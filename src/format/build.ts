/**
 * Syntax tree → formatter tree (see `tree.ts`) for files, rubrics, the
 * indicator tree, modifications and examples. Expressions: `build-expr.ts`.
 */
import type * as A from "../compiler/syntax/ast.js";
import type * as F from "./tree.js";
import { exprNode, intervalNode, nameNode, numNode, phrase, scaleArm, separator, strNode } from "./build-expr.js";
import { tokenEnd, type Source } from "./source.js";

const span = (x: { span: A.Span }): { start: number; end: number } => ({ start: x.span.start, end: x.span.end });
const byStart = (a: { span: A.Span }, b: { span: A.Span }): number => a.span.start - b.span.start;

/** A `{ … }` list the author may write on one line: kept expanded if written with a line break after `{`. */
function list(
  src: Source,
  open: number,
  items: readonly { span: A.Span }[],
  sep = ";",
): { openAt: number; expanded: boolean; sep: string } {
  const first = items[0];
  const expanded = first !== undefined && src.slice(open + 1, first.span.start).includes("\n");
  return { openAt: open, expanded, sep: separator(src, items, sep) };
}

/** A block that always prints one statement per line. */
function block(open: number): { openAt: number; expanded: boolean; sep: string } {
  return { openAt: open, expanded: true, sep: ";" };
}

export function fileNode(ast: A.FileNode, src: Source): F.FileNode {
  return { type: "File", start: 0, end: src.text.length, body: ast.items.map((i) => topItem(i, src)), ...block(-1) };
}

function topItem(i: A.RubricDecl | A.ExampleDecl, src: Source): F.StatementNode {
  return i.kind === "Rubric" ? rubric(i, src) : example(i, src);
}

function ref(r: A.RubricRef, src: Source): F.RefNode {
  return { type: "Ref", ...span(r), name: nameNode(r.name, src), ...(r.year ? { year: numNode(r.year, src) } : {}) };
}

const kwAt = (x: { span: A.Span }, src: Source): string => src.at(x.span.start).image;
const after = (x: { span: A.Span }, src: Source) => src.next(x.span.end);

function rubric(r: A.RubricDecl, src: Source): F.RubricNode {
  const head = r.base ?? r.year ?? r.name;
  return {
    type: "Rubric",
    ...span(r),
    kw: kwAt(r, src),
    name: nameNode(r.name, src),
    ...(r.year ? { year: numNode(r.year, src) } : {}),
    ...(r.base ? { extendsKw: src.prev(r.base.span.start).image, base: ref(r.base, src) } : {}),
    body: r.items.map((i) => rubricItem(i, src)),
    ...block(after(head, src).startOffset),
  };
}

function words(x: { span: A.Span }, src: Source): F.WordsNode {
  return { type: "Words", ...span(x), words: src.within(x.span.start, x.span.end).map((t) => t.image) };
}

function rubricItem(i: A.RubricItem, src: Source): F.StatementNode {
  switch (i.kind) {
    case "Meta":
      return { type: "Meta", ...span(i), kw: kwAt(i, src), value: exprNode(i.value, src) };
    case "Rounding":
      return words(i, src);
    case "Grades": {
      const open = tokenEnd(src.at(i.span.start));
      return {
        type: "Grades",
        ...span(i),
        kw: kwAt(i, src),
        openAt: src.next(open).startOffset,
        sep: separator(src, i.arms, ";"),
        arms: i.arms.map((a) => ({
          type: "GradeArm",
          ...span(a),
          name: nameNode(a.name, src),
          op: after(a.name, src).image,
          ...(a.threshold ? { threshold: exprNode(a.threshold, src) } : {}),
        })),
      };
    }
    case "GradeCap": // issue 11, kind 4: words and the condition, spellings kept
      return phrase(i, i.span, [i.cond], span(i), src);
    case "Enum":
      return {
        type: "Enum",
        ...span(i),
        kw: kwAt(i, src),
        name: nameNode(i.name, src),
        openAt: after(i.name, src).startOffset,
        sep: separator(src, i.members, ","),
        members: i.members.map((m) => nameNode(m, src)),
      };
    case "Input":
      return input(i, src);
    case "Let":
      return letNode(i, src);
    case "Rule":
      return ruleNode(i, src);
    case "Note":
      return note(i, src);
    case "Group":
    case "Indicator":
      return treeNode(i, src);
    case "Reweight":
      return {
        type: "Reweight",
        ...span(i),
        kw: kwAt(i, src),
        target: path(i.target, src),
        ...(i.points ? { points: numNode(i.points, src) } : {}),
        ...reweightBlock(i, i.points ?? i.target, i.entries, src),
      };
    case "Replace":
      return {
        type: "Replace",
        ...span(i),
        kw: kwAt(i, src),
        target: path(i.target, src),
        ...(i.points ? { points: numNode(i.points, src) } : {}),
        body: i.items.map((x) =>
          x.kind === "Group" || x.kind === "Indicator" ? treeNode(x, src) : indicatorItem(x, src),
        ),
        ...block(after(i.points ?? i.target, src).startOffset),
      };
    case "Add":
      return { type: "Add", ...span(i), kw: kwAt(i, src), parent: path(i.parent, src), decl: treeNode(i.decl, src) };
    case "Remove":
      return { type: "Remove", ...span(i), kw: kwAt(i, src), target: path(i.target, src) };
    case "Reword":
      return {
        type: "Reword",
        ...span(i),
        kw: kwAt(i, src),
        target: path(i.target, src),
        ...(i.title ? { title: strNode(i.title, src) } : {}),
        body: i.notes.map((n) => note(n, src)),
        ...block(after(i.title ?? i.target, src).startOffset),
      };
    case "Rename":
      return {
        type: "Rename",
        ...span(i),
        kw: kwAt(i, src),
        target: path(i.target, src),
        toKw: after(i.target, src).image,
        name: nameNode(i.to, src),
      };
    case "Example":
      return example(i, src);
    case "Scale":
      return {
        type: "Scale",
        ...span(i),
        kw: kwAt(i, src),
        name: nameNode(i.name, src),
        openAt: after(i.name, src).startOffset,
        sep: separator(src, i.arms, ";"),
        arms: i.arms.map((a) => scaleArm(a, src)),
      };
  }
}

function input(i: A.InputDecl, src: Source): F.InputNode {
  return {
    type: "Input",
    ...span(i),
    kw: kwAt(i, src),
    name: nameNode(i.name, src),
    ...(i.alias ? { aliasKw: src.prev(i.alias.span.start).image, alias: nameNode(i.alias, src) } : {}),
    colon: after(i.alias ?? i.name, src).image,
    valueType: typeNode(i.type, src, i.type.span.end),
    constraints: i.constraints.map((c) => constraintNode(c, src)),
  };
}

function constraintNode(c: A.Constraint, src: Source): F.ConstraintNode {
  return c.kind === "compare"
    ? { type: "Constraint", ...span(c), op: kwAt(c, src), bound: exprNode(c.bound, src) }
    : { type: "Constraint", ...span(c), op: kwAt(c, src), interval: intervalNode(c.interval, src) };
}

/** A type; `end` corrects the span of an array's element type, which the syntax tree gives the array's span. */
function typeNode(t: A.TypeExpr, src: Source, end: number): F.TypeNode {
  const start = t.span.start;
  const toks = src.within(start, end);
  switch (t.kind) {
    case "Array": {
      const open = toks[toks.length - 3];
      if (!open) throw new Error("internal: array type without brackets");
      const elementEnd = tokenEnd(src.prev(open.startOffset));
      return {
        type: "TypeArray",
        start,
        end,
        element: typeNode(t.element, src, elementEnd),
        open: open.image,
        length: numNode(
          {
            span: {
              start: (toks[toks.length - 2] as typeof open).startOffset,
              end: tokenEnd(toks[toks.length - 2] as typeof open),
            },
          },
          src,
        ),
        close: (toks[toks.length - 1] as typeof open).image,
      };
    }
    case "Pair":
      return { type: "TypePair", start, end, kw: toks[0]?.image ?? "", element: typeNode(t.element, src, end) };
    case "Money":
      return {
        type: "TypeMoney",
        start,
        end,
        kw: toks[0]?.image ?? "",
        open: toks[1]?.image ?? "(",
        unit: toks[2]?.image ?? "",
        close: toks[3]?.image ?? ")",
      };
    case "Prim":
    case "Named":
      return { type: "TypeWord", start, end, text: toks.map((x) => x.image).join("") };
    case "List": {
      const fields = t.fields.map((f) => ({
        span: { start: f.name.span.start, end: (f.constraints[f.constraints.length - 1] ?? f.type).span.end },
        f,
      }));
      return {
        type: "TypeList",
        start,
        end,
        kw: toks[0]?.image ?? "",
        ofKw: toks[1]?.image ?? "",
        openAt: toks[2]?.startOffset ?? start,
        sep: separator(src, fields, ";"),
        fields: fields.map(({ span: s, f }) => ({
          type: "TypeField",
          ...s,
          name: nameNode(f.name, src),
          colon: after(f.name, src).image,
          valueType: typeNode(f.type, src, f.type.span.end),
          constraints: f.constraints.map((c) => constraintNode(c, src)),
        })),
      };
    }
  }
}

function letNode(i: A.LetDecl, src: Source): F.LetNode {
  return { type: "Let", ...span(i), kw: kwAt(i, src), name: nameNode(i.name, src), value: exprNode(i.value, src) };
}

function ruleNode(r: A.RuleDecl, src: Source): F.RuleNode {
  return {
    type: "Rule",
    ...span(r),
    kw: kwAt(r, src),
    name: nameNode(r.name, src),
    sep: separator(src, r.params, ","),
    params: r.params.map((p) => {
      const toks = src.within(p.type.span.start, p.type.span.end);
      // `money` without a unit is a parameter's own form: printed as the one word written.
      const valueType: F.TypeNode =
        p.type.kind === "Money" && toks.length === 1
          ? { type: "TypeWord", start: p.type.span.start, end: p.type.span.end, text: toks[0]?.image ?? "" }
          : typeNode(p.type, src, p.type.span.end);
      return { type: "RuleParam", ...span(p), name: nameNode(p.name, src), colon: after(p.name, src).image, valueType };
    }),
    value: exprNode(r.body, src),
  };
}

function note(n: A.NoteDecl, src: Source): F.NoteNode {
  return { type: "Note", ...span(n), kw: kwAt(n, src), text: strNode(n.text, src) };
}

function path(p: A.Path, src: Source): F.PathNode {
  return { type: "Path", ...span(p), segments: p.segments.map((s) => nameNode(s, src)) };
}

function treeNode(d: A.GroupDecl | A.IndicatorDecl, src: Source): F.GroupNode | F.IndicatorNode {
  const head = {
    ...span(d),
    kw: kwAt(d, src),
    name: nameNode(d.name, src),
    ...(d.title ? { title: strNode(d.title, src) } : {}),
    points: numNode(d.points, src),
    // Issue 11, kind 3: `折算 100` / `scaled from 100`, words as written.
    ...(d.kind === "Group" && d.scaledFrom
      ? {
          scaledWords: src.within(d.points.span.end, d.scaledFrom.span.start).map((t) => t.image),
          scaledFrom: numNode(d.scaledFrom, src),
        }
      : {}),
  };
  const lastHead = d.kind === "Group" && d.scaledFrom ? d.scaledFrom : d.points;
  const open = after(lastHead, src).startOffset;
  if (d.kind === "Indicator")
    return { type: "Indicator", ...head, body: d.items.map((x) => indicatorItem(x, src)), ...block(open) };
  const items: (A.NoteDecl | A.GroupDecl | A.IndicatorDecl)[] = [...d.notes, ...d.children].sort(byStart);
  const body = items.map((x) => (x.kind === "Note" ? note(x, src) : treeNode(x, src)));
  if (!d.slot) return { type: "Group", ...head, body, ...block(open) };
  const slot = after(lastHead, src);
  const brace = src.next(tokenEnd(slot));
  const braced = brace.tokenType.name === "LBrace" && brace.startOffset < d.span.end;
  return {
    type: "Group",
    ...head,
    slotKw: slot.image,
    ...(braced ? {} : { bodiless: true }),
    body,
    ...block(braced ? brace.startOffset : slot.startOffset),
  };
}

function part(p: A.PartDecl, src: Source): F.PartNode {
  const first = src.at(p.span.start);
  return {
    type: "Part",
    ...span(p),
    ...(first.tokenType.name === "Part" ? { kw: first.image } : {}),
    name: nameNode(p.name, src),
    ...(p.title ? { title: strNode(p.title, src) } : {}),
    points: numNode(p.points, src),
    ...(p.rule ? { rule: exprNode(p.rule, src) } : {}),
  };
}

function indicatorItem(x: A.IndicatorItem, src: Source): F.StatementNode {
  switch (x.kind) {
    case "Adjust": // issue 11, kind 2: `bonus up to 0.5 = …`, words as written
      return {
        type: "Adjust",
        ...span(x),
        words: src.within(x.span.start, x.cap.span.start).map((t) => t.image),
        cap: numNode(x.cap, src),
        rule: exprNode(x.rule, src),
      };
    case "NotApplicable": {
      // Issue 11, rule kind 1: the words around the condition kept as written (English or Chinese).
      const first = x.targets[0];
      return {
        type: "NotApplicable",
        ...span(x),
        head: src.within(x.span.start, x.cond.span.start).map((t) => t.image),
        cond: exprNode(x.cond, src),
        tail: src.within(x.cond.span.end, first ? first.span.start : x.span.end).map((t) => t.image),
        sep: separator(src, x.targets, ","),
        targets: x.targets.map((t) => nameNode(t, src)),
      };
    }
    case "Note":
      return note(x, src);
    case "Let":
      return letNode(x, src);
    case "Part":
      return part(x, src);
    case "Score":
      return { type: "Score", ...span(x), kw: kwAt(x, src), rule: exprNode(x.rule, src) };
    case "Checklist": {
      const open = src.next(tokenEnd(src.at(x.span.start))).startOffset;
      return {
        type: "Checklist",
        ...span(x),
        kw: kwAt(x, src),
        body: x.items.map((p) => part(p, src)),
        ...list(src, open, x.items),
      };
    }
    case "Exempt":
    case "Veto":
      return {
        type: "Condition",
        ...span(x),
        kw: kwAt(x, src),
        whenKw: src.next(tokenEnd(src.at(x.span.start))).image,
        cond: exprNode(x.cond, src),
      };
  }
}

/** The `{ … }` of a reweight or of one of its entries, if written. */
function reweightBlock(
  owner: { span: A.Span },
  before: { span: A.Span },
  entries: readonly A.ReweightEntry[],
  src: Source,
): { block?: F.ReweightBlockNode } {
  const open = src.find(before.span.end, owner.span.end, "LBrace");
  if (!open) return {};
  return {
    block: {
      type: "ReweightBlock",
      start: open.startOffset,
      end: owner.span.end,
      body: entries.map((e) => ({
        type: "ReweightEntry",
        ...span(e),
        name: nameNode(e.name, src),
        ...(e.points ? { points: numNode(e.points, src) } : {}),
        ...reweightBlock(e, e.points ?? e.name, e.children, src),
      })),
      ...list(src, open.startOffset, entries),
    },
  };
}

function example(e: A.ExampleDecl, src: Source): F.ExampleNode {
  return {
    type: "Example",
    ...span(e),
    kw: kwAt(e, src),
    title: strNode(e.title, src),
    ...(e.target ? { forKw: after(e.title, src).image, target: ref(e.target, src) } : {}),
    body: e.items.map((i) => exampleItem(i, src)),
    ...block(after(e.target ?? e.title, src).startOffset),
  };
}

function because(reason: A.StringLit | undefined, src: Source): { because?: F.BecauseNode } {
  if (!reason) return {};
  const before = src.prev(reason.span.start);
  const colon = before.tokenType.name === "Colon" ? before : undefined;
  const kw = colon ? src.prev(colon.startOffset) : before;
  return {
    because: {
      type: "Because",
      start: kw.startOffset,
      end: reason.span.end,
      kw: kw.image,
      ...(colon ? { colon: colon.image } : {}),
      text: strNode(reason, src),
    },
  };
}

function exampleItem(i: A.ExampleItem, src: Source): F.StatementNode {
  switch (i.kind) {
    case "Meta":
      return { type: "Meta", ...span(i), kw: kwAt(i, src), value: exprNode(i.value, src) };
    case "Given": {
      const given = src.at(i.span.start);
      // `given peer { … }` (issue 11, kind 7): the two words are the statement's keyword.
      const peer = i.peer ? src.next(tokenEnd(given)) : undefined;
      const kw = peer ?? given;
      const open = src.next(tokenEnd(kw));
      const entries: F.StatementNode[] = i.entries.map((g) => ({
        type: "GivenEntry",
        ...span(g),
        name: nameNode(g.name, src),
        eq: after(g.name, src).image,
        value: exprNode(g.value, src),
      }));
      const braced = open.tokenType.name === "LBrace";
      return {
        type: "Given",
        ...span(i),
        kw: peer ? `${given.image} ${peer.image}` : given.image,
        braced,
        body: entries,
        ...(braced ? list(src, open.startOffset, i.entries) : block(-1)),
      };
    }
    case "Judge": {
      const kw = src.at(i.span.start);
      const rest = i.target ? undefined : src.next(tokenEnd(kw));
      const beforeValue = i.target ? i.target.span.end : tokenEnd(rest as NonNullable<typeof rest>);
      return {
        type: "Judge",
        ...span(i),
        kw: kw.image,
        ...(rest ? { restKw: rest.image } : {}),
        ...(i.target ? { target: path(i.target, src) } : {}),
        ...(i.value ? { value: exprNode(i.value, src) } : { fullKw: src.next(beforeValue).image }),
        ...because(i.reason, src),
      };
    }
    case "Override":
      return {
        type: "Override",
        ...span(i),
        kw: kwAt(i, src),
        target: path(i.target, src),
        value: exprNode(i.value, src),
        ...because(i.reason, src),
      };
    case "ExpectError":
      return {
        type: "ExpectError",
        ...span(i),
        kw: kwAt(i, src),
        errorKw: src.next(tokenEnd(src.at(i.span.start))).image,
        kind: src
          .within(i.errorKind.span.start, i.errorKind.span.end)
          .map((t) => t.image)
          .join(""),
        inKw: src.prev(i.target.span.start).image,
        target: path(i.target, src),
      };
    case "Expect":
      return {
        type: "Expect",
        ...span(i),
        kw: kwAt(i, src),
        ...(i.target.kind === "path"
          ? { target: path(i.target.path, src) }
          : { targetKw: src.at(i.target.span.start).image }),
        value: exprNode(i.value, src),
      };
  }
}
