import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/compiler/program.js";

// A scale arm's `(` opens an interval when a `,` follows at its depth, else a parenthesised value.
function firstArm(arm: string): { codes: string[]; form: "interval" | "value" | undefined } {
  const text = `rubric 测试 {\n  scale 四档 {\n    优 -> ${arm};\n    差 -> 0\n  }\n}\n`;
  const r = parseDocument({ file: "t.rubric", text });
  const rubric = r.ast.items[0];
  const scale = rubric?.kind === "Rubric" ? rubric.items.find((i) => i.kind === "Scale") : undefined;
  const first = scale?.kind === "Scale" ? scale.arms[0] : undefined;
  return {
    codes: r.diagnostics.map((d) => d.code),
    form: first === undefined ? undefined : "interval" in first && first.interval ? "interval" : "value",
  };
}

describe("scale arms", () => {
  it.each([
    ["(80%, 90%]", "interval"],
    ["[80%, 90%)", "interval"],
    ["(80% + 5%, 90%)", "interval"],
    ["((80%), 90%]", "interval"],
    ["(80% + 5%)", "value"],
    ["(80%)", "value"],
  ])("%s is read as an %s", (arm, form) => {
    expect(firstArm(arm)).toEqual({ codes: [], form });
  });
});
