/**
 * The client in VS Code for the Web (the manifest's `browser` entry): the
 * same language server as the desktop extension, started in a Web Worker
 * (dist/web/server.js). A worker has no file system, so this client lists
 * and reads the workspace's `.rubric` files for it (base rubrics that are
 * not open), through VS Code's file-system API.
 */
import { RelativePattern, Uri, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, type LanguageClientOptions } from "vscode-languageclient/browser.js";
import { toBase64 } from "../../../src/lsp/base64.js";
import {
  FIND_RUBRIC_FILES,
  READ_RUBRIC_FILE,
  type FindRubricFilesParams,
  type ReadRubricFileParams,
  type ReadRubricFileResult,
} from "../../../src/lsp/client-files.js";
import { configuredLang } from "./settings.js";
import { clientLifecycle } from "./lifecycle.js";

/** A workspace this large is not scanned further (as the desktop server's own scan). */
const MAX_FILES = 5000;

async function findRubricFiles({ folder }: FindRubricFilesParams): Promise<string[]> {
  const uris = await workspace.findFiles(
    new RelativePattern(Uri.parse(folder), "**/*.rubric"),
    "**/node_modules/**",
    MAX_FILES,
  );
  return uris.map((u) => u.toString());
}

async function readRubricFile({ uri, maxBytes }: ReadRubricFileParams): Promise<ReadRubricFileResult> {
  const u = Uri.parse(uri);
  try {
    const { size } = await workspace.fs.stat(u);
    if (size > maxBytes) return { tooLarge: size };
    return { base64: toBase64(await workspace.fs.readFile(u)) };
  } catch {
    return null;
  }
}

function createClient(context: ExtensionContext): LanguageClient {
  const serverMain = Uri.joinPath(context.extensionUri, "dist", "web", "server.js");
  const lang = configuredLang();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "rubric" }],
    initializationOptions: lang ? { lang } : {},
    synchronize: {
      configurationSection: "rubric",
      fileEvents: workspace.createFileSystemWatcher("**/*.rubric"),
    },
  };
  const c = new LanguageClient("rubric", "Rubric", clientOptions, new Worker(serverMain.toString(true)));
  c.onRequest(FIND_RUBRIC_FILES, findRubricFiles);
  c.onRequest(READ_RUBRIC_FILE, readRubricFile);
  return c;
}

const lifecycle = clientLifecycle(createClient);
export const activate = lifecycle.activate;
export const deactivate = lifecycle.deactivate;
