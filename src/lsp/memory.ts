/**
 * Resident memory of the node server. V8 grows its heap while garbage comes faster than it collects it: a
 * whole parse of a large file leaves hundreds of MB of dead syntax tree, keystrokes a few MB each, and the
 * heap stays at its high-water mark (500–900 MB after 1,000 edits on a 2,000-indicator file, 80 MB of it
 * alive). After an analysis, when the process holds more than `limitMb`, a full collection hands the pages
 * back — at most once every `every` analyses, so that a heap that stays large is not collected on every
 * keystroke.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function memoryKeeper(limitMb = 240, every = 20): (() => void) | undefined {
  let gc: (() => void) | undefined;
  try {
    // `global.gc` without `--expose-gc` on the command line (the editor starts the server): a fresh context gets it.
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
  if (typeof gc !== "function") return undefined;
  const collect = gc;
  let since = every;
  return () => {
    since++;
    if (since < every || process.memoryUsage.rss() < limitMb * 1024 * 1024) return;
    since = 0;
    collect();
  };
}
