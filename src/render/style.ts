/** The stylesheet of the HTML documents: a printed form on A4, in the fonts a Chinese government document uses. */

/** Song/Ming first (a printed form), the Noto CJK fonts Debian ships, then the usual Windows and macOS fonts. */
export const FONT_STACK =
  '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", serif';
export const SANS_STACK =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

export const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.5; color: #111; background: #fff;
  margin: 24px auto; max-width: 1280px; padding: 0 16px; }
header.doc { text-align: center; margin-bottom: 14px; }
header.doc .annex-label { text-align: left; font-family: ${SANS_STACK}; font-weight: bold; margin: 0 0 6px; }
header.doc h1 { font-size: 17pt; font-weight: bold; letter-spacing: 0.08em; margin: 0 0 6px; }
header.doc .subject { font-size: 12pt; margin: 0 0 4px; }
header.doc .meta { font-size: 9.5pt; color: #333; margin: 0; }
dl.summary { display: flex; justify-content: center; gap: 0; margin: 10px auto 16px; padding: 0; border: 1px solid #000; width: max-content; }
dl.summary div { padding: 4px 18px; border-left: 1px solid #000; text-align: center; }
dl.summary div:first-child { border-left: 0; }
dl.summary dt { font-size: 9pt; color: #333; }
dl.summary dd { margin: 0; font-size: 14pt; font-weight: bold; font-variant-numeric: tabular-nums; }
table.annex { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.annex th, table.annex td { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; }
table.annex thead th { background: #e7e6e6; font-family: ${SANS_STACK}; font-size: 9.5pt; font-weight: bold; text-align: center; }
table.annex th.level { font-weight: normal; text-align: center; background: #fff; }
table.annex th.level .pts { display: block; font-size: 9pt; color: #333; }
table.annex th.level .got { display: block; font-size: 9pt; color: #333; }
table.annex td.text { white-space: pre-line; font-size: 9pt; vertical-align: top; text-align: left; }
table.annex td.num { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.annex tr.lost td.score { color: #8b1a1a; font-weight: bold; }
table.annex td.reasons { font-size: 9pt; vertical-align: top; }
table.annex td.reasons p { margin: 0 0 3px; }
table.annex td.changes { font-size: 9pt; color: #7a4b00; vertical-align: top; white-space: pre-line; }
table.annex .changed { background: #fff4d6; }
table.annex tbody.total th, table.annex tbody.total td { font-weight: bold; background: #f3f3f3; }
section.analysis { margin-top: 22px; }
section.analysis h2, section.batch h2 { font-size: 13pt; border-bottom: 2px solid #000; padding-bottom: 3px; margin: 18px 0 8px; }
figure.chart { margin: 8px 0 16px; }
figure.chart figcaption { font-family: ${SANS_STACK}; font-size: 10pt; font-weight: bold; margin-bottom: 4px; }
figure.chart svg { max-width: 100%; height: auto; }
ul.removed, p.note { font-size: 9.5pt; }
footer.doc { margin-top: 18px; font-size: 8.5pt; color: #444; border-top: 1px solid #999; padding-top: 6px; }
table.list { border-collapse: collapse; margin: 6px 0 12px; }
table.list th, table.list td { border: 1px solid #000; padding: 3px 10px; }
table.list th { background: #e7e6e6; font-family: ${SANS_STACK}; font-size: 9.5pt; }
table.list td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.list tr.failed td { color: #8b1a1a; }
a { color: #1f3a93; }
@page { size: A4 landscape; margin: 12mm 10mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  thead { display: table-header-group; }
  td.text, td.reasons { break-inside: auto; }
  table.annex tbody.group + tbody.group { break-before: page; }
  table.annex tbody.total { break-before: avoid; }
  section.analysis, section.page { break-before: page; }
  figure.chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
