// Smoke test of the built extension outside VS Code: loads dist/extension.js with a stub
// `vscode` module and checks that activate() starts the bundled server (`rubric.js lsp --stdio`,
// forked on this Node) and completes the LSP handshake, then that deactivate() stops it.
//   npm run package:vscode && node editors/vscode/smoke-test.cjs [extension-dir]
const Module = require("module");
const path = require("path");
const log = [];
function stub(name) {
  const fn = function () { return stub(name + "()"); };
  return new Proxy(fn, {
    get(t, p) {
      if (p === "then") return undefined;
      if (p === Symbol.toPrimitive) return () => name;
      if (p === "dispose") return () => {};
      if (p === "event" || p.toString().startsWith("onDid") || p.toString().startsWith("onWill")) return () => ({ dispose() {} });
      return stub(name + "." + String(p));
    },
    apply() { return stub(name + "()"); },
    construct() { return stub("new " + name); },
  });
}
const vscode = new Proxy({}, {
  get(_, p) {
    if (p === "__esModule") return false;
    if (p === "workspace") return new Proxy({}, { get(_, q) {
      if (q === "getConfiguration") return () => ({ get: () => undefined });
      if (q === "workspaceFolders") return undefined;
      if (q === "textDocuments") return [];
      if (q === "createFileSystemWatcher") return () => ({ onDidCreate: () => ({ dispose() {} }), onDidChange: () => ({ dispose() {} }), onDidDelete: () => ({ dispose() {} }), dispose() {} });
      if (String(q).startsWith("on")) return () => ({ dispose() {} });
      return stub("workspace." + String(q));
    } });
    if (p === "window") return new Proxy({}, { get(_, q) {
      if (q === "createOutputChannel") return (n) => ({ name: n, append: (s) => log.push(s), appendLine: (s) => log.push(s), show() {}, clear() {}, dispose() {}, replace() {} });
      if (String(q).startsWith("on")) return () => ({ dispose() {} });
      if (q === "activeTextEditor") return undefined;
      if (q === "visibleTextEditors") return [];
      return stub("window." + String(q));
    } });
    if (p === "env") return { language: "zh-cn", machineId: "x", sessionId: "y", appName: "stub", uriScheme: "vscode" };
    if (p === "version") return "1.90.0";
    if (p === "extensions") return { getExtension: () => undefined, all: [], onDidChange: () => ({ dispose() {} }) };
    if (p === "languages") return new Proxy({}, { get(_, q) { return () => ({ dispose() {} }); } });
    if (p === "commands") return { registerCommand: () => ({ dispose() {} }), executeCommand: async () => undefined };
    if (p === "Disposable") return class { constructor(f) { this.f = f; } dispose() { this.f && this.f(); } static from() { return { dispose() {} }; } };
    if (p === "EventEmitter") return class { constructor() { this.event = () => ({ dispose() {} }); } fire() {} dispose() {} };
    if (p === "CancellationTokenSource") return class { constructor() { this.token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) }; } cancel() {} dispose() {} };
    return stub(String(p));
  },
});
const orig = Module._load;
Module._load = function (req, parent, isMain) { if (req === "vscode") return vscode; return orig.apply(this, arguments); };
const root = path.resolve(process.argv[2] ?? __dirname);
const ext = require(path.join(root, "dist/extension.js"));
const context = { subscriptions: [], asAbsolutePath: (p) => path.join(root, p), extensionPath: root, globalState: { get() {}, update() {} }, workspaceState: { get() {}, update() {} } };
const timer = setTimeout(() => { console.log("TIMEOUT", log.join("").slice(0, 2000)); process.exit(1); }, 20000);
ext.activate(context).then(async () => {
  console.log("activate resolved: client started and initialized the bundled server");
  await ext.deactivate();
  console.log("deactivate resolved: server stopped");
  clearTimeout(timer);
  process.exit(0);
}, (e) => { console.log("activate failed:", e && e.stack || e, log.join("").slice(0, 2000)); process.exit(1); });
