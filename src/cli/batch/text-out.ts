/** Output made of lines, and a TextOut that hands each line to a function (no streams: the playground uses it too). */
export interface TextOut {
  /** Writes text made of whole lines (each ending in "\n"). */
  write(text: string): Promise<void>;
  close(): Promise<void>;
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
