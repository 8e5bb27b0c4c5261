/**
 * The playground: rubric files in CodeMirror editors, each connected through
 * @codemirror/lsp-client to the language server running in a Web Worker;
 * panels for the rubric under the cursor; files kept in IndexedDB.
 */
import { EditorView } from "@codemirror/view";
import { LSPClient, languageServerExtensions } from "@codemirror/lsp-client";
import samples from "virtual:samples";
import workerSource from "virtual:worker";
import { el, replace } from "./dom.js";
import { rubricLanguage } from "./highlight.js";
import { annexPanel, batchPanel, examplesPanel, formPanel, type Lang } from "./panels.js";
import {
  ANNEX,
  EXAMPLES,
  PROGRESS,
  RUBRICS,
  SCORE,
  SCORE_FILE,
  type AnnexAnswer,
  type ExampleSummary,
  type RubricSummary,
  type ScoreAnswer,
  type ScoreFileAnswer,
} from "./protocol.js";
import { fromShareHash, loadFiles, saveFile, shareHash, type StoredFile } from "./storage.js";
import { workerTransport } from "./transport.js";
import { PlaygroundWorkspace } from "./workspace.js";
import { serverFolding } from "./folding.js";
import { editorSetup } from "./setup.js";
import { outlinePanel, type OutlineSymbol } from "./outline-panel.js";
import { zipFiles } from "./zip-write.js";

const lang: Lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";
const uriOf = (name: string) => `file:///playground/${encodeURIComponent(name)}`;

// From a Blob: a page opened from a file share (file://) may not start a worker from a file.
const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })));
const transport = workerTransport(worker);
const client = new LSPClient({
  rootUri: "file:///playground/",
  workspace: (c) =>
    new PlaygroundWorkspace(c, (uri) => {
      const f = [...files.values()].find((x) => uriOf(x.name) === uri);
      if (!f) return null;
      show(f);
      return f.view;
    }),
  initializationOptions: { lang },
  extensions: languageServerExtensions(),
  timeout: 30_000,
}).connect(transport);
const request = async <R>(method: string, params: unknown = {}): Promise<R> => {
  client.sync();
  return client.request<unknown, R>(method, params);
};

interface OpenFile {
  readonly name: string;
  readonly view: EditorView;
  readonly host: HTMLElement;
}
const files = new Map<string, OpenFile>();
let current: OpenFile | undefined;

const tabs = el("nav", { class: "tabs", role: "tablist" });
const editors = el("div", { class: "editors" });
const panelTabs = el("nav", { class: "panel-tabs" });
const panel = el("section", { class: "panel" });
const status = el("span", { class: "status", "aria-live": "polite" });

type PanelName = "annex" | "examples" | "form" | "batch" | "outline";
const panelNames: Record<PanelName, string> =
  lang === "zh"
    ? { annex: "评分表", examples: "案例", form: "试算", batch: "批量评分", outline: "大纲" }
    : { annex: "Rubric", examples: "Examples", form: "Score one", batch: "Batch", outline: "Outline" };
let shown: PanelName = "examples";
/** The example whose score report the 评分表 panel shows, if any. */
let annexExample: string | undefined;
let progressListener: (done: number) => void = () => {};
transport.onNotification(PROGRESS, (p) => progressListener((p as { done: number }).done));

function save(f: OpenFile): void {
  void saveFile({ name: f.name, text: f.view.state.doc.toString() });
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refresh(), 300);
}

function openFile(f: StoredFile, focus: boolean): OpenFile {
  const existing = files.get(f.name);
  if (existing) {
    if (focus) show(existing);
    return existing;
  }
  const host = el("div", { class: "editor", "data-file": f.name, hidden: "" });
  editors.append(host);
  const view: EditorView = new EditorView({
    doc: f.text,
    parent: host,
    extensions: [
      editorSetup,
      rubricLanguage,
      EditorView.lineWrapping,
      client.plugin(uriOf(f.name), "rubric"),
      serverFolding(() =>
        request<{ startLine: number; endLine: number }[] | null>("textDocument/foldingRange", {
          textDocument: { uri: uriOf(f.name) },
        }),
      ),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        save(opened);
        scheduleRefresh();
      }),
    ],
  });
  const opened: OpenFile = { name: f.name, view, host };
  files.set(f.name, opened);
  const tab = el("button", { role: "tab", "data-file": f.name }, f.name);
  tab.addEventListener("click", () => show(opened));
  tabs.append(tab);
  if (focus) show(opened);
  return opened;
}

function show(f: OpenFile): void {
  if (current !== f) annexExample = undefined;
  current = f;
  for (const o of files.values()) o.host.hidden = o !== f;
  for (const t of tabs.querySelectorAll("button"))
    t.setAttribute("aria-selected", String(t.getAttribute("data-file") === f.name));
  scheduleRefresh();
}

