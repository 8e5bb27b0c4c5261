/**
 * The XLSX score reports opened by a real spreadsheet program, not only by
 * the library that wrote them: Debian's LibreOffice (headless) converts each
 * to ODS and to PDF (page 1 rendered to PNG with poppler's `pdftoppm`), kept
 * in test/.output/render/spreadsheet/. Its flat-XML form shows what a user's
 * spreadsheet holds: scores and points are numbers, not text, the 一级指标
 * cells are merged over their rows, the total row holds the seed's total.
 * CI installs them: `apt-get install libreoffice-calc-nogui poppler-utils`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, exampleIndicators, hasLibreOffice, LIBREOFFICE, outputDir, SHENZHEN } from "./helpers.js";

const PDFTOPPM = "/usr/bin/pdftoppm";
const hasPdftoppm = existsSync(PDFTOPPM);
if (!hasLibreOffice || !hasPdftoppm) {
  console.warn(
    `spreadsheet tests skipped: ${hasLibreOffice ? PDFTOPPM : LIBREOFFICE} not found (apt-get install libreoffice-calc-nogui poppler-utils)`,
  );
}

const out = outputDir("spreadsheet");
// A profile of its own: a user's running LibreOffice (or another test run) must not block the conversion.
const profile = pathToFileURL(mkdtempSync(join(tmpdir(), "rubric-lo-"))).href;

function convert(file: string, format: string): string {
  execFileSync(
    LIBREOFFICE,
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", format, "--outdir", out, file],
    { stdio: "pipe", timeout: 120_000 },
  );
  const converted = file.replace(/\.xlsx$/, `.${format}`);
  expect(existsSync(converted), `${format} not written`).toBe(true);
  return converted;
}

interface OdsCell {
  readonly type: string | null;
  readonly value: string | null;
  readonly text: string;
  readonly rowsSpanned: number;
}

const POINTS_PER: Record<string, number> = { in: 72, cm: 72 / 2.54, mm: 72 / 25.4, pt: 1 };

/** Row heights in points by row style name. */
function rowHeights(xml: string): Map<string, number> {
  const heights = new Map<string, number>();
  const re =
    /<style:style style:name="([^"]+)" style:family="table-row">\s*<style:table-row-properties style:row-height="([\d.]+)(in|cm|mm|pt)"/g;
  for (const [, name = "", n = "0", unit = "pt"] of xml.matchAll(re))
    heights.set(name, Number(n) * (POINTS_PER[unit] ?? 1));
  return heights;
}

type OdsRow = (OdsCell | null)[] & { height?: number };

/** The first sheet of a flat ODS as rows of cells (covered cells of a merge as null), empty rows left out. */
function readFods(file: string, columns: number): OdsRow[] {
  const xml = readFileSync(file, "utf8");
  const heights = rowHeights(xml);
  const sheet = xml.slice(xml.indexOf("<table:table "), xml.indexOf("</table:table>"));
  const rows: OdsRow[] = [];
  for (const [, attrs = "", body = ""] of sheet.matchAll(/<table:table-row\b([^>]*)>(.*?)<\/table:table-row>/gs)) {
    const cells: OdsRow = [];
    const style = /table:style-name="([^"]+)"/.exec(attrs)?.[1];
    if (style) cells.height = heights.get(style);
    const re = /<table:(table-cell|covered-table-cell)\b([^>]*?)(?:\/>|>(.*?)<\/table:\1>)/gs;
    for (const [, kind, attrs = "", inner = ""] of body.matchAll(re)) {
      const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
      const repeat = Math.min(Number(attr("table:number-columns-repeated") ?? "1"), columns);
      for (let i = 0; i < repeat && cells.length < columns; i++) {
        if (kind === "covered-table-cell") cells.push(null);
        else {
          const text = [...inner.matchAll(/<text:p\b[^>]*>(.*?)<\/text:p>/gs)]
            .map(([, p = ""]) => p.replace(/<text:line-break\/>/g, "\n").replace(/<[^>]+>/g, ""))
            .join("\n")
            .trim();
          cells.push({
            type: attr("office:value-type"),
            value: attr("office:value"),
            text,
            rowsSpanned: Number(attr("table:number-rows-spanned") ?? "1"),
          });
        }
      }
    }
    if (cells.some((c) => c && (c.text !== "" || c.type !== null))) rows.push(cells);
  }
  return rows;
}

describe.skipIf(!hasLibreOffice || !hasPdftoppm)("score reports in LibreOffice Calc", () => {
  for (const dept of SHENZHEN) {
    const slug = dept.file.replace(/^rubrics\/|\.rubric$/g, "");
    it(`${slug}: numbers stay numbers, groups are merged, the total is the seed's; ODS, PDF and PNG kept`, async () => {
      const xlsx = join(out, `${slug}.xlsx`);
      const r = await cli("render", dept.file, "--example", dept.example, "--format", "xlsx", "-o", xlsx);
      expect(r.code, r.err).toBe(0);
      convert(xlsx, "ods");
      const rows = readFods(convert(xlsx, "fods"), 8);

      const header = rows[0]?.map((c) => c?.text);
      expect(header).toEqual(["一级指标", "二级指标", "三级指标", "分值", "指标说明", "评分标准", "得分", "扣分原因"]);

      const expected = exampleIndicators(dept.file, dept.example);
      const body = rows.slice(1, 1 + expected.length);
      // The 三级指标 cell is the name, then the title the rubric gives it (if any) on the next line.
      expect(body.map((row) => row[2]?.text.split("\n")[0])).toEqual(expected.map((x) => x.name));
      for (const [i, x] of expected.entries()) {
        const [points, score] = [body[i]?.[3], body[i]?.[6]];
        expect({ name: x.name, points: [points?.type, points?.value], score: [score?.type, score?.value] }).toEqual({
          name: x.name,
          points: ["float", x.points],
          score: ["float", x.score],
        });
      }

      // Rows tall enough for their text: at least a 10-point line for each line of 评分标准 as written.
      for (const row of body) {
        const lines = (row[5]?.text ?? "").split("\n").length;
        expect({ row: row[2]?.text, height: (row.height ?? 0) >= lines * 10 }).toEqual({
          row: row[2]?.text,
          height: true,
        });
      }

      // Each 一级指标 cell spans its indicators' rows; below it the merge's covered cells.
      const spans = body.flatMap((row) => (row[0] ? [{ text: row[0].text, rows: row[0].rowsSpanned }] : []));
      const perGroup = new Map<string, number>();
      for (const x of expected) perGroup.set(x.group, (perGroup.get(x.group) ?? 0) + 1);
      expect(spans.map((s) => ({ group: s.text.split(/[（\n]/)[0], rows: s.rows }))).toEqual(
        [...perGroup].map(([group, n]) => ({ group, rows: n })),
      );

      const total = rows.find((row) => row[0]?.text === "总分");
      expect(total?.find((c) => c?.type === "float" && c.value === dept.total)).toBeTruthy();

      const pdf = convert(xlsx, "pdf");
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
      const png = join(out, `${slug}-page1`);
      execFileSync(PDFTOPPM, ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, png], { stdio: "pipe" });
      expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
    }, 180_000);
  }
});
