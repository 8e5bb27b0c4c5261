/** The panels beside the editor: the 评分表, the examples, a form scoring one department, a CSV batch. */
import type { Text } from "../runtime/report.js";
import type { InputSpec, InputTypeSpec, ScoreInput } from "../runtime/scorer.js";
import { el, replace } from "./dom.js";
import { fromBase64, toBase64 } from "../lsp/base64.js";
import type { AnnexAnswer, ExampleSummary, RubricSummary, ScoreAnswer, ScoreFileAnswer } from "./protocol.js";

export type Lang = "zh" | "en";
export const say = (t: Text, lang: Lang): string => t[lang];

/** The 评分表 drawn by `rubric render`'s renderer; a switch shows an example's score report instead. */
export function annexPanel(
  target: Element,
  a: AnnexAnswer,
  lang: Lang,
  example: string | undefined,
  choose: (example: string | undefined) => void,
): void {
  if (a.tables.length === 0) {
    replace(target, el("p", { class: "muted" }, lang === "zh" ? "当前文件没有评分表" : "no rubric in this file"));
    return;
  }
  const pick = el(
    "select",
    { class: "annex-example" },
    el("option", { value: "" }, lang === "zh" ? "评分表（不含得分）" : "the rubric (no scores)"),
    ...a.examples.map((t) => el("option", { value: t }, `${lang === "zh" ? "得分：" : "scored: "}${t}`)),
  );
  pick.value = example ?? "";
  pick.addEventListener("change", () => choose(pick.value === "" ? undefined : pick.value));
  // The renderer escapes every text it writes; the markup is parsed, not concatenated into the page.
  const tables = a.tables.map((t) => {
    const doc = new DOMParser().parseFromString(t.html, "text/html");
    return el("div", { class: "annex-wrap" }, el("h3", {}, t.key), ...Array.from(doc.body.childNodes));
  });
  replace(target, ...(a.examples.length ? [pick] : []), ...tables);
}

export function examplesPanel(target: Element, xs: readonly ExampleSummary[], lang: Lang): void {
  if (xs.length === 0) {
    replace(target, el("p", { class: "muted" }, lang === "zh" ? "没有案例" : "no examples"));
    return;
  }
  replace(
    target,
    ...xs.map((x) => {
      const failed = x.assertions.filter((a) => !a.pass);
      const summary = el(
        "summary",
        { class: x.pass ? "pass" : "fail" },
        `${x.pass ? "✓" : "✗"} ${x.title}`,
        el(
          "span",
          { class: "total" },
          x.total ? `  ${lang === "zh" ? "总分" : "total"} ${x.total} ${x.grade ?? ""}` : "",
        ),
      );
      const problems = x.problems.map((p) => el("p", { class: "problem" }, say(p, lang)));
      const fails = failed.map((a) =>
        el(
          "p",
          { class: "problem" },
          `${a.label}: ${lang === "zh" ? "预期" : "expected"} ${a.expected}, ${lang === "zh" ? "实得" : "got"} ${a.actual ?? "—"}`,
        ),
      );
      const table = el(
        "table",
        { class: "scores" },
        el(
          "tbody",
          {},
          ...x.indicators.map((i) =>
            el(
              "tr",
              { class: i.score === i.points ? "" : "lost" },
              el("td", {}, i.path),
              el("td", { class: "num" }, `${i.score ?? "—"} / ${i.points}`),
              el("td", { class: "trace" }, i.trace.map((t) => say(t, lang)).join("\n")),
            ),
          ),
        ),
      );
      return el("details", { class: "example" }, summary, ...problems, ...fails, table);
    }),
  );
}

function typeLabel(t: InputTypeSpec): string {
  switch (t.kind) {
    case "money":
      return t.unit;
    case "ratio":
      return "%";
    case "enum":
      return t.name;
    case "array":
      return `[${t.length ?? ""}]`;
    default:
      return t.kind;
  }
}

