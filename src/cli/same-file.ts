/** Whether an output path would overwrite one of the command's own inputs. */
import { statSync } from "node:fs";

/**
 * The first of `inputs` that `output` is: the same file by device and inode,
 * so symbolic links, hard links and `./x` vs `x` spellings are all caught.
 * Undefined when `output` does not exist yet (then it cannot be an input).
 */
export function inputAt(output: string, inputs: readonly string[]): string | undefined {
  let out;
  try {
    out = statSync(output);
  } catch {
    return undefined;
  }
  for (const input of inputs) {
    try {
      const st = statSync(input);
      if (st.dev === out.dev && st.ino === out.ino) return input;
    } catch {
      /* an input that is gone cannot be overwritten */
    }
  }
  return undefined;
}
