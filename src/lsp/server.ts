/**
 * The language server, independent of its transport: give it a
 * vscode-languageserver `Connection` (stdio in node, a message port in a
 * browser worker) and, to read `.rubric` files beside the open ones, a
 * workspace host.
 *
 * Edits are applied at once and analysed after a short quiet period: a
 * burst of keystrokes costs one analysis, and a request (hover, completion…)
 * that arrives before it runs analyses the current versions itself, which
 * the pending publish then reuses. Diagnostics are published only for the
 * versions they were computed from.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from "vscode-languageserver";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { codeActions } from "./code-actions.js";
import { formatDocument } from "./formatting.js";
import { codeLenses } from "./code-lens.js";
import { completion } from "./completion.js";
import { documentDiagnostics } from "./diagnostics.js";
import { foldingRanges } from "./folding.js";
import { NO_FILES, type WorkspaceHost } from "./host.js";
import { hover } from "./hover.js";
import { chooseLang } from "./lang.js";
import { definition, references } from "./navigation.js";
import { documentSymbols } from "./outline.js";
import { prepareRename, rename } from "./rename.js";
import { LEGEND, semanticTokens } from "./semantic-tokens.js";
import type { Snapshot } from "./snapshot.js";
import { Workspace } from "./workspace.js";

export interface ServerOptions {
  readonly host?: WorkspaceHost;
  /** Quiet period after an edit before diagnostics are computed. */
  readonly debounceMs?: number;
  /** `rubric lsp --lang`: used when neither the client's options nor its settings choose. */
  readonly lang?: Lang;
  /** Called around publishing each analysis (the node server keeps its memory in bounds there). */
  readonly memory?: {
    beforePublish(wholeParse: boolean): void;
    afterPublish(): void;
  };
}

export interface RubricServer {
  readonly workspace: Workspace;
  lang(): Lang;
}

// Short: analysis is incremental (tens of ms on a 2,000-indicator file), and a burst of edits
// queued while one analysis runs is coalesced into the next.
const DEFAULT_DEBOUNCE_MS = 10;

/**
 * Runs `f` after the callbacks already queued the way vscode-jsonrpc queues its messages: setImmediate in node,
 * setTimeout in a browser worker (which has no setImmediate, and where vscode-jsonrpc uses setTimeout too).
 */
const afterQueued = (f: () => void): void => {
  if (typeof setImmediate === "function") setImmediate(f);
  else setTimeout(f, 0);
};

