/**
 * The workspace: documents open in the editor (their text follows every
 * incremental change) and `.rubric` files on disk in the workspace folders,
 * so that `extends` resolves across files. An open document hides the disk
 * copy of the same file.
 *
 * `snapshot()` analyses at most once per set of document versions: every
 * change bumps a generation, and the snapshot is recomputed only when the
 * generation moved. Parsed documents are kept per file and reused while the
 * file's text is unchanged, so editing one file re-parses only that file;
 * only the open documents and the files related to them are analysed.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import {
  analyzeProgram,
  parseDocument,
  prepareIncremental,
  updateDocument,
  type ParsedDocument,
  type Program,
  type TextEdit,
} from "../compiler/program.js";
import { families, mergePrograms } from "./families.js";
import { relatedDocuments } from "./related.js";
import { Snapshot, type DocumentVersion, type UnreadableFile } from "./snapshot.js";
import type { Unreadable } from "./host.js";

/**
 * The same file can be spelled differently by the editor and by the disk
 * scan (percent-encoding, drive-letter case): compare `file:` URIs decoded.
 */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  let s = uri;
  try {
    s = decodeURIComponent(uri);
  } catch {
    /* keep it as it is */
  }
  return s.replace(/^file:\/\/\/([A-Za-z])(:|%3A)/, (_m, d: string) => `file:///${d.toLowerCase()}:`);
}

interface Family {
  readonly parsed: readonly ParsedDocument[];
  readonly program: Program;
}

/** Past this many edits between two analyses a whole parse is cheaper than replaying them. */
const MAX_INCREMENTAL_EDITS = 64;

export class Workspace {
  private readonly open = new Map<string, TextDocument>();
  /** Disk files by canonical URI. */
  private readonly disk = new Map<string, { readonly uri: string; readonly text: string }>();
  /** Files on disk that exist but could not be read as rubric text, by canonical URI. */
  private readonly unreadable = new Map<string, UnreadableFile>();
  /** Parsed documents by URI, reused while their text is unchanged. */
  private readonly parsed = new Map<string, ParsedDocument>();
  /**
   * Edits of each open document since it was last parsed, as offsets in the
   * text before each edit; null after a whole-text change. They let the
   * front end re-parse only the edited declaration.
   */
  private readonly edits = new Map<string, TextEdit[] | null>();
  private generation = 0;
  private current?: Snapshot;
  /** The analysis of each family of the current snapshot (see `families.ts`), by its documents' URIs. */
  private families = new Map<string, Family>();
  /** How many snapshots were analysed (for tests: one per set of versions). */
  analyses = 0;
  /** How many families were analysed: a family whose documents did not change is not analysed again. */
  familyAnalyses = 0;
  /** Edited documents re-parsed declaration by declaration, and those parsed whole (for tests). */
  readonly parses = { local: 0, whole: 0 };

