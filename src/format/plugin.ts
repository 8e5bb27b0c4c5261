/**
 * The Rubric formatter as a prettier plugin:
 *
 *   prettier --plugin ./dist/format/plugin.js --write rubrics/
 *
 * `rubric fmt` and the language server use the same plugin (`format.ts`).
 */
import type { AstPath, Doc, Parser, ParserOptions, Printer, SupportLanguage } from "prettier";
import { canAttachComment, childNodes, handleComments, visitorKeys, willPrintOwnComments } from "./comments.js";
import { parseRubric } from "./parser.js";
import { printNode } from "./print.js";
import { verbatim } from "./print-util.js";
import type { CommentNode, Node } from "./tree.js";

type AnyNode = Node | CommentNode;

export const languages: SupportLanguage[] = [
  { name: "Rubric", extensions: [".rubric"], parsers: ["rubric"], vscodeLanguageIds: ["rubric"] },
];

export const parsers: Record<string, Parser<AnyNode>> = {
  rubric: {
    parse: (text: string, options: ParserOptions<AnyNode>) => parseRubric(text, options.filepath ?? "<input>"),
    astFormat: "rubric",
    locStart: (n: AnyNode) => n.start,
    locEnd: (n: AnyNode) => n.end,
  },
};

export const printers: Record<string, Printer<AnyNode>> = {
  rubric: {
    print: (path, options, print) => printNode(path as AstPath<Node>, options, print),
    printComment: (path: AstPath<AnyNode>): Doc => verbatim((path.node as CommentNode).value),
    isBlockComment: (c: AnyNode) => c.type === "Comment" && c.block,
    canAttachComment,
    getCommentChildNodes: (n: AnyNode) => childNodes(n),
    getVisitorKeys: (n: AnyNode) => visitorKeys(n),
    willPrintOwnComments,
    handleComments,
  },
};

/** The canonical layout: 2-space indentation; lines up to 100 columns (a CJK character is 2). */
export const defaultOptions = { tabWidth: 2, useTabs: false, printWidth: 100 };

const plugin = { languages, parsers, printers, defaultOptions };
export default plugin;
