/**
 * One analysis of the workspace at a set of document versions, shared by
 * every feature. What features derive from it (the symbol index, example
 * runs, tokens) is computed on first use and kept with the snapshot, so a
 * hover, a completion and a code lens on the same version analyse once.
 */
import type { IToken } from "chevrotain";
import {
  analyzeProgram,
  type CheckedRubric,
  type ParsedDocument,
  type Program,
  type SourceDocument,
} from "../compiler/program.js";
import type { Diagnostic, Message } from "../compiler/diagnostics/diagnostic.js";
import { runExample, type ExampleResult } from "../compiler/examples/run.js";
import type { PreparedExample } from "../compiler/examples/prepare.js";
import type * as A from "../compiler/syntax/ast.js";
import { buildIndex, type SymbolIndex } from "./symbols.js";

export interface DocumentVersion {
  readonly uri: string;
  readonly text: string;
  /** The editor's version for an open document; null for a file read from disk. */
  readonly version: number | null;
}

/** A workspace file that could not be read as a rubric, and why. */
export interface UnreadableFile {
  readonly uri: string;
  readonly reason: Message;
  /** Its text decoded leniently: enough to tell which rubrics it meant to declare. */
  readonly lossyText: string;
}

export interface LexedDocument {
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
}

export class Snapshot {
  private indexCache?: SymbolIndex;
  private readonly results = new Map<PreparedExample, ExampleResult | null>();
  private byDecl?: Map<A.RubricDecl, CheckedRubric>;
  private diagsByFile?: Map<string, Diagnostic[]>;

  constructor(
    readonly generation: number,
    readonly versions: ReadonlyMap<string, DocumentVersion>,
    readonly program: Program,
    readonly unreadable: readonly UnreadableFile[] = [],
  ) {}

  /** Analyses `docs` (reusing parsed documents from `parsed` whose text is unchanged). */
  static analyze(
    generation: number,
    docs: readonly DocumentVersion[],
    parsed?: ReadonlyMap<string, ParsedDocument>,
    unreadable: readonly UnreadableFile[] = [],
  ): Snapshot {
    const sources: SourceDocument[] = docs.map((d) => ({ file: d.uri, text: d.text }));
    const reuse = new Map<string, ParsedDocument>();
    for (const d of docs) {
      const p = parsed?.get(d.uri);
      if (p && p.text === d.text) reuse.set(d.uri, p);
    }
    const program = analyzeProgram(sources, reuse);
    return new Snapshot(generation, new Map(docs.map((d) => [d.uri, d])), program, unreadable);
  }

  /** A snapshot of documents given as text (tests and tools). */
  static of(files: Record<string, string>): Snapshot {
    return Snapshot.analyze(
      0,
      Object.entries(files).map(([uri, text]) => ({ uri, text, version: 1 })),
    );
  }

  document(uri: string): ParsedDocument | undefined {
    return this.program.documents.get(uri);
  }

  get index(): SymbolIndex {
    this.indexCache ??= buildIndex(this);
    return this.indexCache;
  }

  rubricOf(decl: A.RubricDecl): CheckedRubric | undefined {
    this.byDecl ??= new Map(this.program.rubrics.map((r) => [r.model.decl, r]));
    return this.byDecl.get(decl);
  }

  /** The rubric declaration around `offset` in `uri`, and its checked rubric if it was built. */
  rubricAt(uri: string, offset: number): { decl: A.RubricDecl; checked?: CheckedRubric } | undefined {
    const doc = this.document(uri);
    const decl = doc?.ast.items.find(
      (i): i is A.RubricDecl => i.kind === "Rubric" && i.span.start <= offset && offset <= i.span.end,
    );
    if (!decl) return undefined;
    const checked = this.rubricOf(decl);
    return checked ? { decl, checked } : { decl };
  }

  exampleOf(decl: A.ExampleDecl): PreparedExample | undefined {
    return this.program.examples.find((e) => e.decl === decl);
  }

  /** Runs an example once per snapshot; null if the evaluator failed unexpectedly. */
  exampleResult(ex: PreparedExample): ExampleResult | null {
    if (!this.results.has(ex)) {
      let r: ExampleResult | null;
      try {
        r = runExample(ex);
      } catch {
        r = null;
      }
      this.results.set(ex, r);
    }
    return this.results.get(ex) ?? null;
  }

  /** The document's tokens and comments, as its parse lexed them (nothing is lexed again). */
  lex(uri: string): LexedDocument {
    const doc = this.document(uri);
    return doc ? { tokens: doc.tokens, comments: doc.comments } : { tokens: [], comments: [] };
  }

  diagnosticsOf(uri: string): readonly Diagnostic[] {
    if (!this.diagsByFile) {
      this.diagsByFile = new Map();
      for (const d of this.program.diagnostics) {
        const list = this.diagsByFile.get(d.file) ?? [];
        list.push(d);
        this.diagsByFile.set(d.file, list);
      }
    }
    return this.diagsByFile.get(uri) ?? [];
  }
}