async function refresh(): Promise<void> {
  const uri = current ? uriOf(current.name) : "";
  if (shown === "examples") {
    const xs = await request<ExampleSummary[]>(EXAMPLES);
    examplesPanel(
      panel,
      xs.filter((x) => x.file === uri),
      lang,
    );
    const n = xs.filter((x) => x.file === uri).length;
    const ok = xs.filter((x) => x.file === uri && x.pass).length;
    status.textContent = n ? `${ok}/${n} ${lang === "zh" ? "个案例通过" : "examples pass"}` : "";
    return;
  }
  if (shown === "batch") return;
  if (shown === "outline") {
    const view = current?.view;
    const symbols = await request<OutlineSymbol[] | null>("textDocument/documentSymbol", { textDocument: { uri } });
    outlinePanel(panel, symbols ?? [], lang, (at) => {
      if (!view) return;
      const line = view.state.doc.line(Math.min(at.line + 1, view.state.doc.lines));
      view.dispatch({ selection: { anchor: Math.min(line.from + at.character, line.to) }, scrollIntoView: true });
      view.focus();
    });
    return;
  }
  if (shown === "annex") {
    const a = await request<AnnexAnswer>(ANNEX, {
      file: uri,
      lang,
      ...(annexExample ? { example: annexExample } : {}),
    });
    annexPanel(panel, a, lang, annexExample, (ex) => {
      annexExample = ex;
      void refresh();
    });
    return;
  }
  const rs = await request<RubricSummary[]>(RUBRICS);
  const r = rs.find((x) => x.file === uri);
  // The form is rebuilt only for another rubric, so that typing in it keeps its values.
  if (panel.getAttribute("data-rubric") !== (r?.key ?? "") || !panel.querySelector("form")) {
    formPanel(panel, r, lang, (input) => request<ScoreAnswer>(SCORE, { rubric: r?.key ?? "", input }));
  }
  panel.setAttribute("data-rubric", r?.key ?? "");
}

function choosePanel(name: PanelName): void {
  shown = name;
  panel.removeAttribute("data-rubric");
  for (const b of panelTabs.querySelectorAll("button"))
    b.setAttribute("aria-selected", String(b.getAttribute("data-panel") === name));
  if (name === "batch")
    batchPanel(panel, lang, (name, data) => request<ScoreFileAnswer>(SCORE_FILE, { name, data }), {
      set: (f) => (progressListener = f),
    });
  else void refresh();
}

async function start(): Promise<void> {
  const toolbar = el(
    "header",
    { class: "toolbar" },
    el("h1", {}, lang === "zh" ? "Rubric 评分表试验场" : "Rubric playground"),
  );
  const newFile = el("button", { class: "new-file" }, lang === "zh" ? "新建文件" : "New file");
  newFile.addEventListener("click", () => {
    const name = prompt(lang === "zh" ? "文件名" : "File name", "新评分表.rubric");
    if (name) save(openFile({ name: name.endsWith(".rubric") ? name : `${name}.rubric`, text: "" }, true));
  });
  const share = el("button", { class: "share" }, lang === "zh" ? "复制分享链接" : "Copy share link");
  const shareLink = async (): Promise<void> => {
    if (!current) return;
    const link = `${location.origin}${location.pathname}${location.search}${await shareHash({ name: current.name, text: current.view.state.doc.toString() })}`;
    history.replaceState(null, "", link);
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    status.textContent = lang === "zh" ? "链接已放入地址栏" : "link is in the address bar";
  };
  share.addEventListener("click", () => void shareLink());
  const exportZip = el("button", { class: "export" }, lang === "zh" ? "导出全部文件（zip）" : "Export all (zip)");
  exportZip.addEventListener("click", () => {
    const all = [...files.values()].map((f) => ({ name: f.name, text: f.view.state.doc.toString() }));
    const url = URL.createObjectURL(new Blob([zipFiles(all)], { type: "application/zip" }));
    const a = el("a", { href: url, download: "rubrics.zip" });
    document.body.append(a);
    a.click();
    a.remove();
  });
  const other = el("a", { href: lang === "zh" ? "?lang=en" : "?lang=zh" }, lang === "zh" ? "English" : "中文");
  toolbar.append(newFile, share, exportZip, other, status);
  for (const name of Object.keys(panelNames) as PanelName[]) {
    const b = el("button", { "data-panel": name }, panelNames[name]);
    b.addEventListener("click", () => choosePanel(name));
    panelTabs.append(b);
  }
  document.body.append(
    toolbar,
    el("main", {}, el("div", { class: "left" }, tabs, editors), el("aside", {}, panelTabs, panel)),
  );

  // Saved work first; the bundled rubrics fill in what was never saved; a shared link opens on top.
  const saved = await loadFiles().catch(() => []);
  const byName = new Map<string, StoredFile>(samples.map((s) => [s.name, s]));
  for (const f of saved) byName.set(f.name, f);
  const shared = await fromShareHash(location.hash);
  if (shared) byName.set(shared.name, shared);
  const first = shared?.name ?? saved[0]?.name ?? samples[0]?.name;
  for (const f of byName.values()) openFile(f, false);
  const f = first ? files.get(first) : undefined;
  if (f) show(f);
  choosePanel("examples");
  replace(document.querySelector("#loading") ?? el("span"), "");
}

void start();
