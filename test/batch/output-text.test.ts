/** Output safety: input text cannot become markup (Markdown) or terminal control sequences (table, stderr). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GOOD, SMALL, score } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-out-"));
function input(name: string, ids: readonly string[], extra: Record<string, unknown> = {}): string {
  const file = join(tmp, name);
  writeFileSync(file, ids.map((id) => JSON.stringify({ ...GOOD, 其余满分: true, id, ...extra })).join("\n"));
  return file;
}

describe("Markdown and terminal output", () => {
  const ids = ['<img src=x onerror="alert(1)">', "a\rb", "c|d", "[x](javascript:alert(1))", "\x1b]0;pwned\x07", "e\nf"];

  it("Markdown escapes HTML, pipes, links and lone CRs", async () => {
    const r = await score(SMALL, input("md.jsonl", ids), "--format", "md");
    expect(r.out).not.toMatch(/<img|\r|\x1b|\x07/);
    const lines = r.out.split("\n");
    expect(lines.length).toBe(2 + ids.length);
    expect(lines[2]).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(lines[3]).toContain("| a<br>b |");
    expect(lines[4]).toContain("| c\\|d |");
    expect(lines[5]).toContain("\\[x\\](javascript:alert(1))");
    expect(lines[6]).toContain("\\x1b\\]0;pwned\\x07");
  });

  it("the terminal table shows control characters as escapes, one line per row", async () => {
    const r = await score(SMALL, input("table.jsonl", ids));
    expect(r.out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    const lines = r.out.split("\n");
    expect(lines.length).toBe(1 + ids.length);
    expect(lines[2]).toContain("a\\rb");
    expect(lines[5]).toContain("\\x1b]0;pwned\\x07");
    expect(lines[6]).toContain("e\\nf");
  });

  it("error messages on stderr that quote input text show its control characters as escapes", async () => {
    const r = await score(SMALL, input("err.jsonl", ["x"], { 公开: "按规定\x1b[2J公开", "未知\x1b]0;t\x07": 1 }));
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/\x1b|\x07/);
    expect(r.err).toContain("unknown input '未知\\x1b]0;t\\x07'");
  });
});
