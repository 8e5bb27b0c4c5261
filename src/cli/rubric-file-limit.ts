/** How large a `.rubric` file may be, wherever it is read from (the disk, or an editor's workspace in a browser). */
import type { Message } from "../compiler/diagnostics/diagnostic.js";

/** Far larger than any real rubric (the longest seed is ~30 KB), and above the 10 MB the checker is tested on; small enough to read at once. */
export const MAX_RUBRIC_BYTES = 16 * 1024 * 1024;

export const tooLarge = (size: number): Message => ({
  zh: `文件过大（${size} 字节，上限 ${MAX_RUBRIC_BYTES / 1024 / 1024} MB）`,
  en: `too large (${size} bytes; the limit is ${MAX_RUBRIC_BYTES / 1024 / 1024} MB)`,
});
