/**
 * Target pairs (`input 培训人次: target count`) as departments give them:
 * a JSON object `{ 目标, 实际 }` (or `target`/`actual`), two CSV columns
 * `培训人次.目标` / `培训人次.实际`; the input's constraints apply to both values;
 * the compiled scorer's JSON Schema describes the shape.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { inputSchema } from "../../src/compiler/codegen/schema.js";
import { convertInput } from "../../src/runtime/validate.js";
import type { ConvertedValue } from "../../src/runtime/scorer.js";
import { score } from "./helpers.js";

const RUBRIC = `rubric 项目 {
  total 20
  input 培训人次 alias trainees: target count <= 5000
  input 单位成本: target money(万元) >= 0
  group 产出 20 {
    indicator 培训 10 { score = 完成比 培训人次 正向 当 0 -> 满分 }
    indicator 成本 10 { score = achievement 单位成本 lower-better when 0 -> full }
  }
}
`;
const program = analyzeProgram([{ file: "p.rubric", text: RUBRIC }]);
const rubric = program.rubrics[0];
if (!rubric) throw new Error("the rubric did not build");
const meta = createReferenceScorer(rubric).meta;
const pair = (v: ConvertedValue | undefined): string =>
  v?.k === "record" ? [...v.v].map(([k, x]) => `${k}=${x.k === "num" ? x.v.toString() : "?"}`).join(" ") : "none";

describe("target pair values", () => {
  it("a JSON object, with Chinese or English keys; money in the input's unit", () => {
    const c = convertInput(meta, {
      values: { 培训人次: { 目标: 1000, 实际: "1200" }, 单位成本: { target: 50, actual: "40万元" } },
    });
    expect(c.errors).toEqual([]);
    expect(pair(c.values.get("培训人次"))).toBe("目标=1000 实际=1200");
    expect(pair(c.values.get("单位成本"))).toBe("目标=500000 实际=400000");
  });
  it("two flat columns NAME.目标 / NAME.实际 (or alias.target / alias.actual)", () => {
    const c = convertInput(meta, {
      values: { "培训人次.目标": "1000", "培训人次.实际": 850, "单位成本.target": 50, "单位成本.actual": 40 },
    });
    expect(c.errors).toEqual([]);
    expect(pair(c.values.get("培训人次"))).toBe("目标=1000 实际=850");
    expect(
      pair(convertInput(meta, { values: { "trainees.target": 10, "trainees.actual": 9 } }).values.get("培训人次")),
    ).toBe("目标=10 实际=9");
  });
  it("a missing half, a constraint broken by either value, an unknown key: errors naming the field", () => {
    const brief = (values: Record<string, unknown>): string[] =>
      convertInput(meta, { values }).errors.map((e) => `${e.kind} ${e.field}`);
    expect(brief({ "培训人次.目标": 1000 })).toEqual(["missing 培训人次.实际"]);
    expect(brief({ 培训人次: { 目标: 1000, 实际: 6000 } })).toEqual(["out-of-range 培训人次.实际"]);
    expect(brief({ 单位成本: { 目标: -1, 实际: 2 } })).toEqual(["out-of-range 单位成本.目标"]);
    expect(brief({ 培训人次: { 目标: 1, 实际: 1, 计划: 3 } })).toEqual(["unknown-field 培训人次.计划"]);
    expect(convertInput(meta, { values: { 培训人次: "1000" } }).errors[0]?.message.en).toContain("培训人次.目标");
  });
  it("the JSON Schema of compiled scorers describes the pair", () => {
    const s = JSON.stringify(inputSchema(meta));
    expect(s).toContain('"properties":{"目标"');
    expect(s).toContain('"required":["target"]');
  });
  it("rubric score reads the two CSV columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rubric-pairs-"));
    writeFileSync(join(dir, "p.rubric"), RUBRIC);
    writeFileSync(
      join(dir, "in.csv"),
      "id,培训人次.目标,培训人次.实际,单位成本.目标,单位成本.实际\n甲,1000,850,50,40\n乙,0,0,50,0\n",
    );
    const r = await score(join(dir, "p.rubric"), join(dir, "in.csv"), "--format", "csv");
    expect(r.err).toContain("2 rows: 2 scored, 0 failed");
    expect(r.out).toMatch(/甲.*18\.5/);
    expect(r.out).toMatch(/乙.*20/);
  });
});
