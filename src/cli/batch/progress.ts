/**
 * A progress bar on stderr, only when stderr is a terminal and CI is not set
 * (never in pipes, files or CI logs). Progress is bytes read of the input
 * file; redrawn at most ten times a second; cleared before other messages.
 */
export interface Progress {
  update(rows: number, bytes: number): void;
  /** Erases the bar (before printing something else to stderr). */
  clear(): void;
  done(): void;
}

const NONE: Progress = { update() {}, clear() {}, done() {} };

export function progressBar(
  stream: NodeJS.WriteStream,
  totalBytes: number,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (!stream.isTTY || env["CI"] || totalBytes <= 0) return NONE;
  const started = Date.now();
  let last = 0;
  let shown = false;
  let rows = 0;
  let bytes = 0;
  const draw = (): void => {
    const f = Math.min(1, bytes / totalBytes);
    const width = 24;
    const full = Math.round(f * width);
    const secs = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round(rows / secs);
    stream.write(
      `\r\x1b[K[${"#".repeat(full)}${"-".repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString("en-US")} rows  ${rate.toLocaleString("en-US")}/s`,
    );
    shown = true;
  };
  return {
    update(r, b) {
      rows = r;
      bytes = b;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw();
    },
    clear() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
      last = 0;
    },
    done() {
      this.clear();
    },
  };
}
