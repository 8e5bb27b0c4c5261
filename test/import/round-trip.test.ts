/**
 * `rubric render --format xlsx` then `rubric import` gives back every bundled
 * rubric's tree: groups and indicators with their names, titles and points,
 * 指标说明 and 评分标准 verbatim, and empty groups (slots not yet filled) as slots — and the
 * imported skeleton checks clean. (Rules are not in the table: the importer
 * re-reads them from 评分标准; group notes are not rendered.)
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import type { TreeNode } from "../../src/compiler/model/types.js";
import { importAnnex } from "../../src/import/import.js";
import { cli } from "../render/helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-round-trip-"));
const files = readdirSync("rubrics")
  .filter((f) => f.endsWith(".rubric"))
  .map((f) => ({ file: `rubrics/${f}`, text: readFileSync(`rubrics/${f}`, "utf8") }));
const bundled = analyzeProgram(files);

/** One line per node: depth, kind, name, title, points, slot, and an indicator's texts. */
function treeLines(nodes: readonly TreeNode[], depth = 0): string[] {
  // A group's children are groups and indicators; parts live inside indicators.
  return nodes.flatMap((n) => {
    const title = n.title !== undefined && n.title !== n.name ? ` "${n.title}"` : "";
    const head = `${"  ".repeat(depth)}${n.kind} ${n.name}${title} ${n.points.toString()}`;
    // A slot shows as a group with no rows; once a derived rubric fills it, it is a group like any other.
    const slot = n.kind === "group" && n.slot && n.children.length === 0 ? " slot" : "";
    if (n.kind === "group") return [`${head}${slot}`, ...treeLines(n.children, depth + 1)];
    return [head, `  note ${JSON.stringify(n.note ?? null)}`, `  standard ${JSON.stringify(n.standard ?? null)}`];
  });
}

describe("render → import round trip", () => {
  it("covers every bundled rubric", () => {
    expect(bundled.rubrics.map((r) => r.model.name).sort()).toHaveLength(files.length);
  });

  for (const rubric of bundled.rubrics) {
    const { name, file } = rubric.model;
    it(`${name} (${file})`, async () => {
      const xlsx = join(tmp, `${name}.xlsx`);
      const r = await cli("render", file, "--rubric", name, "--format", "xlsx", "-o", xlsx);
      expect(r.code, r.err).toBe(0);
      const imported = await importAnnex(xlsx, { name });
      if ("error" in imported) throw new Error(imported.error.en);
      expect(imported.sums).toEqual([]);
      expect(imported.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.en)).toEqual([]);
      const back = analyzeProgram([{ file: "imported.rubric", text: imported.text }]).rubrics[0];
      expect(back?.model.total?.toString()).toBe(rubric.model.total?.toString());
      expect(treeLines(back?.model.groups ?? [])).toEqual(treeLines(rubric.model.groups));
    });
  }
});
