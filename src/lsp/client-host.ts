/**
 * A workspace host for a server without a file system (a Web Worker in VS
 * Code for the Web): the editor lists and reads the workspace's `.rubric`
 * files for it, through two requests the client answers (editors/vscode's
 * browser entry does). The bytes are decoded here, as the node host decodes
 * them, so a file that is not UTF-8 gets the same reason.
 */
import type { Connection } from "vscode-languageserver";
import { MAX_RUBRIC_BYTES, tooLarge } from "../cli/rubric-file-limit.js";
import { fromBase64 } from "./base64.js";
import type { WorkspaceHost } from "./host.js";
import { rubricText } from "./rubric-text.js";
import {
  FIND_RUBRIC_FILES,
  READ_RUBRIC_FILE,
  type FindRubricFilesParams,
  type ReadRubricFileParams,
  type ReadRubricFileResult,
} from "./client-files.js";

export function clientHost(connection: Connection): WorkspaceHost {
  return {
    async findRubricFiles(folder) {
      const params: FindRubricFilesParams = { folder };
      const uris = await connection.sendRequest<string[] | null>(FIND_RUBRIC_FILES, params).catch(() => null);
      return Array.isArray(uris) ? uris.filter((u) => typeof u === "string").sort() : [];
    },
    async readFile(uri) {
      const params: ReadRubricFileParams = { uri, maxBytes: MAX_RUBRIC_BYTES };
      const r = await connection.sendRequest<ReadRubricFileResult>(READ_RUBRIC_FILE, params).catch(() => null);
      if (!r) return undefined;
      if ("tooLarge" in r) return { unreadable: tooLarge(r.tooLarge), lossyText: "" };
      return rubricText(fromBase64(r.base64));
    },
  };
}
