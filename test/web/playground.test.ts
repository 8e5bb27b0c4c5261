/**
 * The playground as an analyst uses it: `npm run build:web`'s site served by
 * a plain static server on 127.0.0.1 and opened in Debian's Chromium
 * (playwright-core; apt-get install chromium fonts-noto-cjk). Screenshots
 * are kept in test/.output/web/.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb, OUT } from "../../scripts/build-web.js";
import { analyzeProgram } from "../../src/compiler/program.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { CHROMIUM, hasChromium } from "../render/helpers.js";
import { zipFile } from "../../src/cli/batch/zip-file.js";
import { zipEntries, zipEntryBytes, type ZipSource } from "../../src/cli/batch/zip-read.js";
import { zipBytes } from "../../src/cli/batch/zip-bytes.js";
import { readCsv } from "../../src/cli/batch/csv-read.js";
import { readXlsx } from "../../src/cli/batch/xlsx-read.js";
import { serve } from "./static-server.js";
import { score } from "../batch/helpers.js";
import { formatRubric } from "../../src/format/format.js";

if (!hasChromium)
  console.warn(`playground tests skipped: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)`);

const shots = join("test", ".output", "web");
mkdirSync(shots, { recursive: true });

const SMALL = `rubric 试算 {
  total 10
  input 完成率: ratio in [0, 100%]
  group 产出 10 {
    indicator 完成 10 { score = 完成率 * 10 }
  }
}
`;

describe.skipIf(!hasChromium)("the browser playground", () => {
  let browser: Browser;
  let server: Server;
  let url = "";
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    await buildWeb();
    ({ url, server } = await serve(OUT));
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => void d.accept("试算.rubric"));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const editor = () => page.locator(".editor:not([hidden]) .cm-content");
  const line = (text: string) => page.locator(".editor:not([hidden]) .cm-line", { hasText: text }).first();
  const lintErrors = () => page.locator(".editor:not([hidden]) .cm-lintRange-error");

  it("opens with the bundled rubrics, checked and their examples run", async () => {
    const t0 = Date.now();
    await page.goto(url);
    await page.locator("details.example summary").first().waitFor({ timeout: 20_000 });
    // Interactive: the editor takes keys and the worker has checked every file and run its examples.
    await editor().first().waitFor();
    console.log(`playground: time to interactive ${Date.now() - t0} ms after navigation (target < 2 s)`);
    expect(await page.locator("nav.tabs button").allTextContents()).toContain("dapeng-zsj-2021.rubric");
    await page.locator('nav.tabs button[data-file="dapeng-zsj-2021.rubric"]').click();
    await expect.poll(() => page.locator("details.example summary").first().textContent()).toContain("93.76");
    expect(await page.locator("details.example summary.pass").count()).toBe(1);
    await page.screenshot({ path: join(shots, "opened.png") });
  }, 60_000);

  it("shows the 评分表 as rubric render draws it, and an example's score report", async () => {
    await page.locator('nav.panel-tabs button[data-panel="annex"]').click();
    await page.locator("section.panel table.annex").waitFor({ timeout: 5_000 });
    expect(await page.locator("section.panel table.annex th.lvl0").count()).toBe(3);
    expect(await page.locator("section.panel tr.total td.points").textContent()).toBe("100");
    await page.locator("select.annex-example").selectOption({ index: 1 });
    await expect
      .poll(() => page.locator("section.panel tr.total td.score").textContent(), { timeout: 5_000 })
      .toBe("93.76");
    await page.screenshot({ path: join(shots, "annex.png") });
    await page.locator('nav.panel-tabs button[data-panel="examples"]').click();
  }, 30_000);

  it("shows a broken sum in Chinese within a second of typing, and clears it on undo", async () => {
    await line("预算编制 10").click();
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    const t0 = Date.now();
    await page.keyboard.type("1");
    await lintErrors().first().waitFor({ timeout: 1_000 });
    console.log(`playground: keystroke → diagnostic ${Date.now() - t0} ms`);
    await lintErrors().first().hover();
    await page.locator(".cm-tooltip-lint").waitFor({ timeout: 5_000 });
    expect(await page.locator(".cm-tooltip-lint").textContent()).toMatch(/部门决策.*25/);
    await page.screenshot({ path: join(shots, "diagnostic.png") });
    await page.mouse.move(0, 0);
    await line("预算编制 11").click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => lintErrors().count(), { timeout: 2_000 }).toBe(0);
    expect(await line("预算编制 10").count()).toBe(1);
  }, 30_000);

  it("hovers an indicator and completes a keyword", async () => {
    const target = line("绩效目标完整性 8");
    const box = await target.boundingBox();
    if (!box) throw new Error("no line");
    // Over the name: the line reads `目标设置 15 { 绩效目标完整性 8; … }`.
    const text = (await target.textContent()) ?? "";
    const col = text.indexOf("绩效目标完整性") + 2;
    await page.mouse.move(box.x + 4 + col * 14.2, box.y + box.height / 2);
    await page.locator(".cm-tooltip-hover").waitFor({ timeout: 5_000 });
    expect(await page.locator(".cm-tooltip-hover").textContent()).toContain("绩效目标完整性");
    await page.mouse.move(0, 0);

    await line("year 2021").click();
    await page.keyboard.press("End");
    await page.keyboard.insertText("\n  inpu");
    await page.keyboard.press("Control+Space");
    await page.locator(".cm-tooltip-autocomplete").waitFor({ timeout: 5_000 });
    expect(await page.locator(".cm-tooltip-autocomplete li").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("input")]),
    );
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+z");
  }, 30_000);

  it("scores one department from a form, to the reference evaluator's total", async () => {
    await page.locator("button.new-file").click();
    await page.locator('nav.tabs button[data-file="试算.rubric"]').waitFor();
    await editor().click();
    await page.keyboard.insertText(SMALL);
    await page.locator('nav.panel-tabs button[data-panel="form"]').click();
    const field = page.locator('form.score-form input[name="完成率"]');
    await field.waitFor({ timeout: 5_000 });
    await field.fill("85%");
    const program = analyzeProgram([{ file: "t.rubric", text: SMALL }]);
    const rubric = program.rubrics[0];
    if (!rubric) throw new Error("no rubric");
    const expected = createReferenceScorer(rubric).score({ values: { 完成率: "85%" } }).total;
    expect(expected).toBe("8.5");
    await expect.poll(() => page.locator('output[name="total"]').textContent(), { timeout: 5_000 }).toBe(expected);
    await field.fill("40%");
    await expect.poll(() => page.locator('output[name="total"]').textContent(), { timeout: 5_000 }).toBe("4");
    await page.screenshot({ path: join(shots, "form.png") });
  }, 30_000);

  it("scores the seed CSV in the worker and offers the results as CSV", async () => {
    await page.locator('nav.panel-tabs button[data-panel="batch"]').click();
    await page.locator('input[type="file"]').setInputFiles("rubrics/inputs/seeds.csv");
    await page.locator("table.batch tbody tr").nth(2).waitFor({ timeout: 20_000 });
    expect(await page.locator("table.batch td.total").allTextContents()).toEqual(["93.76", "97.11", "94.91"]);
    const download = page.locator("a.download-csv");
    expect(await download.getAttribute("download")).toBe("seeds-得分.csv");
    const csv = await page.evaluate(
      async (href) => (await fetch(href)).text(),
      (await download.getAttribute("href")) ?? "",
    );
    expect(csv).toContain("93.76");
    await page.screenshot({ path: join(shots, "batch.png") });
  }, 60_000);

  it("scores an XLSX workbook dropped in, and offers the results as the same XLSX `rubric score` writes", async () => {
    // The seed CSV as an analyst's workbook: plain numbers as number cells, the rest as text.
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("部门");
    for await (const r of readCsv([readFileSync("rubrics/inputs/seeds.csv")]))
      sheet.addRow(r.cells.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
    const input = join(shots, "seeds.xlsx");
    await wb.xlsx.writeFile(input);

    await page.locator('nav.panel-tabs button[data-panel="batch"]').click();
    await page.locator('input[type="file"]').setInputFiles(input);
    await expect
      .poll(() => page.locator("table.batch td.total").allTextContents(), { timeout: 20_000 })
      .toEqual(["93.76", "97.11", "94.91"]);
    const link = page.locator("a.download-xlsx");
    expect(await link.getAttribute("download")).toBe("seeds-得分.xlsx");
    const bytes = Buffer.from(
      await page.evaluate(
        async (href) => [...new Uint8Array(await (await fetch(href)).arrayBuffer())],
        (await link.getAttribute("href")) ?? "",
      ),
    );
    const cells = async (src: ZipSource) => {
      const rows: unknown[][] = [];
      for await (const x of readXlsx(src)) if ("cells" in x) rows.push(x.cells);
      return rows;
    };
    const cli = join(shots, "seeds-cli.xlsx");
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "--format", "xlsx", "--lang", "zh", "-o", cli);
    expect(r.code, r.err).toBe(0);
    // The playground's workspace holds more rubrics than rubrics/ (the analyst's own): their indicator
    // columns are extra, and empty for these rows. Every column of the CLI's file is there, cell for cell.
    const byColumn = (rows: unknown[][]) =>
      new Map((rows[0] ?? []).map((h, i) => [String(h), rows.slice(1).map((row) => row[i])]));
    const browser = byColumn(await cells(zipBytes(new Uint8Array(bytes))));
    const expected = byColumn(await cells(zipFile(cli)));
    for (const [h, values] of expected) expect(browser.get(h), h).toEqual(values);
    for (const [h, values] of browser)
      if (!expected.has(h))
        expect(
          values.filter((v) => v !== undefined),
          h,
        ).toEqual([]);
    expect(browser.get("总分")).toEqual([93.76, 97.11, 94.91]);
  }, 60_000);

  it("keeps the work after a reload, exports it as a zip, shares a file by link; asks nothing of the network, logs no error", async () => {
    await page.reload();
    await page.locator('nav.tabs button[data-file="试算.rubric"]').click();
    await expect.poll(() => editor().textContent(), { timeout: 5_000 }).toContain("完成率 * 10");

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.export").click()]);
    const zip = join(shots, "rubrics.zip");
    await download.saveAs(zip);
    const entries = await zipEntries(zipFile(zip));
    expect([...entries.keys()]).toEqual(expect.arrayContaining(["试算.rubric", "dapeng-zsj-2021.rubric"]));
    const entry = entries.get("试算.rubric");
    if (!entry) throw new Error("no entry");
    const chunks: Uint8Array[] = [];
    for await (const c of zipEntryBytes(zipFile(zip), entry, 1 << 20, { zh: "", en: "" })) chunks.push(c);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(SMALL);

    // The share link carries the open file: opened in a fresh browser profile, it is there.
    await page.locator("button.share").click();
    await expect.poll(() => page.url()).toContain("#share=");
    const other = await browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(page.url());
    await fresh.locator('nav.tabs button[data-file="试算.rubric"][aria-selected="true"]').waitFor({ timeout: 20_000 });
    expect(await fresh.locator(".editor:not([hidden]) .cm-content").textContent()).toContain("完成率 * 10");
    await other.close();

    const origin = new URL(url).origin;
    const outside = requests.filter((r) => !r.startsWith(origin) && !r.startsWith("blob:") && !r.startsWith("data:"));
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 30_000);

  it("measures keystroke → diagnostics in the worker on the largest bundled rubric (printed, not asserted)", async () => {
    const largest = readdirSync("rubrics")
      .filter((f) => f.endsWith(".rubric"))
      .sort((a, b) => statSync(join("rubrics", b)).size - statSync(join("rubrics", a)).size)[0];
    await page.locator(`nav.tabs button[data-file="${largest}"]`).click();
    // Lines outside the viewport are not in the DOM: go to the first rule line with the keyboard.
    const ruleLine = readFileSync(join("rubrics", largest ?? ""), "utf8")
      .split("\n")
      .findIndex((l) => /^\s*score =/.test(l));
    await editor().click();
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < ruleLine; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.evaluate(() => performance.clearMeasures("rubric:diagnostics"));
    // Each keystroke waits for its diagnostics, so that none is superseded by the next.
    for (const ch of " + 1 - 1 + 2 - 2 + 3 - 3") {
      const before = await page.evaluate(() => performance.getEntriesByName("rubric:diagnostics").length);
      await page.keyboard.type(ch);
      await expect
        .poll(() => page.evaluate(() => performance.getEntriesByName("rubric:diagnostics").length), { timeout: 5_000 })
        .toBeGreaterThan(before);
    }
    const ms = (
      await page.evaluate(() => performance.getEntriesByName("rubric:diagnostics").map((e) => e.duration))
    ).sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]?.toFixed(0);
    console.log(
      `playground: ${largest}: keystroke → diagnostics over ${ms.length} edits: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (target p95 < 100 ms)`,
    );
    expect(ms.length).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it("lists the outline, folds a group, renames an input everywhere, goes to definitions (also into the base rubric), formats", async () => {
    await page.locator('nav.tabs button[data-file="试算.rubric"]').click();
    const activeLine = () => page.locator(".editor:not([hidden]) .cm-activeLine").textContent();
    const docText = async () => (await page.locator(".editor:not([hidden]) .cm-line").allTextContents()).join("\n");
    /** Puts the cursor inside `word` on the first line containing `text`. */
    const cursorAt = async (text: string, word: string) => {
      const l = line(text);
      await l.click();
      const t = (await l.textContent()) ?? "";
      await page.keyboard.press("End");
      for (let i = 0; i < t.length - (t.indexOf(word) + 1); i++) await page.keyboard.press("ArrowLeft");
    };

    await page.locator('nav.panel-tabs button[data-panel="outline"]').click();
    await page.locator("nav.outline button.symbol").first().waitFor({ timeout: 5_000 });
    const names = await page.locator("nav.outline button.symbol").allTextContents();
    expect(names.map((n) => n.split(" ")[0])).toEqual(expect.arrayContaining(["试算", "完成率", "产出", "完成"]));
    await page.locator("nav.outline button.symbol", { hasText: /^完成 / }).click();
    await expect.poll(activeLine).toContain("indicator 完成 10");

    // The server's folding ranges: the group folds to one line, and opens again.
    const marker = page.locator(".editor:not([hidden]) .cm-foldGutter .cm-gutterElement span[title]");
    await expect.poll(() => marker.count(), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const lineBox = await line("group 产出").boundingBox();
    const markers = await marker.evaluateAll((ms) =>
      ms.map((m) => {
        const r = m.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    const groupMarker = markers.find(
      (m) => lineBox && Math.abs(m.y - (lineBox.y + lineBox.height / 2)) < lineBox.height / 2,
    );
    if (!groupMarker) throw new Error("no fold marker on the group's line");
    await page.mouse.click(groupMarker.x, groupMarker.y);
    await page.locator(".editor:not([hidden]) .cm-foldPlaceholder").waitFor({ timeout: 5_000 });
    expect(await docText()).not.toContain("indicator 完成");
    await page.locator(".editor:not([hidden]) .cm-foldPlaceholder").click();
    await expect.poll(docText).toContain("indicator 完成");

    await cursorAt("score = 完成率", "完成率");
    await page.keyboard.press("F2");
    const input = page.locator(".cm-lsp-rename-panel input[name=name]");
    await input.waitFor({ timeout: 5_000 });
    await input.fill("达成率");
    await input.press("Enter");
    await expect.poll(docText, { timeout: 5_000 }).toContain("score = 达成率 * 10");
    expect(await docText()).toContain("input 达成率: ratio");
    expect(await docText()).not.toContain("完成率");

    await cursorAt("score = 达成率", "达成率");
    await page.keyboard.press("F12");
    await expect.poll(activeLine, { timeout: 5_000 }).toContain("input 达成率");

    // Formatting gives what `rubric fmt` gives for the same text.
    await line("total 10").click();
    await page.keyboard.press("End");
    await page.keyboard.insertText("   ");
    const messy = await docText();
    await page.keyboard.press("Shift+Alt+f");
    const formatted = await formatRubric(messy);
    expect(formatted).not.toBe(messy);
    await expect.poll(docText, { timeout: 5_000 }).toBe(formatted);

    // Into another file: a group the derived rubric reweights is declared in the base.
    await page.locator('nav.tabs button[data-file="dapeng-zsj-2021.rubric"]').click();
    await cursorAt("预算编制 10", "预算编制");
    await page.keyboard.press("F12");
    await page
      .locator('nav.tabs button[data-file="shenzhen-common-2023.rubric"][aria-selected="true"]')
      .waitFor({ timeout: 5_000 });
    await expect.poll(activeLine, { timeout: 5_000 }).toContain("group 预算编制 10");
    await page.screenshot({ path: join(shots, "navigation.png") });
  }, 60_000);

  it("is small: the whole site under 3 MB, under 1 MB gzip-compressed", () => {
    const files = ["index.html", "playground.css", "playground.js"].map((f) => readFileSync(join(OUT, f)));
    const size = files.reduce((a, b) => a + b.length, 0);
    const gz = files.reduce((a, b) => a + gzipSync(b).length, 0);
    console.log(`playground: site ${(size / 1024).toFixed(0)} KB, gzip ${(gz / 1024).toFixed(0)} KB`);
    expect(size).toBeLessThan(3 * 1024 * 1024);
    expect(gz).toBeLessThan(1024 * 1024);
  });
});
