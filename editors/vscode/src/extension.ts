/**
 * The VS Code client: starts the language server bundled with the
 * extension (`rubric.js lsp --stdio`, run by VS Code's own Node) for
 * `.rubric` documents. Everything else — diagnostics, hover, completion,
 * formatting… — is the server's.
 */
import * as path from "node:path";
import { workspace, type ExtensionContext } from "vscode";
import { configuredLang } from "./settings.js";
import { clientLifecycle } from "./lifecycle.js";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node.js";

function createClient(context: ExtensionContext): LanguageClient {
  const server = context.asAbsolutePath(path.join("dist", "server", "rubric.js"));
  // `module` + stdio: the client runs `<VS Code's node> rubric.js lsp --stdio`.
  const run = { module: server, transport: TransportKind.stdio, args: ["lsp"] };
  const serverOptions: ServerOptions = { run, debug: run };
  const lang = configuredLang();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "rubric" },
      { scheme: "untitled", language: "rubric" },
    ],
    initializationOptions: lang ? { lang } : {},
    synchronize: {
      configurationSection: "rubric",
      fileEvents: workspace.createFileSystemWatcher("**/*.rubric"),
    },
  };
  return new LanguageClient("rubric", "Rubric", serverOptions, clientOptions);
}

const lifecycle = clientLifecycle(createClient);
export const activate = lifecycle.activate;
export const deactivate = lifecycle.deactivate;