/** One field per input (an array or a target pair: one per element), a value and a reason per judged part. */
export function formPanel(
  target: Element,
  r: RubricSummary | undefined,
  lang: Lang,
  score: (input: ScoreInput) => Promise<ScoreAnswer>,
): void {
  if (!r || r.unscorable) {
    replace(
      target,
      el(
        "p",
        { class: "muted" },
        r?.unscorable
          ? say(r.unscorable, lang)
          : lang === "zh"
            ? "当前文件没有可评分的评分表"
            : "no scorable rubric in this file",
      ),
    );
    return;
  }
  const result = el("div", { class: "result", "aria-live": "polite" });
  const fields: { spec: InputSpec; read: () => unknown }[] = [];
  const field = (name: string, t: InputTypeSpec): { node: HTMLElement; read: () => unknown } => {
    if (t.kind === "bool") {
      const c = el("input", { type: "checkbox", name });
      return { node: c, read: () => c.checked };
    }
    if (t.kind === "enum") {
      const s = el(
        "select",
        { name },
        el("option", { value: "" }, ""),
        ...t.members.map((m) => el("option", { value: m }, m)),
      );
      return { node: s, read: () => (s.value === "" ? undefined : s.value) };
    }
    if (t.kind === "array" && t.length !== undefined && t.length <= 12) {
      const parts = Array.from({ length: t.length }, (_, i) => field(`${name}[${i + 1}]`, t.element));
      return {
        node: el("span", { class: "array" }, ...parts.map((p) => p.node)),
        read: () => parts.map((p) => p.read()),
      };
    }
    if (t.kind === "record") {
      const parts = t.fields.map((f) => ({ f, ...field(`${name}.${f.name}`, f.type) }));
      return {
        node: el("span", { class: "record" }, ...parts.flatMap((p) => [p.f.name, p.node])),
        read: () => Object.fromEntries(parts.map((p) => [p.f.name, p.read()])),
      };
    }
    const i = el("input", { type: "text", name, inputmode: "decimal", size: "10" });
    return { node: i, read: () => (i.value.trim() === "" ? undefined : i.value.trim()) };
  };
  const rows = r.meta.inputs.map((spec) => {
    const f = field(spec.name, spec.type);
    fields.push({ spec, read: f.read });
    return el(
      "label",
      { class: "field" },
      el("span", { class: "name" }, spec.name),
      f.node,
      el("span", { class: "unit" }, typeLabel(spec.type)),
    );
  });
  const judged = r.meta.judged.map((j) => {
    const v = el("input", { type: "text", name: `judge:${j.path}`, size: "6" });
    const why = el("input", {
      type: "text",
      name: `reason:${j.path}`,
      size: "20",
      placeholder: lang === "zh" ? "理由" : "reason",
    });
    return {
      j,
      v,
      why,
      node: el(
        "label",
        { class: "field" },
        el("span", { class: "name" }, `${lang === "zh" ? "评定" : "judge"} ${j.path}`),
        v,
        why,
        el("span", { class: "unit" }, `[${j.min}, ${j.max}]`),
      ),
    };
  });
  const restFull = el("input", { type: "checkbox", name: "judge-rest-full", checked: "" });
  const run = async (): Promise<void> => {
    const values: Record<string, unknown> = {};
    for (const f of fields) {
      const v = f.read();
      if (v !== undefined) values[f.spec.name] = v;
    }
    const judgements: Record<string, { value: string; reason?: string }> = {};
    for (const x of judged) {
      if (x.v.value.trim() === "") continue;
      judgements[x.j.path] = { value: x.v.value.trim(), ...(x.why.value.trim() ? { reason: x.why.value.trim() } : {}) };
    }
    const answer = await score({ values, judgements, judgeRestFull: restFull.checked } as ScoreInput);
    if ("errors" in answer)
      replace(result, el("ul", { class: "problems" }, ...answer.errors.map((e) => el("li", {}, say(e, lang)))));
    else
      replace(
        result,
        el(
          "p",
          { class: "total" },
          `${lang === "zh" ? "总分" : "Total"} `,
          el("output", { name: "total" }, answer.report.total ?? "—"),
          `  ${answer.report.grade ?? ""}`,
        ),
      );
  };
  const form = el(
    "form",
    { class: "score-form" },
    el("h3", {}, r.key),
    ...rows,
    ...judged.map((x) => x.node),
    el("label", { class: "field" }, restFull, lang === "zh" ? "其余酌情项按满分" : "judge the rest full"),
    result,
  );
  form.addEventListener("input", () => void run());
  form.addEventListener("submit", (e) => e.preventDefault());
  replace(target, form);
  void run();
}

