/**
 * What the server needs from its surroundings besides the connection:
 * reading the workspace's `.rubric` files. The node host reads the disk; a
 * browser worker can pass one that reads from the editor, or none.
 */
export interface WorkspaceHost {
  /** URIs of every `.rubric` file under a workspace folder. */
  findRubricFiles(folderUri: string): Promise<string[]>;
  /** A file's text, or undefined if it cannot be read as UTF-8 text. */
  readFile(uri: string): Promise<string | undefined>;
}

/** A host without files: only open documents are analysed. */
export const NO_FILES: WorkspaceHost = {
  findRubricFiles: () => Promise.resolve([]),
  readFile: () => Promise.resolve(undefined),
};
