/** `rubric lsp` on the command line: usage errors are reported like the other commands'. */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

async function run(...argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("rubric lsp", () => {
  it("needs --stdio", async () => {
    const r = await run("lsp");
    expect(r.code).toBe(2);
    expect(r.err).toContain("rubric lsp needs --stdio");
  });

  it("is in the usage text, and --lang is checked", async () => {
    expect((await run("help")).out).toContain("rubric lsp --stdio");
    expect((await run("lsp", "--stdio", "--lang", "fr")).code).toBe(2);
  });
});
