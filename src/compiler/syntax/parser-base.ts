/**
 * What every grammar class shares: the error messages, the statement separator, and recovery per
 * declaration. A syntax error stays inside the innermost block (file, rubric, group, indicator,
 * example, replace) that contains it: the block skips to its next item — a keyword that starts one,
 * first on its line, at the block's own brace depth — or to its closing brace, and goes on. The
 * skipping is a loop, never a recursion, so no input can make recovery exhaust the stack.
 */
import {
  createToken,
  CstParser,
  EOF,
  isRecognitionException,
  Lexer,
  MismatchedTokenException,
  NoViableAltException,
  tokenMatcher,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
} from "chevrotain";
import * as T from "./tokens.js";

const K = T.keywordTokens;

export const SEP = "\u0000";
const label = (t: TokenType): string => (t.LABEL ?? t.name).split("/").slice(0, 2).join("/");
const describe = (t: IToken | undefined): string =>
  !t || t.tokenType.name === "EOF" ? "end of file" : `'${t.image.length > 24 ? `${t.image.slice(0, 24)}…` : t.image}'`;

function uniqueLabels(paths: TokenType[][]): string {
  const firsts = [
    ...new Set(
      paths
        .map((p) => p[0])
        .filter((t): t is TokenType => !!t)
        .map(label),
    ),
  ];
  return firsts.length > 6 ? `${firsts.slice(0, 6).join(", ")}, …` : firsts.join(", ");
}

/** The expected tokens of the last no-viable-alternative message, kept per alternation (see `raiseNoAltException`). */
let lastExpected = "";

/** Messages are encoded "found<NUL>expected" and decoded into diagnostic args by parse.ts. */
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `${describe(actual)}${SEP}${label(expected)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `${describe(firstRedundant)}${SEP}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) => {
    lastExpected = uniqueLabels(expectedPathsPerAlt.flat());
    return `${describe(actual[0])}${SEP}${lastExpected}`;
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `${describe(actual[0])}${SEP}${uniqueLabels(expectedIterationPaths)}`,
};

/** A token type no input has: re-synchronising to it never succeeds, so the error travels up to a block. */
const NoResync = createToken({ name: "NoResync", pattern: Lexer.NA });

/** chevrotain internals the recovery reads (stable across chevrotain 10–11). */
interface Internals {
  getCurrRuleFullName(): string;
  SAVE_ERROR(e: Error): Error;
  raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never;
  RULE_STACK_IDX: number;
  maxLookahead: number;
  flattenFollowSet(): TokenType[];
  attemptInRepetitionRecovery: () => void;
}

/** Keywords that open a declaration of their own: seen first on a line, they end any broken block. */
const DECLARATION_STARTS = new Set<TokenType>([K.Rubric, K.Group, K.Indicator, K.Example]);

export type ItemStarts = ReadonlySet<TokenType>;

export abstract class ResyncingParser extends CstParser {
  /** Keywords the text being parsed declares as names (see keyword-names.ts); set before each parse. */
  keywordNames: ReadonlySet<string> = new Set();
  /** Number of unclosed `{` before each token of the input. */
  private depth = new Int32Array(0);
  /** Where a block ended without its `}` (an extra `{` inside it): braces after that nest one level less. */
  private unclosed: number[] = [];
  /** Whether each token is the first on its line (or follows a `;`). */
  private lineStart = new Uint8Array(0);

  /**
   * `validate`: check the grammar for ambiguities and mistakes while analysing it. That is 40% of
   * the grammar analysis every `rubric` command and server pays at start-up, for a grammar that only
   * changes with the source: the tests construct a validating parser (test/syntax/grammar-valid.test.ts).
   */
  constructor(validate = false) {
    super(T.allTokens, {
      skipValidations: !validate,
      recoveryEnabled: true,
      maxLookahead: 4,
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider,
    });
    // chevrotain's own repetition recovery re-enters the loop recursively once per recovery
    // (a stack overflow on long files); blocks skip to their next item instead (`block`).
    (this as unknown as Internals).attemptInRepetitionRecovery = () => undefined;
  }

