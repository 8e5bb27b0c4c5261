/** Offset ↔ line/column conversion for one document (0-based internally; the CLI prints 1-based). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - (this.starts[lo] ?? 0) };
  }
  offset(line: number, character: number): number {
    return Math.min(this.text.length, (this.starts[line] ?? this.text.length) + character);
  }
  lineText(line: number): string {
    const s = this.starts[line] ?? this.text.length;
    const e = this.starts[line + 1] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, "");
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
