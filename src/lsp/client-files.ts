/**
 * The two requests by which a server without a file system asks its editor for the workspace's
 * `.rubric` files (client-host.ts sends them; a client answers). Names and shapes only, so that a
 * client can import them without the server.
 */
/** Server → client: the URIs of every `.rubric` file under a workspace folder. */
export const FIND_RUBRIC_FILES = "rubric/findRubricFiles";
export interface FindRubricFilesParams {
  readonly folder: string;
}

/** Server → client: one file's bytes (base64), its size when larger than `maxBytes`, or null when there is none. */
export const READ_RUBRIC_FILE = "rubric/readRubricFile";
export interface ReadRubricFileParams {
  readonly uri: string;
  readonly maxBytes: number;
}
export type ReadRubricFileResult = { readonly base64: string } | { readonly tooLarge: number } | null;
