/** Printing expressions, types and their parts. */
import { builders } from "prettier/doc";
import type { Doc, AstPath } from "prettier";
import type * as F from "./tree.js";
import { afterOpen, beforeKeyword, inlineList, isWide, spaced, verbatim, type Print } from "./print-util.js";

const { group, indent, line, softline, join } = builders;

/** Node types printed here. */
export const EXPR_TYPES = new Set([
  "Atom",
  "Call",
  "Index",
  "Member",
  "Unary",
  "Binary",
  "If",
  "Each",
  "Array",
  "Record",
  "Field",
  "Interval",
  "Judged",
  "Bands",
  "BandArm",
  "Tiers",
  "TierArm",
  "Deduct",
  "JudgedBy",
  "JudgedDeduct",
  "ScaleArm",
  "Phrase",
  "TypePair",
  "TypeWord",
  "TypeMoney",
  "TypeArray",
  "TypeList",
  "TypeField",
  "Constraint",
]);

function commaList(sep: string): Doc {
  return [sep, isWide(sep) ? softline : line];
}

/** An array of records that each have several fields is printed one record per line. */
function breaksArray(n: F.ArrayNode): boolean {
  return n.elements.length > 1 && n.elements.every((e) => e.type === "Record" && e.fields.length > 1);
}

/**
 * Operands of a chain of same-strength operators (`a + b - c`), flattened so
 * it breaks evenly. A left operand that carries comments is printed whole,
 * so that its comments are printed with it.
 */
function binaryChain(path: AstPath<F.BinaryNode>, print: Print): { first: Doc; rest: Doc[] } {
  const n = path.node;
  const left = n.left;
  const chain =
    left.type === "Binary" && !left.parens && left.prec === n.prec && !left.comments?.length
      ? path.call((p) => binaryChain(p as AstPath<F.BinaryNode>, print), "left")
      : { first: print("left"), rest: [] };
  return { first: chain.first, rest: [...chain.rest, [" ", n.op], line, print("right")] };
}

/** `if … then … else if … then … else …`, an else-if chain flattened. */
function ifChain(path: AstPath<F.IfNode>, print: Print, lead: Doc[]): Doc[] {
  const n = path.node;
  const parts: Doc[] = [
    group([
      ...lead,
      n.ifKw,
      " ",
      print("cond"),
      indent([line, ...beforeKeyword(n, "then"), n.thenKw, " ", print("then")]),
    ]),
  ];
  const beforeElse = beforeKeyword(n, "else");
  if (n.else.type === "If" && !n.else.parens && !n.else.comments?.length) {
    return [
      ...parts,
      line,
      ...beforeElse,
      ...path.call((p) => ifChain(p as AstPath<F.IfNode>, print, [n.elseKw, " "]), "else"),
    ];
  }
  return [...parts, line, ...beforeElse, n.elseKw, " ", print("else")];
}

