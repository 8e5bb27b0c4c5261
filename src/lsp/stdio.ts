/** `rubric lsp --stdio`: the language server over the process's stdin and stdout, reading files from the disk. */
import { createConnection, StreamMessageWriter } from "vscode-languageserver/node.js";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { ResilientMessageReader } from "./framing.js";
import { memoryKeeper } from "./memory.js";
import { nodeHost } from "./node-host.js";
import { startServer, type RubricServer } from "./server.js";

export function runStdio(options: { lang?: Lang } = {}): RubricServer {
  // An editor restarts a server that dies, losing its state: a stray failure is logged instead (features already guard their own).
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (e: unknown) =>
      process.stderr.write(`rubric lsp: ${event}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
    );
  }
  const writer = new StreamMessageWriter(process.stdout);
  // A broken frame costs that frame only: JSON-RPC answers an unparsable one with id null; a skipped header is logged.
  const reader = new ResilientMessageReader(process.stdin, (f) => {
    if ("skipped" in f) {
      process.stderr.write(`rubric lsp: skipped a malformed message header: ${JSON.stringify(f.skipped)}\n`);
      return;
    }
    writer
      .write({ jsonrpc: "2.0", id: null, error: { code: f.code, message: f.invalid } } as Parameters<
        typeof writer.write
      >[0])
      .catch((e: unknown) => process.stderr.write(`rubric lsp: ${String(e)}\n`));
  });
  const connection = createConnection(reader, writer);
  const keeper = memoryKeeper();
  return startServer(connection, {
    host: nodeHost,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(keeper ? { memory: keeper } : {}),
  });
}