export function startServer(connection: Connection, options: ServerOptions = {}): RubricServer {
  const host = options.host ?? NO_FILES;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const workspace = new Workspace();
  const published = new Map<string, { version: number | null; key: string }>();
  let folders: string[] = [];
  let langSetting: unknown;
  let initOption: unknown;
  let locale: unknown;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shuttingDown = false;
  let watchFolders = false;
  /**
   * Diagnostics wait for the first scan of the workspace folders, so that a
   * rubric opened at startup is not reported against a missing base for a
   * moment (bounded, in case the scan is slow).
   */
  let scanned = false;
  const SCAN_WAIT_MS = 5000;
  /** File-system work (scans, watched-file events) runs one batch at a time, in arrival order. */
  let files: Promise<void> = Promise.resolve();
  const serial = (what: string, task: () => Promise<void>): void => {
    files = files.then(task).catch((e: unknown) => log(what, e));
  };

  const lang = (): Lang =>
    chooseLang({ setting: langSetting, initializationOption: initOption, commandLine: options.lang, locale });
  const log = (what: string, e: unknown): void => {
    try {
      connection.console.error(`rubric: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } catch {
      /* the connection is gone */
    }
  };

  /** Runs a feature on the current analysis; a failure is logged, never thrown at the client. */
  const guard = <T>(what: string, fallback: T, f: (snap: Snapshot) => T): T => {
    try {
      return f(workspace.snapshot());
    } catch (e) {
      log(what, e);
      return fallback;
    }
  };

  const send = (p: PublishDiagnosticsParams): void => {
    // A client that went away rejects: nothing to do about it, and nothing to crash for.
    connection.sendDiagnostics(p).catch((e: unknown) => log("publishing diagnostics", e));
  };

  const publish = (force = false): void => {
    const snap = workspace.snapshot();
    const l = lang();
    for (const uri of workspace.openUris()) {
      const version = workspace.openVersion(uri) ?? null;
      // Never publish diagnostics computed from another version of the text.
      if (snap.versions.get(uri)?.version !== version) continue;
      const diagnostics = documentDiagnostics(snap, uri, l);
      const key = JSON.stringify(diagnostics);
      const last = published.get(uri);
      if (!force && last && last.version === version && last.key === key) continue;
      published.set(uri, { version, key });
      send({ uri, ...(version !== null ? { version } : {}), diagnostics });
    }
  };

  const flush = (force = false): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (shuttingDown || !scanned) return;
    // Messages already read but not yet handled wait in setImmediate callbacks queued before this one (that is
    // how vscode-jsonrpc drains its queue): let them run first, and drop this analysis if one of them edited a
    // document — the edit scheduled its own, on the newer text.
    const at = workspace.version;
    afterQueued(() => {
      if (shuttingDown || workspace.version !== at) return;
      try {
        const whole = workspace.parses.whole;
        workspace.snapshot();
        options.memory?.beforePublish(workspace.parses.whole > whole);
        publish(force);
        options.memory?.afterPublish();
      } catch (e) {
        log("analysis", e);
      }
    });
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => flush(), debounceMs);
  };

  const clear = (uri: string): void => {
    if (!published.delete(uri)) return;
    send({ uri, diagnostics: [] });
  };

  /** Settings requests can cross: only the answer to the latest one counts. */
  let settingsRequest = 0;
  const pullSettings = async (): Promise<void> => {
    if (!canPullConfiguration) return;
    const mine = ++settingsRequest;
    try {
      const cfg = (await connection.workspace.getConfiguration("rubric")) as { lang?: unknown } | null;
      if (mine === settingsRequest) langSetting = cfg?.lang;
    } catch (e) {
      log("configuration", e);
    }
  };

  const loadFolder = async (folder: string): Promise<void> => {
    for (const uri of await host.findRubricFiles(folder)) {
      workspace.setDiskRead(uri, await host.readFile(uri));
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = params.initializationOptions as { lang?: unknown } | undefined;
    initOption = opts?.lang;
    locale = params.locale;
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    watchFolders = caps.workspace?.workspaceFolders === true;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["."], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: caps.workspace?.workspaceFolders === true },
        },
      },
      serverInfo: { name: "rubric", version: "0.1.0" },
    };
  });

  connection.onInitialized(() => {
    const giveUp = setTimeout(() => {
      scanned = true;
      schedule();
    }, SCAN_WAIT_MS);
    serial("loading the workspace", async () => {
      try {
        if (canWatchFiles) {
          await connection.client
            .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.rubric" }] })
            .catch((e: unknown) => log("watching files", e));
        }
        await pullSettings();
        for (const f of folders) await loadFolder(f);
      } finally {
        clearTimeout(giveUp);
        scanned = true;
        schedule();
      }
    });
    if (watchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        serial("workspace folders", async () => {
          for (const f of removed) workspace.deleteDiskFilesUnder(f.uri);
          for (const f of added) await loadFolder(f.uri);
          schedule();
        });
      });
    }
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    workspace.openDocument(d.uri, d.text, d.version, d.languageId);
    schedule();
  });

  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    if (workspace.changeDocument(d.uri, contentChanges, d.version)) schedule();
  });

  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    workspace.closeDocument(d.uri);
    clear(d.uri);
    schedule();
    // The editor may have saved the file before closing it: the copy read earlier is stale.
    serial("re-reading a closed file", async () => {
      await reread(d.uri);
      schedule();
    });
  });

  /** Reads a file again from the disk (unless it is open: the editor's text wins). */
  const reread = async (uri: string): Promise<void> => {
    if (!uri.endsWith(".rubric") || workspace.isOpen(uri)) return;
    const read = await host.readFile(uri);
    if (workspace.isOpen(uri)) return;
    workspace.setDiskRead(uri, read);
  };

  connection.onDidChangeWatchedFiles(({ changes }) => {
    serial("watched files", async () => {
      for (const c of changes) {
        if (!c.uri.endsWith(".rubric")) continue;
        if (c.type === FileChangeType.Deleted) {
          workspace.deleteDiskFile(c.uri);
          if (!workspace.isOpen(c.uri)) clear(c.uri);
        } else {
          workspace.setDiskRead(c.uri, await host.readFile(c.uri));
        }
      }
      schedule();
    });
  });

  connection.onDidChangeConfiguration((params) => {
    void (async () => {
      const before = lang();
      if (canPullConfiguration) await pullSettings();
      else {
        settingsRequest++;
        langSetting = (params.settings as { rubric?: { lang?: unknown } } | undefined)?.rubric?.lang;
      }
      if (lang() !== before) flush(true);
    })().catch((e: unknown) => log("configuration", e));
  });

  connection.onHover(({ textDocument, position }) =>
    guard("hover", null, (s) => hover(s, textDocument.uri, position, lang())),
  );
  connection.onCompletion(({ textDocument, position }) =>
    guard("completion", [], (s) => completion(s, textDocument.uri, position, lang())),
  );
  connection.onDefinition(({ textDocument, position }) =>
    guard("definition", null, (s) => definition(s, textDocument.uri, position)),
  );
  connection.onReferences(({ textDocument, position, context }) =>
    guard("references", [], (s) => references(s, textDocument.uri, position, context.includeDeclaration)),
  );
  connection.onPrepareRename(({ textDocument, position }) =>
    guard("prepareRename", null, (s) => prepareRename(s, textDocument.uri, position)),
  );
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const r = guard("rename", null, (s) => rename(s, textDocument.uri, position, newName, lang()));
    if (r && "error" in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r?.edit ?? null;
  });
  connection.onDocumentSymbol(({ textDocument }) =>
    guard("documentSymbol", [], (s) => documentSymbols(s, textDocument.uri, lang())),
  );
  connection.languages.semanticTokens.on(({ textDocument }) =>
    guard("semanticTokens", { data: [] }, (s) => semanticTokens(s, textDocument.uri)),
  );
  connection.onFoldingRanges(({ textDocument }) =>
    guard("foldingRanges", [], (s) => foldingRanges(s, textDocument.uri)),
  );
  connection.onDocumentFormatting(async ({ textDocument }) => {
    const text = workspace.text(textDocument.uri);
    if (text === undefined) return [];
    try {
      const r = await formatDocument(textDocument.uri, text);
      if ("edits" in r) return r.edits;
      // A notification, not window.showWarningMessage: that is a request, which some clients answer with a blocking prompt.
      void connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: r.refused })
        .catch((e: unknown) => log("formatting", e));
      return [];
    } catch (e) {
      log("formatting", e);
      return [];
    }
  });
  connection.onCodeLens(({ textDocument }) => guard("codeLens", [], (s) => codeLenses(s, textDocument.uri, lang())));
  connection.onCodeAction(({ textDocument, range, context }) =>
    guard("codeAction", [], (s) => codeActions(s, textDocument.uri, range, context.diagnostics, lang())),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
  });

  connection.listen();
  return { workspace, lang };
}
