/**
 * The language server in VS Code for the Web: `rubric lsp` in a Web Worker
 * over vscode-languageserver's browser transport, with the workspace's files
 * read through the client (src/lsp/client-host.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser.js";
import { clientHost } from "../../../src/lsp/client-host.js";
import { startServer } from "../../../src/lsp/server.js";

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, { host: clientHost(connection) });
