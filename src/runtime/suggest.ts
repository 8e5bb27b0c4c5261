/**
 * "Did you mean": the closest candidate by edit distance, if close enough.
 * The compiler uses this same rule (src/compiler/util/suggest.ts re-exports it).
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  const len = [...name].length;
  for (const c of candidates) {
    if (c === name || c === "") continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    // Chinese names are short and dense: allow about a third of the characters to differ.
    const limit = Math.max(1, Math.floor(Math.max(len, [...c].length) / 3));
    // Containment counts only for names of two characters or more ("b" is not a hint for "rubric").
    const contains = len >= 2 && [...c].length >= 2 && (c.includes(name) || name.includes(c));
    if ((d <= limit || contains) && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