function printBare(path: AstPath<F.Node>, print: Print): Doc {
  const n = path.node;
  switch (n.type) {
    case "Atom":
      return verbatim(n.text);
    case "Call":
      return group([
        print("callee"),
        n.open,
        afterOpen(n),
        indent([softline, join(commaList(n.comma), path.map(print, "args"))]),
        softline,
        n.close,
      ]);
    case "Index":
      return [print("object"), n.open, print("index"), n.close];
    case "Member":
      return [print("object"), ".", print("field")];
    case "Unary":
      return n.word ? [n.op, " ", print("operand")] : [n.op, print("operand")];
    case "Binary": {
      const { first, rest } = binaryChain(path as AstPath<F.BinaryNode>, print);
      return group([first, indent(rest)]);
    }
    case "If": {
      const [head, ...rest] = ifChain(path as AstPath<F.IfNode>, print, []);
      return group([head ?? "", indent(rest)]);
    }
    case "Each":
      return group([
        n.kw,
        " ",
        print("variable"),
        " ",
        n.inKw,
        " ",
        print("iterable"),
        n.colon,
        indent([isWide(n.colon) ? softline : line, print("body")]),
      ]);
    case "Array":
      return group(
        [
          n.open,
          afterOpen(n),
          indent([softline, join(commaList(n.comma), path.map(print, "elements"))]),
          softline,
          n.close,
        ],
        {
          shouldBreak: breaksArray(n),
        },
      );
    case "Record":
      return inlineList(n, path.map(print, "fields"), n.sep);
    case "Field":
      return [print("name"), spaced(n.colon), print("value")];
    case "TypeField":
      return [print("name"), spaced(n.colon), print("valueType"), path.map((c) => [" ", print(c)], "constraints")];
    case "Interval":
      return [n.open, print("lo"), spaced(n.comma), print("hi"), n.close];
    case "Judged":
      return n.bounds ? [n.kw, " ", n.inKw ?? "", " ", print("bounds")] : n.kw;
    case "JudgedBy":
      return n.scale
        ? [n.kw, " ", n.byKw, " ", print("subject"), " ", n.scaleKw ?? "", " ", print("scale")]
        : [n.kw, " ", n.byKw, " ", print("subject"), " ", inlineList(n, path.map(print, "arms"), n.sep)];
    case "JudgedDeduct":
      return group([
        n.kw,
        " ",
        n.inKw ? [n.inKw, " "] : "",
        print("bounds"),
        indent([line, n.whenKw, " ", print("when")]),
      ]);
    case "ScaleArm":
      return [
        n.member ? print("member") : (n.otherwiseKw ?? ""),
        " ",
        n.arrow,
        " ",
        n.interval ? print("interval") : print("value"),
      ];
    case "Tiers":
      if (n.scale) return [n.kw, " ", print("subject"), " ", n.scaleKw ?? "", " ", print("scale")];
      return [n.kw, " ", print("subject"), " ", inlineList(n, path.map(print, "arms"), n.sep, false)];
    case "Bands":
      return [n.kw, " ", print("subject"), " ", inlineList(n, path.map(print, "arms"), n.sep, n.type === "Bands")];
    case "BandArm": {
      const cond = n.interval ? print("interval") : n.bound ? [n.op ?? "", " ", print("bound")] : (n.op ?? "");
      return [cond, " ", n.arrow, " ", print("value")];
    }
    case "TierArm":
      return [n.member ? print("member") : (n.otherwiseKw ?? ""), " ", n.arrow, " ", print("value")];
    case "Deduct": {
      const head: Doc[] = [n.kw, " ", print("amount"), " ", n.perKw, " ", print("per")];
      return n.ofKw ? [...head, " ", n.ofKw, " ", print("subject"), " ", n.dirKw ?? "", " ", print("threshold")] : head;
    }
    case "Phrase": {
      // Words fill the line and wrap, indented, only when a line is too long or a `//` comment ends one.
      const docs: Doc[] = [];
      const endsInLineComment = (p: string | number | undefined): boolean =>
        typeof p === "number" && (n.args[p]?.comments ?? []).some((c) => c.trailing && !c.block);
      n.pieces.forEach((p, i) => {
        if (i > 0) docs.push(endsInLineComment(n.pieces[i - 1]) ? builders.hardline : line);
        docs.push(typeof p === "string" ? p : print(["args", p]));
      });
      return group(indent(builders.fill(docs)));
    }
    case "TypePair":
      return [n.kw, " ", print("element")];
    case "TypeWord":
      return n.text;
    case "TypeMoney":
      return [n.kw, n.open, n.unit, n.close];
    case "TypeArray":
      return [print("element"), n.open, print("length"), n.close];
    case "TypeList":
      return [n.kw, " ", n.ofKw, " ", inlineList(n, path.map(print, "fields"), n.sep)];
    case "Constraint":
      return [n.op, " ", n.interval ? print("interval") : print("bound")];
    default:
      throw new Error(`internal: no printer for ${n.type}`);
  }
}

export function printExpr(path: AstPath<F.Node>, print: Print): Doc {
  const doc = printBare(path, print);
  const parens = (path.node as { parens?: F.Parens }).parens;
  return parens ? [parens.open, doc, parens.close] : doc;
}
