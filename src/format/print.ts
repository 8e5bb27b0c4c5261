/** The printer: canonical layout for every node of the formatter's tree. */
import { builders } from "prettier/doc";
import type { Doc, AstPath, ParserOptions } from "prettier";
import type * as F from "./tree.js";
import { inStatementList } from "./comments.js";
import { EXPR_TYPES, printExpr } from "./print-expr.js";
import { printStatements } from "./print-list.js";
import { assignment, comments, lineCommentIn, inlineList, spaced, verbatim, type Print } from "./print-util.js";

const { join } = builders;

function opt(present: unknown, ...doc: Doc[]): Doc {
  return present ? doc : "";
}

function printStatement(path: AstPath<F.Node>, options: ParserOptions, print: Print): Doc {
  const n = path.node;
  const body = (): Doc => printStatements(path as AstPath<F.ListOwnerNode>, options, print);
  switch (n.type) {
    case "File":
      return body();
    case "Rubric":
      return [
        n.kw,
        " ",
        print("name"),
        opt(n.year, " ", print("year")),
        opt(n.base, " ", n.extendsKw ?? "", " ", print("base")),
        " ",
        body(),
      ];
    case "Ref":
      return [print("name"), opt(n.year, " ", print("year"))];
    case "Meta":
      return [n.kw, " ", print("value")];
    case "Words":
      return n.words.join(" ");
    case "Grades":
      return [n.kw, " ", inlineList(n, path.map(print, "arms"), n.sep)];
    case "GradeArm":
      return [print("name"), " ", n.op, opt(n.threshold, " ", print("threshold"))];
    case "Enum":
      return [n.kw, " ", print("name"), " ", inlineList(n, path.map(print, "members"), n.sep)];
    case "Scale":
      return [n.kw, " ", print("name"), " ", inlineList(n, path.map(print, "arms"), n.sep)];
    case "Input":
      return [
        n.kw,
        " ",
        print("name"),
        opt(n.alias, " ", n.aliasKw ?? "", " ", print("alias")),
        spaced(n.colon),
        print("valueType"),
        path.map((c) => [" ", print(c)], "constraints"),
      ];
    case "Let":
      return assignment(
        [n.kw, " ", print("name")],
        " =",
        n.value,
        print("value"),
        lineCommentIn(path, n.start, n.value.start),
      );
    case "Note":
      return [n.kw, " ", print("text")];
    case "Group":
      return [
        n.kw,
        " ",
        print("name"),
        opt(n.title, " ", print("title")),
        " ",
        print("points"),
        opt(n.scaledFrom, " ", (n.scaledWords ?? []).join(" "), " ", print("scaledFrom")),
        opt(n.slotKw, " ", n.slotKw ?? ""),
        n.bodiless ? "" : [" ", body()],
      ];
    case "Indicator":
      return [n.kw, " ", print("name"), opt(n.title, " ", print("title")), " ", print("points"), " ", body()];
    case "Rule":
      return assignment(
        [n.kw, " ", print("name"), "(", join(n.sep === "," ? ", " : n.sep, path.map(print, "params")), ")"],
        " =",
        n.value,
        print("value"),
        lineCommentIn(path, n.start, n.value.start),
      );
    case "RuleParam":
      return [print("name"), spaced(n.colon), print("valueType")];
    case "ExpectError":
      return [n.kw, " ", n.errorKw, " ", n.kind, " ", n.inKw, " ", print("target")];
    case "Part": {
      const head = [opt(n.kw, n.kw ?? "", " "), print("name"), opt(n.title, " ", print("title")), " ", print("points")];
      return n.rule ? assignment(head, " =", n.rule, print("rule"), lineCommentIn(path, n.start, n.rule.start)) : head;
    }
    case "Score":
      return assignment([n.kw], " =", n.rule, print("rule"), lineCommentIn(path, n.start, n.rule.start));
    case "Checklist":
      return [n.kw, " ", body()];
    case "Condition":
      return [n.kw, " ", n.whenKw, " ", print("cond")];
    case "NotApplicable":
      return [
        n.head.join(" "),
        " ",
        print("cond"),
        " ",
        n.tail.join(" "),
        " ",
        join(`${n.sep}${n.sep === "、" || n.sep === "，" ? "" : " "}`, path.map(print, "targets")),
      ];
    case "Adjust":
      return assignment(
        [n.words.join(" "), " ", print("cap")],
        " =",
        n.rule,
        print("rule"),
        lineCommentIn(path, n.start, n.rule.start),
      );
    case "Path":
      return join(".", path.map(print, "segments"));
    case "Reweight":
      return [n.kw, " ", print("target"), opt(n.points, " ", print("points")), opt(n.block, " ", print("block"))];
    case "ReweightBlock":
      return body();
    case "ReweightEntry":
      return [print("name"), opt(n.points, " ", print("points")), opt(n.block, " ", print("block"))];
    case "Replace":
      return [n.kw, " ", print("target"), opt(n.points, " ", print("points")), " ", body()];
    case "Add":
      return [n.kw, " ", print("parent"), " ", print("decl")];
    case "Remove":
      return [n.kw, " ", print("target")];
    case "Reword":
      return [n.kw, " ", print("target"), opt(n.title, " ", print("title")), " ", body()];
    case "Rename":
      return [n.kw, " ", print("target"), " ", n.toKw, " ", print("name")];
    case "Example":
      return [n.kw, " ", print("title"), opt(n.target, " ", n.forKw ?? "", " ", print("target")), " ", body()];
    case "Given":
      return [n.kw, " ", n.braced ? body() : print(["body", 0])];
    case "GivenEntry":
      return n.eq === "="
        ? assignment([print("name")], " =", n.value, print("value"), lineCommentIn(path, n.start, n.value.start))
        : [print("name"), spaced(n.eq), print("value")];
    case "Judge":
      return [
        n.kw,
        " ",
        n.target ? print("target") : (n.restKw ?? ""),
        n.value ? [" = ", print("value")] : [" ", n.fullKw ?? ""],
        opt(n.because, " ", print("because")),
      ];
    case "Because":
      return [n.kw, n.colon ? spaced(n.colon) : " ", print("text")];
    case "Override":
      return [n.kw, " ", print("target"), " = ", print("value"), opt(n.because, " ", print("because"))];
    case "Expect":
      return [n.kw, " ", n.target ? print("target") : (n.targetKw ?? ""), " = ", print("value")];
    default:
      throw new Error(`internal: no printer for ${n.type}`);
  }
}

