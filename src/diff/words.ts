/**
 * A word-level diff of two texts. Chinese has no spaces between words, so
 * the texts are cut into words with Intl.Segmenter (granularity 'word'),
 * then the longest common subsequence of words is kept and the rest shown
 * as deleted or inserted runs.
 */
export interface DiffRun {
  readonly op: "same" | "del" | "ins";
  readonly text: string;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

export function words(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Past this many cells the table would be too large: the texts are shown as replaced whole. */
const MAX_CELLS = 4_000_000;

export function wordDiff(before: string, after: string): DiffRun[] {
  const a = words(before);
  const b = words(after);
  // Common head and tail first: most edits between years are local.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const runs: DiffRun[] = [];
  const push = (op: DiffRun["op"], text: string): void => {
    if (text === "") return;
    const last = runs[runs.length - 1];
    if (last && last.op === op) runs[runs.length - 1] = { op, text: last.text + text };
    else runs.push({ op, text });
  };
  push("same", a.slice(0, head).join(""));
  if (x.length * y.length > MAX_CELLS) {
    push("del", x.join(""));
    push("ins", y.join(""));
  } else {
    // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..].
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--)
        lcs[i * w + j] =
          x[i] === y[j]
            ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        push("same", x[i++] as string);
        j++;
      } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) push("del", x[i++] as string);
      else push("ins", y[j++] as string);
    }
    while (i < x.length) push("del", x[i++] as string);
    while (j < y.length) push("ins", y[j++] as string);
  }
  push("same", a.slice(a.length - tail).join(""));
  return runs;
}
