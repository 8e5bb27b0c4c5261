/** @codemirror/lsp-client's transport over a Web Worker that speaks vscode-languageserver's browser transport. */
import type { Transport } from "@codemirror/lsp-client";

const markName = (uri: string, version: number | undefined) => `rubric:change ${uri} ${version ?? ""}`;

/**
 * Edit → diagnostics latency as `performance` measures named "rubric:diagnostics" (seen in the browser's
 * performance panel, and read by the playground's test): from sending a version to its diagnostics arriving.
 */
function measure(p: { uri: string; version?: number }): void {
  const name = markName(p.uri, p.version);
  if (p.version === undefined || performance.getEntriesByName(name, "mark").length === 0) return;
  performance.measure("rubric:diagnostics", name);
  performance.clearMarks(name);
}

export function workerTransport(
  worker: Worker,
): Transport & { onNotification(method: string, f: (p: unknown) => void): void } {
  let handlers: ((message: string) => void)[] = [];
  const notifications = new Map<string, (p: unknown) => void>();
  worker.addEventListener("message", (e: MessageEvent) => {
    const m = e.data as { method?: string; id?: unknown; params?: unknown };
    // The playground's own notifications (progress) are not the editor's business.
    if (m.method && m.id === undefined && notifications.has(m.method)) notifications.get(m.method)?.(m.params);
    if (m.method === "textDocument/publishDiagnostics") measure(m.params as { uri: string; version?: number });
    const text = JSON.stringify(e.data);
    for (const h of handlers) h(text);
  });
  return {
    send: (message) => {
      const m = JSON.parse(message) as {
        method?: string;
        params?: { textDocument?: { uri: string; version?: number } };
      };
      const d = m.params?.textDocument;
      if (m.method === "textDocument/didChange" && d) performance.mark(markName(d.uri, d.version));
      worker.postMessage(m);
    },
    subscribe: (h) => void handlers.push(h),
    unsubscribe: (h) => {
      handlers = handlers.filter((x) => x !== h);
    },
    onNotification: (method, f) => void notifications.set(method, f),
  };
}
