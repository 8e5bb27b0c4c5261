/**
 * Document symbols: each rubric with its inputs, enums, lets and the
 * indicator tree (points in `detail`, as the rubric's model has them after
 * reweights), modifications and examples.
 */
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type * as A from "../compiler/syntax/ast.js";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { say } from "./lang.js";
import { sourceOf } from "./describe.js";
import type { Snapshot } from "./snapshot.js";
import { toRange } from "./text.js";

export function documentSymbols(snap: Snapshot, uri: string, lang: Lang): DocumentSymbol[] {
  const doc = snap.document(uri);
  if (!doc) return [];
  const lines = doc.lines;
  const sym = (
    name: string,
    kind: SymbolKind,
    span: A.Span,
    sel: A.Span,
    detail?: string,
    children?: DocumentSymbol[],
  ): DocumentSymbol => {
    const inside = sel.start >= span.start && sel.end <= span.end && sel.end > sel.start;
    return {
      name: name.trim() === "" ? "?" : name,
      kind,
      range: toRange(lines, span),
      selectionRange: toRange(lines, inside ? sel : { start: span.start, end: span.start }),
      ...(detail ? { detail } : {}),
      ...(children && children.length > 0 ? { children } : {}),
    };
  };
  const pts = (v: string): string => say(lang, `${v} 分`, `${v} pts`);
  const pointsOf = (d: { name: A.Name; points: A.NumberExpr }): string => {
    const occ = snap.index.at(uri, d.name.span.start);
    const node = occ?.role === "declaration" ? occ.node : undefined;
    return pts(node ? node.points.toString(6) : d.points.digits);
  };
  const path = (p: A.Path): string => p.segments.map((s) => s.text).join(".");

  const tree = (d: A.GroupDecl | A.IndicatorDecl): DocumentSymbol =>
    d.kind === "Group"
      ? sym(
          d.name.text,
          SymbolKind.Module,
          d.span,
          d.name.span,
          d.slot ? `${pointsOf(d)} ${say(lang, "预留", "slot")}` : pointsOf(d),
          d.children.map(tree),
        )
      : sym(d.name.text, SymbolKind.Class, d.span, d.name.span, pointsOf(d), indicatorItems(d.items));
  const part = (p: A.PartDecl): DocumentSymbol => sym(p.name.text, SymbolKind.Field, p.span, p.name.span, pointsOf(p));
  const indicatorItems = (items: readonly (A.IndicatorItem | A.GroupDecl | A.IndicatorDecl)[]): DocumentSymbol[] =>
    items.flatMap((it): DocumentSymbol[] => {
      switch (it.kind) {
        case "Part":
          return [part(it)];
        case "Checklist":
          return it.items.map(part);
        case "Let":
          return [sym(it.name.text, SymbolKind.Constant, it.span, it.name.span, sourceOf(doc.text, it.value.span, 40))];
        case "Group":
        case "Indicator":
          return [tree(it)];
        default:
          return [];
      }
    });

  const example = (e: A.ExampleDecl): DocumentSymbol =>
    sym(
      e.title.value,
      SymbolKind.Object,
      e.span,
      e.title.span,
      e.target
        ? `${say(lang, "针对", "for")} ${e.target.name.text}${e.target.year ? ` ${e.target.year.digits}` : ""}`
        : undefined,
    );

  const rubricItem = (it: A.RubricItem): DocumentSymbol[] => {
    switch (it.kind) {
      case "Enum":
        return [
          sym(
            it.name.text,
            SymbolKind.Enum,
            it.span,
            it.name.span,
            undefined,
            it.members.map((m) => sym(m.text, SymbolKind.EnumMember, m.span, m.span)),
          ),
        ];
      case "Input":
        return [sym(it.name.text, SymbolKind.Variable, it.span, it.name.span, sourceOf(doc.text, it.type.span, 40))];
      case "Scale":
        return [
          sym(
            it.name.text,
            SymbolKind.Enum,
            it.span,
            it.name.span,
            it.arms.map((a) => a.member?.text ?? "otherwise").join("、"),
          ),
        ];
      case "Let":
        return [sym(it.name.text, SymbolKind.Constant, it.span, it.name.span, sourceOf(doc.text, it.value.span, 40))];
      case "Group":
      case "Indicator":
        return [tree(it)];
      case "Example":
        return [example(it)];
      case "Rule":
        return [
          sym(
            `${it.name.text}(${it.params.map((p) => p.name.text).join(", ")})`,
            SymbolKind.Function,
            it.span,
            it.name.span,
            sourceOf(doc.text, it.body.span, 40),
          ),
        ];
      case "Reweight":
        return [
          sym(
            `${say(lang, "调权", "reweight")} ${path(it.target)}`,
            SymbolKind.Operator,
            it.span,
            it.target.span,
            it.points ? pts(it.points.digits) : undefined,
          ),
        ];
      case "Replace":
        return [
          sym(
            `${say(lang, "替换", "replace")} ${path(it.target)}`,
            SymbolKind.Operator,
            it.span,
            it.target.span,
            undefined,
            indicatorItems(it.items),
          ),
        ];
      case "Add":
        return [
          sym(
            `${say(lang, "新增", "add")} ${path(it.parent)}`,
            SymbolKind.Operator,
            it.span,
            it.parent.span,
            undefined,
            [tree(it.decl)],
          ),
        ];
      case "Remove":
        return [sym(`${say(lang, "删除", "remove")} ${path(it.target)}`, SymbolKind.Operator, it.span, it.target.span)];
      case "Reword":
        return [sym(`${say(lang, "改写", "reword")} ${path(it.target)}`, SymbolKind.Operator, it.span, it.target.span)];
      case "Rename":
        return [
          sym(
            `${say(lang, "重命名", "rename")} ${path(it.target)} → ${it.to.text}`,
            SymbolKind.Operator,
            it.span,
            it.target.span,
          ),
        ];
      default:
        return [];
    }
  };

  return doc.ast.items.map((item) => {
    if (item.kind === "Example") return example(item);
    const checked = snap.rubricOf(item);
    const detail = item.base
      ? `${say(lang, "继承", "extends")} ${item.base.name.text}${item.base.year ? ` ${item.base.year.digits}` : ""}`
      : checked?.model.total
        ? pts(checked.model.total.value.toString(6))
        : undefined;
    const name = `${item.name.text}${item.year ? ` ${item.year.digits}` : ""}`;
    return sym(name, SymbolKind.Namespace, item.span, item.name.span, detail, item.items.flatMap(rubricItem));
  });
}
