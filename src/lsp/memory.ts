/**
 * Resident memory of the node server. V8 grows its heap while garbage comes faster than it collects it: a
 * whole parse of a large file leaves hundreds of MB of dead syntax tree, keystrokes a few MB each, and the
 * heap stays at its high-water mark (500–900 MB after 1,000 edits on a 2,000-indicator file, 80 MB of it
 * alive). After an analysis, a full collection hands the pages back: before publishing after a whole parse
 * (its garbage is the bulk) or past a hard limit, otherwise past a soft one and at most once every `every`
 * analyses, so that a heap that stays large is not collected on every keystroke.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface MemoryKeeper {
  /** After an analysis, before its diagnostics go out: collects after a whole parse, or past `hardMb`. */
  beforePublish(wholeParse: boolean): void;
  /** After they went out: collects past `softMb`, at most once every `every` analyses. */
  afterPublish(): void;
}

export function memoryKeeper(softMb = 240, hardMb = 280, every = 20): MemoryKeeper | undefined {
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
  const mb = (): number => process.memoryUsage.rss() / (1024 * 1024);
  let since = 0;
  const run = (): void => {
    since = 0;
    collect();
  };
  return {
    beforePublish(wholeParse) {
      since++;
      const rss = mb();
      if ((wholeParse && rss > softMb) || rss > hardMb) run();
    },
    afterPublish() {
      if (since >= every && mb() > softMb) run();
    },
  };
}
