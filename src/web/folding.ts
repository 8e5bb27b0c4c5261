/**
 * Folding from the language server's `textDocument/foldingRange` (groups,
 * indicators, examples, as in any LSP editor): the ranges are fetched after
 * an edit settles and kept in the editor state, where CodeMirror's
 * synchronous fold service reads them.
 */
import { foldService } from "@codemirror/language";
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { EditorView, ViewPlugin, type ViewUpdate } from "@codemirror/view";

interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

const setRanges = StateEffect.define<readonly LineRange[]>();

const ranges = StateField.define<readonly LineRange[]>({
  create: () => [],
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setRanges)) return e.value;
    if (!tr.docChanged) return value;
    // Until the server answers for the new text, keep ranges whose lines still exist.
    const lines = tr.state.doc.lines;
    return value.filter((r) => r.endLine < lines);
  },
});

/** True for an update that brought new ranges from the server (the fold gutter then redraws its markers). */
export const foldingArrived = (u: ViewUpdate): boolean =>
  u.transactions.some((t) => t.effects.some((e) => e.is(setRanges)));

/** `fetch` asks the server for the file's folding ranges (0-based lines, as LSP gives them). */
export function serverFolding(fetch: () => Promise<readonly LineRange[] | null>): Extension {
  const refresh = (view: EditorView) =>
    void fetch()
      .then((rs) => view.dispatch({ effects: setRanges.of(rs ?? []) }))
      .catch(() => undefined);
  return [
    ranges,
    foldService.of((state, lineStart) => {
      const line = state.doc.lineAt(lineStart).number - 1;
      const r = state.field(ranges).find((x) => x.startLine === line && x.endLine > line);
      if (!r || r.endLine + 1 > state.doc.lines) return null;
      return { from: state.doc.line(line + 1).to, to: state.doc.line(r.endLine + 1).to };
    }),
    ViewPlugin.define((view) => {
      let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => refresh(view), 200);
      return {
        update(u: ViewUpdate) {
          if (!u.docChanged) return;
          clearTimeout(timer);
          timer = setTimeout(() => refresh(view), 400);
        },
        destroy() {
          clearTimeout(timer);
        },
      };
    }),
  ];
}
