/**
 * Where results go, written as rows are scored: a stream (stdout or a file)
 * honouring back-pressure, or — when the CLI runs in-process, in tests —
 * the command's line-oriented `io.out`.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";

export interface TextOut {
  /** Writes text made of whole lines (each ending in "\n"). */
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_AT = 64 * 1024;

export function streamOut(w: Writable, end: boolean): TextOut {
  let buf: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const text = buf.join("");
    buf = [];
    size = 0;
    if (!w.write(text)) await once(w, "drain");
  };
  return {
    async write(text) {
      buf.push(text);
      size += text.length;
      if (size >= FLUSH_AT) await flush();
    },
    async close() {
      await flush();
      if (end) {
        const done = once(w, "finish");
        w.end();
        await done;
      }
    },
  };
}

/** Line-by-line into `out` (which adds its own newline). */
export function linesOut(out: (line: string) => void): TextOut {
  let partial = "";
  return {
    write(text) {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) out(l);
      return Promise.resolve();
    },
    close() {
      if (partial !== "") out(partial);
      partial = "";
      return Promise.resolve();
    },
  };
}
