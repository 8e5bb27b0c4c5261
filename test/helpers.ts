/**
 * Test helpers: a language test should be a few lines. Values are written
 * in the rubric language itself (`"95%"`, `"311.63"`, `"[1, 2]"`).
 */
import { readFileSync } from "node:fs";
import { analyzeProgram, type Program } from "../src/compiler/program.js";
import type { Diagnostic } from "../src/compiler/diagnostics/diagnostic.js";
import { runExample, type ExampleResult } from "../src/compiler/examples/run.js";
import { LineIndex } from "../src/compiler/util/line-index.js";
import type { NodeReport } from "../src/runtime/report.js";

export function analyze(files: Record<string, string>): Program {
  return analyzeProgram(Object.entries(files).map(([file, text]) => ({ file, text })));
}

/** Diagnostics of one document, as "line:code" strings (1-based lines), sorted. */
export function diagnosticsOf(text: string, file = "test.rubric"): Diagnostic[] {
  return [...analyze({ [file]: text }).diagnostics];
}

export function codesOf(text: string): string[] {
  const lines = new LineIndex(text);
  return diagnosticsOf(text).map((d) => `${lines.position(d.span.start).line + 1}:${d.code}`);
}

/** A rubric around `body`, with a total that matches nothing in particular (weights are not what these tests are about). */
export function rubric(body: string, header = "rubric T"): string {
  return `${header} {\n${body}\n}\n`;
}

export interface Scored {
  readonly result: ExampleResult;
  /** Final score of a node by (suffix) path, as decimal text; null if not computed. */
  score(path: string): string | null;
  node(path: string): NodeReport;
  readonly total: string | null;
  readonly grade: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

function find(tree: readonly NodeReport[], path: string): NodeReport | undefined {
  for (const n of tree) {
    const p = n.path.join(".");
    if (p === path || p.endsWith(`.${path}`)) return n;
    const c = find(n.children, path);
    if (c) return c;
  }
  return undefined;
}

/**
 * Scores `body` (rubric items: inputs, groups, indicators) for the given
 * input values and judgements, through an example written in the language.
 */
export function score(body: string, given: Record<string, string> = {}, extra = "judge rest full"): Scored {
  const givenText = Object.entries(given)
    .map(([k, v]) => `    ${k} = ${v}`)
    .join("\n");
  const text = `${rubric(body)}\nexample "t" for T {\n  given {\n${givenText}\n  }\n  ${extra}\n}\n`;
  const program = analyze({ "test.rubric": text });
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new Error(`unexpected diagnostics:\n${errors.map((d) => `${d.code} ${d.message.en}`).join("\n")}`);
  const ex = program.examples[0];
  if (!ex) throw new Error("no example");
  const result = runExample(ex);
  const tree = result.result?.report.tree ?? [];
  return {
    result,
    score: (path) => {
      const n = find(tree, path);
      if (!n) throw new Error(`no node ${path}`);
      return n.score;
    },
    node: (path) => {
      const n = find(tree, path);
      if (!n) throw new Error(`no node ${path}`);
      return n;
    },
    total: result.result?.report.total ?? null,
    grade: result.result?.report.grade ?? null,
    diagnostics: program.diagnostics,
  };
}

/**
 * Expected diagnostics written in a fixture: a comment `// !code` (several
 * separated by spaces) at the end of the line where each should start.
 */
export function expectedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /\/\/\s*!([\w\- ]+)\s*$/.exec(line);
    if (m?.[1]) for (const code of m[1].trim().split(/\s+/)) out.push(`${i + 1}:${code}`);
  });
  return out.sort();
}

export function readFixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8");
}
