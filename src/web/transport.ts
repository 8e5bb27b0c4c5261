/** @codemirror/lsp-client's transport over a Web Worker that speaks vscode-languageserver's browser transport. */
import type { Transport } from "@codemirror/lsp-client";

export function workerTransport(
  worker: Worker,
): Transport & { onNotification(method: string, f: (p: unknown) => void): void } {
  let handlers: ((message: string) => void)[] = [];
  const notifications = new Map<string, (p: unknown) => void>();
  worker.addEventListener("message", (e: MessageEvent) => {
    const m = e.data as { method?: string; id?: unknown; params?: unknown };
    // The playground's own notifications (progress) are not the editor's business.
    if (m.method && m.id === undefined && notifications.has(m.method)) notifications.get(m.method)?.(m.params);
    const text = JSON.stringify(e.data);
    for (const h of handlers) h(text);
  });
  return {
    send: (message) => worker.postMessage(JSON.parse(message)),
    subscribe: (h) => void handlers.push(h),
    unsubscribe: (h) => {
      handlers = handlers.filter((x) => x !== h);
    },
    onNotification: (method, f) => void notifications.set(method, f),
  };
}
