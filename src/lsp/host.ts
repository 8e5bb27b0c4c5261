/**
 * What the server needs from its surroundings besides the connection:
 * reading the workspace's `.rubric` files. The node host reads the disk; a
 * browser worker can pass one that reads from the editor, or none.
 */
import type { Message } from "../compiler/diagnostics/diagnostic.js";

/**
 * A file that exists but cannot be analysed (not UTF-8, too large, not a regular file): why, and its text as far
 * as it can be read, so that a rubric that refers to one declared in it can say why it is not loaded.
 */
export interface Unreadable {
  readonly unreadable: Message;
  readonly lossyText: string;
}

export interface WorkspaceHost {
  /** URIs of every `.rubric` file under a workspace folder. */
  findRubricFiles(folderUri: string): Promise<string[]>;
  /** A file's text; why it cannot be analysed; or undefined if there is no such file. */
  readFile(uri: string): Promise<string | Unreadable | undefined>;
}

/** A host without files: only open documents are analysed. */
export const NO_FILES: WorkspaceHost = {
  findRubricFiles: () => Promise.resolve([]),
  readFile: () => Promise.resolve(undefined),
};
