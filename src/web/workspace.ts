/**
 * The LSP client's view of the playground's files: one editor per file, as
 * @codemirror/lsp-client's default workspace, plus `displayFile`, so that go
 * to definition into another file (a base rubric) opens that file's tab.
 */
import type { EditorView } from "@codemirror/view";
import { LSPPlugin, Workspace, type LSPClient, type WorkspaceFile } from "@codemirror/lsp-client";
import type { Text } from "@codemirror/state";

class PlaygroundFile implements WorkspaceFile {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public doc: Text,
    readonly view: EditorView,
  ) {}
  getView(): EditorView {
    return this.view;
  }
}

export class PlaygroundWorkspace extends Workspace {
  files: PlaygroundFile[] = [];
  private versions = new Map<string, number>();

  constructor(
    client: LSPClient,
    /** Shows the file's tab and gives its editor, or null for a file the playground does not hold. */
    private readonly show: (uri: string) => EditorView | null,
  ) {
    super(client);
  }

  private nextVersion(uri: string): number {
    const v = (this.versions.get(uri) ?? -1) + 1;
    this.versions.set(uri, v);
    return v;
  }

  syncFiles() {
    const out = [];
    for (const file of this.files) {
      const plugin = LSPPlugin.get(file.view);
      if (!plugin || plugin.unsyncedChanges.empty) continue;
      out.push({ changes: plugin.unsyncedChanges, file, prevDoc: file.doc });
      file.doc = file.view.state.doc;
      file.version = this.nextVersion(file.uri);
      plugin.clear();
    }
    return out;
  }

  openFile(uri: string, languageId: string, view: EditorView): void {
    if (this.getFile(uri)) return;
    const file = new PlaygroundFile(uri, languageId, this.nextVersion(uri), view.state.doc, view);
    this.files.push(file);
    this.client.didOpen(file);
  }

  closeFile(uri: string): void {
    if (!this.getFile(uri)) return;
    this.files = this.files.filter((f) => f.uri !== uri);
    this.client.didClose(uri);
  }

  override displayFile(uri: string): Promise<EditorView | null> {
    return Promise.resolve(this.show(uri));
  }
}