  get version(): number {
    return this.generation;
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  openUris(): string[] {
    return [...this.open.keys()];
  }

  openVersion(uri: string): number | undefined {
    return this.open.get(uri)?.version;
  }

  text(uri: string): string | undefined {
    return this.open.get(uri)?.getText() ?? this.disk.get(canonicalUri(uri))?.text;
  }

  private openCanonical(): Set<string> {
    return new Set([...this.open.keys()].map(canonicalUri));
  }

  openDocument(uri: string, text: string, version: number, languageId = "rubric"): void {
    this.edits.set(uri, null);
    this.open.set(uri, TextDocument.create(uri, languageId, version, text));
    this.bump();
  }

  /** Applies incremental (or full) changes in order; ignores a change for a document that is not open. */
  changeDocument(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): boolean {
    let doc = this.open.get(uri);
    if (!doc) return false;
    let pending = this.edits.has(uri) ? (this.edits.get(uri) ?? null) : [];
    for (const change of changes) {
      if ("range" in change && change.range && pending) {
        pending.push({
          start: doc.offsetAt(change.range.start),
          end: doc.offsetAt(change.range.end),
          text: change.text,
        });
      } else pending = null;
      if (pending && pending.length > MAX_INCREMENTAL_EDITS) pending = null;
      // One change at a time: each range is in the coordinates of the text before it.
      doc = TextDocument.update(doc, [change], version);
    }
    this.edits.set(uri, pending);
    this.open.set(uri, doc);
    this.bump();
    return true;
  }

  closeDocument(uri: string): void {
    this.edits.delete(uri);
    if (this.open.delete(uri)) this.bump();
  }

  /** Records what the host read for a disk file: its text, why it is unreadable, or nothing (it is gone). */
  setDiskRead(uri: string, read: string | Unreadable | undefined): void {
    if (typeof read === "string") this.setDiskFile(uri, read);
    else if (read === undefined) this.deleteDiskFile(uri);
    else {
      this.deleteDiskFile(uri);
      this.unreadable.set(canonicalUri(uri), { uri, reason: read.unreadable, lossyText: read.lossyText });
      this.bump();
    }
  }

  setDiskFile(uri: string, text: string): void {
    const key = canonicalUri(uri);
    if (this.unreadable.delete(key)) this.bump();
    if (this.disk.get(key)?.text === text) return;
    this.disk.set(key, { uri: this.disk.get(key)?.uri ?? uri, text });
    if (!this.openCanonical().has(key)) this.bump();
  }

  deleteDiskFile(uri: string): void {
    const key = canonicalUri(uri);
    if (this.unreadable.delete(key)) this.bump();
    if (this.disk.delete(key) && !this.openCanonical().has(key)) this.bump();
  }

  /** Forgets the disk files of a workspace folder that was removed. */
  deleteDiskFilesUnder(folderUri: string): void {
    const prefix = canonicalUri(folderUri).replace(/\/?$/, "/");
    for (const key of [...this.disk.keys(), ...this.unreadable.keys()])
      if (key.startsWith(prefix)) this.deleteDiskFile(this.disk.get(key)?.uri ?? key);
  }

  /** Whether `snapshot()` would analyse again. */
  get stale(): boolean {
    return !this.current || this.current.generation !== this.generation;
  }

  /**
   * The analysis of the current versions, computed now if the documents
   * changed since the last one. It covers the open documents and the files
   * related to them by rubric names (see `related.ts`).
   */
  snapshot(): Snapshot {
    if (this.current && this.current.generation === this.generation) return this.current;
    const all = new Map<string, DocumentVersion>();
    const open = this.openCanonical();
    for (const [key, f] of this.disk) if (!open.has(key)) all.set(f.uri, { uri: f.uri, text: f.text, version: null });
    for (const [uri, d] of this.open) all.set(uri, { uri, text: d.getText(), version: d.version });
    for (const uri of [...this.parsed.keys()]) if (!all.has(uri)) this.parsed.delete(uri);
    for (const d of all.values()) this.parse(d);
    const wanted = relatedDocuments(this.parsed, this.open.keys());
    const docs = [...all.values()]
      .filter((d) => wanted.has(d.uri))
      .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const uris = docs.map((d) => d.uri);
    const kept = new Map<string, Family>();
    const programs = (families(this.parsed, uris) ?? [uris]).map((group) => {
      const key = group.join("\n");
      const parsed = group.map((u) => this.parsed.get(u) as ParsedDocument);
      const before = this.families.get(key);
      // Parsed documents are replaced, never changed, when their text changes: the same objects, the same analysis.
      const program = before && before.parsed.every((p, i) => p === parsed[i]) ? before.program : this.analyze(parsed);
      kept.set(key, { parsed, program });
      return program;
    });
    // Only the current families are kept: nothing of an older snapshot stays reachable from here.
    this.families = kept;
    this.current = new Snapshot(this.generation, new Map(docs.map((d) => [d.uri, d])), mergePrograms(programs), [
      ...this.unreadable.values(),
    ]);
    this.analyses++;
    return this.current;
  }

  private analyze(parsed: readonly ParsedDocument[]): Program {
    this.familyAnalyses++;
    return analyzeProgram(
      parsed.map((p) => ({ file: p.file, text: p.text })),
      new Map(parsed.map((p) => [p.file, p])),
    );
  }

  /**
   * Parses a document unless its text is the one parsed last time; after a
   * few incremental edits, re-parses only the declarations they touched.
   */
  private parse(d: DocumentVersion): ParsedDocument {
    const p = this.parsed.get(d.uri);
    const edits = this.edits.get(d.uri);
    this.edits.set(d.uri, []);
    if (p && p.text === d.text) return p;
    if (p && edits && edits.length > 0 && edits.length <= MAX_INCREMENTAL_EDITS) {
      const next = updateDocument(p, edits);
      if (next.text === d.text) {
        if (next.ast === p.ast) this.parses.local++;
        else {
          this.parses.whole++;
          prepareIncremental(next);
        }
        this.parsed.set(d.uri, next);
        return next;
      }
    }
    const fresh = parseDocument({ file: d.uri, text: d.text });
    if (p) {
      // A document edited since it was opened: index it for the next edit now, not on that keystroke.
      this.parses.whole++;
      prepareIncremental(fresh);
    }
    this.parsed.set(d.uri, fresh);
    return fresh;
  }

  private bump(): void {
    this.generation++;
  }
}
