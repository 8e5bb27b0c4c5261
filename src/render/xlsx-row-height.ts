/**
 * Row heights for the XLSX annex. Spreadsheet programs do not fit a row to
 * its wrapped text when they open a file (LibreOffice prints such rows one
 * line high, the rest of 评分标准 cut off), so each row gets a height from an
 * estimate of the lines its longest cell wraps to.
 */

/** Points per line of 10-point 宋体, with the leading Calc and Excel use. */
const LINE_HEIGHT = 13.5;
const PADDING = 4;

/** Width in column units (the width of "0" in the default font): a CJK character takes about two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xffdc) || cp >= 0x20000) ? 2 : 1;
  }
  return w;
}

/** Lines a text wraps to in a column `width` units wide (a little narrower than the column: cell margins). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split("\n").reduce((n, para) => n + Math.max(1, Math.ceil(displayWidth(para) / usable)), 0);
}

/** The height in points of a row whose cells hold `texts` in columns of `widths`. */
export function rowHeight(texts: readonly (string | number | undefined)[], widths: readonly number[]): number {
  let lines = 1;
  texts.forEach((t, i) => {
    if (typeof t === "string" && t !== "") lines = Math.max(lines, wrappedLines(t, widths[i] ?? 10));
  });
  return lines * LINE_HEIGHT + PADDING;
}
