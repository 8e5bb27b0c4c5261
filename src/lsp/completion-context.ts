/**
 * Where the cursor is, for completion, read from the lexer's tokens rather
 * than the syntax tree: while a statement is half typed the tree is partial,
 * but the braces and keywords before the cursor still say which block we
 * are in (rubric, indicator, example, given, reweight, bands, tiers…) and
 * what the current statement has so far.
 */
import type { IToken } from "chevrotain";
import type { CheckedRubric } from "../compiler/program.js";
import type { Snapshot } from "./snapshot.js";

export type BlockKind =
  | "File"
  | "Rubric"
  | "Example"
  | "Group"
  | "Indicator"
  | "Given"
  | "Checklist"
  | "Grades"
  | "Bands"
  | "Tiers"
  | "Replace"
  | "Reword"
  | "Reweight"
  | "ReweightEntry"
  | "Enum"
  | "Record";

export interface Frame {
  readonly kind: BlockKind;
  /** Tokens of the statement that opened the block, up to its `{`. */
  readonly header: readonly IToken[];
  /** Index of the `{` token (−1 for the file). */
  readonly open: number;
}

export interface CompletionContext {
  readonly frames: readonly Frame[];
  readonly block: Frame;
  /** Tokens of the current statement before the cursor (on the cursor's line, after the last `{`, `}` or `;`). */
  readonly statement: readonly IToken[];
  /** The identifier being typed, and where it starts. */
  readonly word: string;
  readonly wordStart: number;
  /** Text of the line before the word. */
  readonly before: string;
  readonly tokens: readonly IToken[];
}

const BLOCK_KEYWORDS: Readonly<Record<string, BlockKind>> = {
  Rubric: "Rubric",
  Example: "Example",
  Group: "Group",
  Indicator: "Indicator",
  Given: "Given",
  Checklist: "Checklist",
  Grades: "Grades",
  Bands: "Bands",
  Tiers: "Tiers",
  Replace: "Replace",
  Reword: "Reword",
  Reweight: "Reweight",
  Enum: "Enum",
  List: "Record",
};

const BOUNDARY = new Set(["LBrace", "RBrace", "Semicolon"]);

export function completionContext(snap: Snapshot, uri: string, offset: number): CompletionContext | undefined {
  const doc = snap.document(uri);
  if (!doc) return undefined;
  const tokens = snap.lex(uri).tokens;
  const frames: Frame[] = [{ kind: "File", header: [], open: -1 }];
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    if ((t.endOffset ?? t.startOffset) + 1 > offset) break;
    const name = t.tokenType.name;
    if (name === "LBrace") {
      const header = headerBefore(tokens, i);
      const parent = frames[frames.length - 1] as Frame;
      let kind: BlockKind | undefined;
      for (const h of header) kind = BLOCK_KEYWORDS[h.tokenType.name] ?? kind;
      if (parent.kind === "Reweight" || parent.kind === "ReweightEntry") kind = "ReweightEntry";
      frames.push({ kind: kind ?? "Record", header, open: i });
    } else if (name === "RBrace" && frames.length > 1) frames.pop();
  }
  const lineStart = doc.text.lastIndexOf("\n", offset - 1) + 1;
  const lineBefore = doc.text.slice(lineStart, offset);
  const word = /[\p{L}_][\p{L}\p{N}_·]*$/u.exec(lineBefore)?.[0] ?? "";
  const statement: IToken[] = [];
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j] as IToken;
    if (BOUNDARY.has(t.tokenType.name) || t.startOffset < lineStart) break;
    if ((t.endOffset ?? t.startOffset) + 1 <= offset - word.length) statement.unshift(t);
  }
  return {
    frames,
    block: frames[frames.length - 1] as Frame,
    statement,
    word,
    wordStart: offset - word.length,
    before: lineBefore.slice(0, lineBefore.length - word.length),
    tokens,
  };
}

/** The tokens from the start of the statement up to the `{` at `brace`. */
function headerBefore(tokens: readonly IToken[], brace: number): IToken[] {
  const out: IToken[] = [];
  for (let j = brace - 1; j >= 0; j--) {
    const t = tokens[j] as IToken;
    if (BOUNDARY.has(t.tokenType.name)) break;
    out.unshift(t);
  }
  return out;
}

/** A rubric named by a header's `NAME [YEAR]` after its keyword (`rubric`, `for`). */
export function rubricNamed(snap: Snapshot, header: readonly IToken[], keyword: string): CheckedRubric | undefined {
  const k = header.findIndex((t) => t.tokenType.name === keyword);
  if (k < 0) return undefined;
  const nameTok = header[k + 1];
  if (!nameTok) return undefined;
  const name = nameTok.tokenType.name === "StringLiteral" ? nameTok.image.slice(1, -1) : nameTok.image;
  const yearTok = header[k + 2];
  const year = yearTok?.tokenType.name === "NumberLiteral" ? Number(yearTok.image) : undefined;
  const same = snap.program.rubrics.filter((r) => r.model.name === name);
  return (
    same.find((r) => r.model.year === year) ??
    (year === undefined && same.length === 1 ? same[0] : undefined) ??
    same[0]
  );
}

/** The rubric the cursor's block is about: an example's `for` target, else the enclosing rubric. */
export function contextRubric(snap: Snapshot, ctx: CompletionContext): CheckedRubric | undefined {
  for (let i = ctx.frames.length - 1; i >= 0; i--) {
    const f = ctx.frames[i] as Frame;
    if (f.kind === "Example") {
      const r = rubricNamed(snap, f.header, "For");
      if (r) return r;
    }
    if (f.kind === "Rubric") return rubricNamed(snap, f.header, "Rubric");
  }
  return undefined;
}

/** Names declared with `let` inside the innermost indicator block (anywhere in it, before or after the cursor). */
export function indicatorLets(ctx: CompletionContext): string[] {
  const f = [...ctx.frames].reverse().find((x) => x.kind === "Indicator" || x.kind === "Replace");
  if (!f) return [];
  const out: string[] = [];
  let depth = 0;
  for (let j = f.open; j < ctx.tokens.length; j++) {
    const t = ctx.tokens[j] as IToken;
    if (t.tokenType.name === "LBrace") depth++;
    else if (t.tokenType.name === "RBrace" && --depth === 0) break;
    else if (t.tokenType.name === "Let" && depth === 1) {
      const n = ctx.tokens[j + 1];
      if (n) out.push(n.image);
    }
  }
  return out;
}
