/**
 * The document's tokens, for looking up what the syntax tree does not keep:
 * the spelling of keywords and punctuation between a node's children.
 */
import type { IToken } from "chevrotain";
import { tokenize } from "../compiler/syntax/tokens.js";

export class Source {
  /** Non-comment tokens in document order. */
  readonly tokens: readonly IToken[];

  constructor(readonly text: string) {
    this.tokens = tokenize(text).tokens;
  }

  /** Index of the first token starting at or after `offset`. */
  private indexFrom(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tokens[mid] as IToken).startOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The token starting exactly at `offset`. */
  at(offset: number): IToken {
    const t = this.tokens[this.indexFrom(offset)];
    if (!t || t.startOffset !== offset) throw new Error(`internal: no token at offset ${offset}`);
    return t;
  }

  /** The first token at or after `offset`. */
  next(offset: number): IToken {
    const t = this.tokens[this.indexFrom(offset)];
    if (!t) throw new Error(`internal: no token after offset ${offset}`);
    return t;
  }

  /** The last token starting before `offset`. */
  prev(offset: number): IToken {
    const t = this.tokens[this.indexFrom(offset) - 1];
    if (!t) throw new Error(`internal: no token before offset ${offset}`);
    return t;
  }

  /** Tokens lying within [start, end). */
  within(start: number, end: number): IToken[] {
    const out: IToken[] = [];
    for (let i = this.indexFrom(start); i < this.tokens.length; i++) {
      const t = this.tokens[i] as IToken;
      if (t.startOffset >= end) break;
      out.push(t);
    }
    return out;
  }

  /** The first token of one of `names` within [start, end), if any. */
  find(start: number, end: number, ...names: string[]): IToken | undefined {
    return this.within(start, end).find((t) => names.includes(t.tokenType.name));
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }
}

export const tokenEnd = (t: IToken): number => (t.endOffset ?? t.startOffset) + 1;