/**
 * A node's own comments, placed the same way whatever the line breaks
 * around them were: a `//` comment before the node ends its line, one after
 * it goes to the end of the line; a block comment stays inline.
 */
function withComments(n: F.Node, doc: Doc, danglingOnly = false): Doc {
  const before: Doc[] = [];
  const after: Doc[] = [];
  for (const c of comments(n)) {
    if (c.printed || c.marker !== undefined || (danglingOnly && (c.leading || c.trailing))) continue;
    c.printed = true;
    if (c.leading) before.push(verbatim(c.value), c.block ? " " : builders.hardline);
    // Dangling comments still unprinted are inside a leaf (`95 /* … */ %`): they follow it.
    else if (c.block) after.push(" ", verbatim(c.value));
    else after.push(builders.lineSuffix([" ", c.value]), builders.breakParent);
  }
  return before.length + after.length > 0 ? [...before, doc, ...after] : doc;
}

export function printNode(path: AstPath<F.Node>, options: ParserOptions, print: Print): Doc {
  const n = path.node;
  let doc: Doc;
  if (n.type === "Name" || n.type === "Str" || n.type === "Num") doc = verbatim(n.text);
  else if (EXPR_TYPES.has(n.type)) doc = printExpr(path, print);
  else doc = printStatement(path, options, print);
  // A statement in a list: the list prints its leading and trailing comments (aligned, on their own lines).
  return withComments(n, doc, inStatementList(path));
}
