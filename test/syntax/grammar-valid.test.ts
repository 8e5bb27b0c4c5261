import { describe, expect, it } from "vitest";
import { RubricParser } from "../../src/compiler/syntax/parser.js";

// The shipped parser skips chevrotain's grammar validations to start faster; this is where they run:
// chevrotain throws "Parser Definition Errors detected" on an ambiguity, left recursion or a repeated occurrence.
describe("the grammar", () => {
  it("passes chevrotain's validations", () => {
    expect(() => new RubricParser(true)).not.toThrow();
  });
});