  /** Sets the tokens to parse next and indexes them for recovery. */
  setInput(tokens: IToken[]): void {
    this.input = tokens;
    this.unclosed = [];
    const n = tokens.length;
    this.depth = new Int32Array(n);
    this.lineStart = new Uint8Array(n);
    let d = 0;
    let prev: IToken | undefined;
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as IToken;
      this.depth[i] = d;
      const type = t.tokenType;
      if (type === T.LBrace) d++;
      else if (type === T.RBrace && d > 0) d--;
      this.lineStart[i] =
        !prev ||
        prev.tokenType === T.Semicolon ||
        (prev.endLine ?? 0) < (t.startLine ?? 0) ||
        prev.endLine === undefined
          ? 1
          : 0;
      prev = t;
    }
  }

  /**
   * Re-synchronise only where the parser already stands: a rule whose follower is the next token
   * ends there (a missing operand becomes an error node); anything else is left to the enclosing
   * block, which skips to its next item. chevrotain's default scans ahead through the whole file.
   */
  findReSyncTokenType(): TokenType {
    const self = this as unknown as Internals;
    if (self.RULE_STACK_IDX === 0) return EOF;
    const next = this.LA(1);
    return self.flattenFollowSet().find((t) => tokenMatcher(next, t)) ?? NoResync;
  }

  /** Offsets of the tokens where a block ended without its `}` in the last parse (an incremental re-parse reads them). */
  unclosedOffsets(): number[] {
    return this.unclosed.map((at) => this.input[at]?.startOffset ?? Number.POSITIVE_INFINITY);
  }

  /** Expected tokens per alternation, computed once: chevrotain recomputes them, for seconds, on every error. */
  private expectedByAlternation = new Map<string, string>();

  raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never {
    const self = this as unknown as Internals;
    const key = `${self.getCurrRuleFullName()}#${occurrence}`;
    const expected = this.expectedByAlternation.get(key);
    if (expected === undefined) {
      // The message names first tokens only; paths one token long give the same set, without chevrotain's
      // path expansion (up to a second per alternation at lookahead 4: the first time a keystroke breaks one).
      const k = self.maxLookahead;
      self.maxLookahead = 1;
      try {
        (CstParser.prototype as unknown as Internals).raiseNoAltException.call(this, occurrence, errMsgTypes);
      } finally {
        self.maxLookahead = k;
        this.expectedByAlternation.set(key, lastExpected);
      }
    }
    throw self.SAVE_ERROR(
      new NoViableAltException(`${describe(this.LA(1))}${SEP}${expected ?? ""}`, this.LA(1), this.LA(0)),
    );
  }

  /** Optional `;` or `,` between statements; uses index 9 so it never clashes with a rule's own OPTION/OR. */
  protected sep(): void {
    this.OPTION9(() => this.OR9([{ ALT: () => this.CONSUME9(T.Semicolon) }, { ALT: () => this.CONSUME9(T.Comma) }]));
  }

  /** `{ item* }` where a broken item is skipped up to the next one. Uses MANY8/CONSUME8. */
  protected block(starts: ItemStarts, item: () => void): void {
    this.CONSUME8(T.LBrace);
    const open = this.position() - 1;
    this.items(open, starts, item);
    const next = this.LA(1).tokenType;
    if (!this.RECORDING_PHASE && next !== T.RBrace && next !== EOF) this.unclosed.push(this.position());
    this.CONSUME8(T.RBrace);
  }

  /** The items of a block opened at token `open` (-1: the file); stops before its closing brace. */
  protected items(open: number, starts: ItemStarts, item: () => void): void {
    for (;;) {
      this.MANY8(() => {
        const at = this.position();
        try {
          item();
        } catch (e) {
          if (!isRecognitionException(e as Error)) throw e;
          // The error is recorded and its partial node is in the tree: skip past it, by one token at least.
          this.skipToItem(open, starts, this.position() === at);
        }
      });
      if (this.RECORDING_PHASE || this.atBlockEnd(open, starts)) return;
      // Something that starts no item: one error, then on to the next item.
      const found = this.LA(1);
      const expected = open < 0 ? "" : label(T.RBrace);
      this.errors = [
        ...this.errors,
        new MismatchedTokenException(`${describe(found)}${SEP}${expected}`, found, this.LA(0)),
      ];
      if (!this.skipToItem(open, starts, true)) return;
    }
  }

  /** Brace depth of token `i` as the blocks parsed so far pair up. */
  private depthAt(i: number): number {
    let d = this.depth[i] ?? 0;
    for (const at of this.unclosed) if (at <= i) d--;
    return d;
  }

  /** Index of the next token. */
  private position(): number {
    const next = this.LA(1);
    if (next.tokenType === EOF) return this.input.length;
    // Tokens are sorted by offset: find the next one by its offset.
    const tokens = this.input;
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as IToken).startOffset < next.startOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether token `i` ends the block opened at `open`: its closing brace, or a declaration it cannot hold. */
  private endsBlock(i: number, open: number, starts: ItemStarts): boolean {
    const t = this.input[i];
    if (!t) return true;
    if (open < 0) return false;
    const base = this.depthAt(open) + 1;
    const d = this.depthAt(i);
    if (d < base || (d === base && t.tokenType === T.RBrace)) return true;
    return this.lineStart[i] === 1 && DECLARATION_STARTS.has(t.tokenType) && !starts.has(t.tokenType);
  }

  private atBlockEnd(open: number, starts: ItemStarts): boolean {
    return this.endsBlock(this.position(), open, starts);
  }

  /**
   * Skips tokens up to the next item of the block opened at `open`; whether one follows (false: the
   * block ends next — its closing brace, the end of the input, or a declaration it cannot hold).
   */
  private skipToItem(open: number, starts: ItemStarts, mustMove: boolean): boolean {
    const base = open < 0 ? 0 : this.depthAt(open) + 1;
    let i = this.position();
    let moved = !mustMove;
    for (;;) {
      if (this.endsBlock(i, open, starts)) return false;
      if (moved) {
        const t = this.input[i] as IToken;
        if (
          this.lineStart[i] === 1 &&
          starts.has(t.tokenType) &&
          (this.depthAt(i) === base || DECLARATION_STARTS.has(t.tokenType))
        )
          return true;
      }
      this.SKIP_TOKEN();
      i++;
      moved = true;
    }
  }
}
