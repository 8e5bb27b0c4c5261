/**
 * Bar charts as inline SVG, drawn when the document is built: ECharts'
 * server-side renderer (`ssr: true`) writes the SVG without a browser or a
 * DOM, so the page needs no JavaScript to show its numbers. Bar lengths are
 * drawing only; every label is the exact decimal text.
 */
import type { EChartsCoreOption } from "echarts/core";

export interface Bar {
  readonly label: string;
  /** Exact decimal text: the label shown at the bar's end. */
  readonly value: string;
}

export interface ChartStyle {
  readonly color: string;
  readonly width?: number;
  /** Category axis vertical (bars grow upward), for distributions. */
  readonly vertical?: boolean;
  /** Whole numbers (counts of departments): no fractional ticks. */
  readonly counts?: boolean;
  readonly font: string;
}

type Core = typeof import("echarts/core");
let loaded: Promise<Core> | undefined;

/** Only the bar chart, the grid and the SVG renderer are loaded: the whole library takes far longer to import. */
function echarts(): Promise<Core> {
  loaded ??= (async () => {
    const core = await import("echarts/core");
    const { BarChart } = await import("echarts/charts");
    const { GridComponent } = await import("echarts/components");
    const { SVGRenderer } = await import("echarts/renderers");
    core.use([BarChart, GridComponent, SVGRenderer]);
    return core;
  })();
  return loaded;
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Wide characters count two: the category axis is sized to its longest label. */
function labelWidth(s: string, px: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? px : px * 0.6;
  return Math.ceil(w);
}

export async function barChartSvg(bars: readonly Bar[], style: ChartStyle, title: string): Promise<string> {
  const core = await echarts();
  const width = style.width ?? 680;
  const fontSize = 12;
  const longest = Math.min(260, Math.max(40, ...bars.map((b) => labelWidth(b.label, fontSize))));
  const height = style.vertical ? 260 : 36 + 26 * Math.max(1, bars.length);
  const chart = core.init(null, undefined, { renderer: "svg", ssr: true, width, height });
  const category = {
    type: "category",
    data: bars.map((b) => b.label),
    inverse: !style.vertical,
    axisTick: { show: false },
    axisLabel: {
      fontSize,
      color: "#222",
      interval: 0,
      ...(style.vertical ? {} : { width: longest, overflow: "break" }),
    },
  };
  const value = {
    type: "value",
    minInterval: style.counts ? 1 : 0.5,
    splitLine: { lineStyle: { color: "#ddd" } },
    axisLabel: { fontSize: 11 },
  };
  const option: EChartsCoreOption = {
    animation: false,
    // ECharts' SVG renderer writes the family inside a double-quoted style attribute without escaping it:
    // double quotes there would end the attribute and the chart would fall back to the default font.
    textStyle: { fontFamily: style.font.replaceAll('"', "'") },
    grid: style.vertical
      ? { left: 40, right: 16, top: 24, bottom: 36 }
      : { left: longest + 16, right: 56, top: 8, bottom: 24 },
    xAxis: style.vertical ? category : value,
    yAxis: style.vertical ? value : category,
    series: [
      {
        type: "bar",
        barMaxWidth: style.vertical ? 48 : 16,
        itemStyle: { color: style.color },
        data: bars.map((b) => Number(b.value)),
        label: {
          show: true,
          position: style.vertical ? "top" : "right",
          fontSize,
          color: "#222",
          formatter: (p: { dataIndex: number }) => bars[p.dataIndex]?.value ?? "",
        },
      },
    ],
  };
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  // The chart's accessible name; the bars are also listed as text beside it.
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(title)}" `);
}
