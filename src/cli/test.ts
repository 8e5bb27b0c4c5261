/**
 * `rubric test <paths…>`: runs every example in the named files; prints
 * pass/fail and the total per example, and on failure expected vs actual for
 * each assertion with the trace of that indicator. Exit 1 on any failure.
 */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { runExample, type ExampleResult } from "../compiler/examples/run.js";
import type { NodeReport } from "../runtime/report.js";
import { diagnosticsForPaths, type CommandIO } from "./check.js";
import { colors, location, renderDiagnostic } from "./render.js";

function findNode(tree: readonly NodeReport[], path: readonly string[]): NodeReport | undefined {
  for (const n of tree) {
    if (n.path.join(".") === path.join(".")) return n;
    const c = findNode(n.children, path);
    if (c) return c;
  }
  return undefined;
}

function traceLines(n: NodeReport, lang: Lang, indent: string): string[] {
  const out: string[] = [];
  for (const t of n.trace) out.push(`${indent}${t[lang]}`);
  for (const c of n.clamps)
    out.push(`${indent}${lang === "zh" ? `截取 ${c.from} → ${c.to}` : `clamped ${c.from} → ${c.to}`}`);
  for (const ch of n.children) {
    out.push(`${indent}${ch.name} = ${ch.score ?? "—"} / ${ch.points}`);
    out.push(...traceLines(ch, lang, `${indent}  `));
  }
  return out;
}

export function runTest(paths: readonly string[], opts: { lang: Lang; json: boolean }, io: CommandIO): number {
  const { diagnostics, linesOf, missing, program, reported } = diagnosticsForPaths(paths);
  const lang = opts.lang;
  const c = colors(io.color);
  for (const m of missing) io.err(lang === "zh" ? `找不到文件：${m}` : `no such file: ${m}`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  // Examples of the named files only; sibling files are loaded just so that `extends` resolves.
  const examples = program.examples.filter((e) => reported.has(e.file));
  const results: ExampleResult[] = examples.map(runExample);

  if (opts.json) {
    io.out(
      JSON.stringify(
        {
          diagnostics: errors.map((d) => ({
            location: location(d, linesOf(d.file)),
            code: d.code,
            message: d.message[lang],
          })),
          examples: results.map((r) => ({
            title: r.example.title,
            file: r.example.file,
            rubric: r.example.rubric?.model.name,
            pass: r.pass,
            total: r.result?.report.total ?? null,
            grade: r.result?.report.grade ?? null,
            assertions: r.assertions.map((a) => ({
              target: a.label,
              expected: a.expected,
              actual: a.actual,
              pass: a.pass,
            })),
            problems: r.problems.map((p) => p[lang]),
            report: r.result?.report,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    for (const d of errors) io.out(`${renderDiagnostic(d, linesOf, lang, c)}\n`);
    for (const r of results) {
      const where = location({ file: r.example.file, span: r.example.decl.span }, linesOf(r.example.file));
      const rubric = r.example.rubric
        ? `${r.example.rubric.model.name}${r.example.rubric.model.year ? ` ${r.example.rubric.model.year}` : ""}`
        : "?";
      const total = r.result?.report.total ?? "—";
      const grade = r.result?.report.grade ?? "—";
      const mark = r.pass ? c.green("✓ PASS") : c.red("✗ FAIL");
      io.out(`${mark} ${r.example.title}  ${c.dim(`[${rubric}] ${where}`)}`);
      io.out(
        `    ${lang === "zh" ? "总分" : "total"} ${c.bold(total)}  ${lang === "zh" ? "等级" : "grade"} ${grade}  (${r.assertions.filter((a) => a.pass).length}/${r.assertions.length} ${lang === "zh" ? "项断言通过" : "assertions pass"})`,
      );
      if (r.pass) continue;
      for (const p of r.problems) io.out(`    ${c.red("!")} ${p[lang]}`);
      for (const a of r.assertions) {
        if (a.pass) continue;
        const at = location({ file: r.example.file, span: a.span }, linesOf(r.example.file));
        io.out(
          `    ${c.red("✗")} ${a.label}: ${lang === "zh" ? "预期" : "expected"} ${a.expected}, ${lang === "zh" ? "实际" : "actual"} ${a.actual ?? "—"}  ${c.dim(at)}`,
        );
        const node = a.path && r.result ? findNode(r.result.report.tree, a.path) : undefined;
        if (node) for (const line of traceLines(node, lang, "        ")) io.out(c.dim(line));
      }
    }
    const passed = results.filter((r) => r.pass).length;
    const failed = results.length - passed;
    if (results.length === 0) io.out(lang === "zh" ? "没有找到案例" : "no examples found");
    io.out(`${passed} passed, ${failed} failed`);
  }
  const failed = results.some((r) => !r.pass);
  return failed || errors.length > 0 || missing.length > 0 ? 1 : 0;
}
