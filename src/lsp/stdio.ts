/** `rubric lsp --stdio`: the language server over the process's stdin and stdout, reading files from the disk. */
import { createConnection } from "vscode-languageserver/node.js";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { nodeHost } from "./node-host.js";
import { startServer, type RubricServer } from "./server.js";

export function runStdio(options: { lang?: Lang } = {}): RubricServer {
  // An editor restarts a server that dies, losing its state: a stray failure is logged instead (features already guard their own).
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (e: unknown) =>
      process.stderr.write(`rubric lsp: ${event}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
    );
  }
  const connection = createConnection(process.stdin, process.stdout);
  return startServer(connection, { host: nodeHost, ...(options.lang ? { lang: options.lang } : {}) });
}