export function batchPanel(
  target: Element,
  lang: Lang,
  scoreFile: (name: string, data: string) => Promise<ScoreFileAnswer>,
  progress: { set(f: (done: number) => void): void },
): void {
  const drop = el(
    "div",
    { class: "drop", tabindex: "0" },
    lang === "zh" ? "把 CSV 或 XLSX 文件拖到这里，或点此选择" : "drop a CSV or XLSX file here, or click to choose",
  );
  const picker = el("input", { type: "file", accept: ".csv,.xlsx,.json,.jsonl,text/csv", hidden: "" });
  const bar = el("progress", { max: "1", value: "0" });
  const count = el("span", { class: "progress-count", "aria-live": "polite" });
  const out = el("div", { class: "batch-result" });
  const run = async (file: File): Promise<void> => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A text file's lines give the number of rows ahead; a workbook's are known only as they are read.
    const isText = !/\.xlsx$/i.test(file.name);
    if (isText) {
      bar.max = Math.max(1, bytes.reduce((n, b) => (b === 10 ? n + 1 : n), 0) - 1);
      bar.value = 0;
    } else bar.removeAttribute("value");
    progress.set((done) => {
      if (isText) bar.value = done;
      count.textContent = lang === "zh" ? `已评分 ${done} 行` : `${done} rows scored`;
    });
    const a = await scoreFile(file.name, toBase64(bytes));
    bar.max = 1;
    bar.value = 1;
    const head = lang === "zh" ? ["行", "编号", "总分", "等级", "问题"] : ["Row", "Id", "Total", "Grade", "Problems"];
    const table = el(
      "table",
      { class: "batch" },
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))),
      el(
        "tbody",
        {},
        ...a.rows.map((r) =>
          el(
            "tr",
            {},
            el("td", { class: "num" }, String(r.row)),
            el("td", {}, r.id ?? ""),
            el("td", { class: "num total" }, r.total ?? "—"),
            el("td", {}, r.grade ?? ""),
            el("td", {}, r.errors.map((e) => say(e, lang)).join("；")),
          ),
        ),
      ),
    );
    const stem = file.name.replace(/\.[^.]*$/, "") + (lang === "zh" ? "-得分" : "-scores");
    const csv = el(
      "a",
      {
        class: "download-csv",
        href: URL.createObjectURL(new Blob(["\ufeff", a.csv], { type: "text/csv" })),
        download: `${stem}.csv`,
      },
      lang === "zh" ? "下载结果（CSV）" : "download results (CSV)",
    );
    const xlsx = el(
      "a",
      {
        class: "download-xlsx",
        href: URL.createObjectURL(
          new Blob([fromBase64(a.xlsx)], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
        ),
        download: `${stem}.xlsx`,
      },
      lang === "zh" ? "下载结果（XLSX）" : "download results (XLSX)",
    );
    replace(out, ...a.fileErrors.map((e) => el("p", { class: "problem" }, say(e, lang))), table, csv, " ", xlsx);
  };
  drop.addEventListener("click", () => picker.click());
  drop.addEventListener("dragover", (e) => e.preventDefault());
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) void run(f);
  });
  picker.addEventListener("change", () => {
    const f = picker.files?.[0];
    if (f) void run(f);
  });
  replace(target, drop, picker, bar, count, out);
}
