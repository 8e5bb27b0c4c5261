/**
 * A checked rubric → its compiled artefacts: a formatted TypeScript module,
 * the same module as JavaScript with its `.d.ts`, and the input's JSON
 * Schema. Same rubric, same bytes.
 */
import ts from "typescript";
import { format } from "prettier";
import type { CheckedRubric } from "../program.js";
import { rubricMeta } from "../evaluate/scorer.js";
import { emitModule, type EmitOptions } from "./emit-module.js";
import { inputSchema } from "./schema.js";

export interface Compiled {
  readonly ts: string;
  readonly js: string;
  readonly dts: string;
  readonly schema: string;
}

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  declaration: true,
  isolatedDeclarations: true,
  strict: true,
};

export async function compileRubric(rubric: CheckedRubric, options: EmitOptions = {}): Promise<Compiled> {
  const source = await format(emitModule(rubric, options), { parser: "typescript", printWidth: 120 });
  const js = ts.transpileModule(source, { compilerOptions, reportDiagnostics: false }).outputText;
  const dts = ts.transpileDeclaration(source, { compilerOptions }).outputText;
  const schema = `${JSON.stringify(inputSchema(rubricMeta(rubric)), null, 2)}\n`;
  return { ts: source, js, dts, schema };
}
