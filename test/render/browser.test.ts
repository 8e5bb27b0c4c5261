/**
 * The score reports as an analyst opens them: in Debian's Chromium (driven by
 * playwright-core), with the CJK fonts of `fonts-noto-cjk`. Each page loads
 * from its file with no network request and no console error; the table has
 * the report's rows, merged cells and total; the chart has one bar per
 * indicator that lost points; a screenshot and an A4 PDF are kept in
 * test/.output/render/browser/. CI installs the browser:
 * `apt-get install chromium fonts-noto-cjk`.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, cli, exampleIndicators, hasChromium, outputDir, SHENZHEN } from "./helpers.js";

if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)`);
}

const out = outputDir("browser");

/** Opens a file, recording every request and every console error or page error. */
async function open(browser: Browser, file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(pathToFileURL(resolve(file)).href);
  return { page, requests, errors };
}

describe.skipIf(!hasChromium)("score reports in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const dept of SHENZHEN) {
    const slug = dept.file.replace(/^rubrics\/|\.rubric$/g, "");
    it(`${slug}: the annex as the report prints it — rows, merged cells, total, chart, screenshot and PDF`, async () => {
      const html = join(out, `${slug}.html`);
      const r = await cli("render", dept.file, "--example", dept.example, "--format", "html", "-o", html);
      expect(r.code, r.err).toBe(0);
      const { page, requests, errors } = await open(browser, html);

      // Self-contained: the page itself is the only thing loaded.
      expect(requests).toEqual([pathToFileURL(resolve(html)).href]);
      expect(errors).toEqual([]);

      const expected = exampleIndicators(dept.file, dept.example);
      const rows = await page.$$eval("table.annex tbody.group tr[data-path]", (trs) =>
        trs.map((tr) => ({
          path: tr.getAttribute("data-path") ?? "",
          score: tr.querySelector("td.score")?.textContent ?? "",
          lost: tr.classList.contains("lost"),
        })),
      );
      expect(rows.map((x) => x.path)).toEqual(expected.map((x) => x.path));
      expect(rows.map((x) => x.lost)).toEqual(expected.map((x) => x.score !== x.points));

      // 一级指标 cells span their indicators' rows, as the printed annex merges them.
      const spans = await page.$$eval("table.annex th.lvl0", (ths) =>
        ths.map((th) => ({ text: th.firstChild?.textContent ?? "", rows: Number(th.getAttribute("rowspan") ?? "1") })),
      );
      const perGroup = new Map<string, number>();
      for (const x of expected) perGroup.set(x.group, (perGroup.get(x.group) ?? 0) + 1);
      expect(spans).toEqual([...perGroup].map(([text, rows]) => ({ text, rows })));

      const total = await page.$eval("tr.total td.score", (td) => td.textContent);
      expect(total).toBe(dept.total);
      expect(await page.$eval("tr.total td.grade", (td) => td.textContent)).toContain("优");

      // The chart of points lost per indicator: one labelled bar per indicator below its points.
      const chart = await page.$eval('svg[aria-label="各指标扣分"]', (svg) => {
        const texts = [...svg.querySelectorAll("text")];
        const labels = texts.filter((t) => t.getAttribute("text-anchor") === "end").map((t) => t.textContent ?? "");
        const fills = [...svg.querySelectorAll("path")]
          .map((p) => p.getAttribute("fill") ?? "none")
          .filter((f) => f !== "none" && f !== "transparent");
        const counts = new Map<string, number>();
        for (const f of fills) counts.set(f, (counts.get(f) ?? 0) + 1);
        const font = texts[0]?.style.fontFamily ?? "";
        return { labels, bars: Math.max(0, ...counts.values()), font };
      });
      const lost = expected.filter((x) => x.score !== x.points).map((x) => x.name);
      expect(chart.labels.sort()).toEqual([...lost].sort());
      expect(chart.bars).toBe(lost.length);
      // The chart's own style attribute names the document's CJK fonts (quotes in it once cut it short).
      expect(chart.font).toContain("Noto Serif CJK SC");

      await page.screenshot({ path: join(out, `${slug}.png`), fullPage: true });
      const pdf = await page.pdf({ path: join(out, `${slug}.pdf`), preferCSSPageSize: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      // Page breaks between the 一级指标 groups: at least one page per group.
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(perGroup.size);
      await page.close();
    }, 60_000);
  }

  it("the batch index links every department's report and charts the totals", async () => {
    const dir = join(out, "batch");
    const r = await cli("score", "rubrics", "rubrics/inputs/seeds.csv", "--report-dir", dir);
    expect(r.code, r.err).toBe(0);
    const { page, requests, errors } = await open(browser, join(dir, "index.html"));
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    const hrefs = await page.$$eval("a[href$='.html']", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    const links = hrefs.map((h) => decodeURIComponent(h));
    const reports = readdirSync(dir).filter((f) => f.endsWith(".html") && f !== "index.html");
    expect(reports).toHaveLength(3);
    expect([...new Set(links)].sort()).toEqual(reports.sort());
    for (const href of links) expect(existsSync(join(dir, href))).toBe(true);
    const text = await page.textContent("body");
    for (const total of ["93.76", "97.11", "94.91"]) expect(text).toContain(total);
    expect(await page.$$eval("svg", (s) => s.length)).toBeGreaterThan(0);
    // Following a link opens that department's report.
    await page.click(`a[href="${hrefs[0]}"]`);
    expect(decodeURIComponent(page.url())).toContain(links[0]);
    expect(await page.$$eval("table.annex tr.total", (t) => t.length)).toBe(1);
    await page.screenshot({ path: join(out, "batch-index.png"), fullPage: true });
    await page.close();
  }, 60_000);
});
