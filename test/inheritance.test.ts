/**
 * Inheritance as the derived rubric sees it (test/fixtures/good/inheritance.rubric):
 * what each modification did to the copied tree, and that the base is untouched.
 */
import { describe, expect, it } from "vitest";
import { indicators, walkTree } from "../src/compiler/model/paths.js";
import type { RubricModel } from "../src/compiler/model/types.js";
import { analyze, readFixture } from "./helpers.js";

const program = analyze({ "inheritance.rubric": readFixture("good/inheritance.rubric") });
const model = (name: string): RubricModel => {
  const r = program.rubrics.find((x) => x.model.name === name);
  if (!r) throw new Error(`no rubric ${name}`);
  return r.model;
};
const paths = (m: RubricModel): string[] => [...walkTree(m.groups)].map((n) => n.path.join("."));
const node = (m: RubricModel, path: string) => [...walkTree(m.groups)].find((n) => n.path.join(".") === path);

describe("a derived rubric", () => {
  const derived = model("某区");
  const base = model("共性框架");

  it("reweight sets points through a group, an indicator and its parts", () => {
    expect(node(derived, "部门决策.目标设置")?.points.toString()).toBe("7");
    expect(node(derived, "部门决策.目标设置.绩效目标完整性")?.points.toString()).toBe("4");
    expect(node(derived, "部门决策.目标设置.绩效指标明确性.细化分解")?.points.toString()).toBe("1");
    expect(node(derived, "部门决策.目标设置.绩效指标明确性.可量化")?.points.toString()).toBe("2");
    expect(node(derived, "部门决策.预算编制")?.points.toString()).toBe("3");
  });
  it("remove, add and rename change the tree; the added indicator keeps its title", () => {
    const p = paths(derived);
    expect(p).not.toContain("部门管理.编外人员控制率");
    expect(p).toContain("部门管理.资产管理");
    expect(p).toContain("部门管理.项目管理");
    expect(p).not.toContain("部门管理.项目监管");
    expect(node(derived, "部门管理.资产管理")?.title).toBe("资产管理安全性");
  });
  it("reword replaces the note and sets the standard", () => {
    const ind = indicators(derived.groups).find((i) => i.name === "预算编制");
    expect(ind?.note).toBe("新的指标说明");
    expect(ind?.standard).toBe("符合本部门职责（3分）。");
  });
  it("metadata, rounding and grades are inherited; locality is overridden", () => {
    expect(derived.total?.value.toString()).toBe("20");
    expect(derived.rounding.indicator?.digits).toBe(2);
    expect(derived.grades.map((g) => g.name)).toEqual(["优", "良", "中", "差"]);
    expect(derived.locality).toBe("某区");
  });
  it("the base rubric is not changed by its derived rubric", () => {
    const p = paths(base);
    expect(p).toContain("部门管理.编外人员控制率");
    expect(p).toContain("部门管理.项目监管");
    expect(p).not.toContain("部门管理.资产管理");
    expect(node(base, "部门决策.目标设置")?.points.toString()).toBe("6");
    expect(node(base, "部门决策.目标设置.绩效指标明确性.细化分解")?.points.toString()).toBe("1.5");
    expect(indicators(base.groups).find((i) => i.name === "预算编制")?.note).toBe("旧的指标说明");
  });
  it("an example may not name what the derived rubric removed", () => {
    const p = analyze({
      "t.rubric": `${readFixture("good/inheritance.rubric")}\nexample "x" for 某区 2023 { judge rest full\n expect 编外人员控制率 = 2 }\n`,
    });
    expect(p.diagnostics.map((d) => d.code)).toEqual(["unknown-name"]);
  });
});
