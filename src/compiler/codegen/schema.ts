/** A JSON Schema (2020-12) of a rubric's input: decimals as strings or numbers, never floats inside the scorer. */
import type { InputTypeSpec, RubricMeta } from "../../runtime/scorer.js";

type Schema = { readonly [k: string]: unknown };

const DECIMAL: Schema = {
  anyOf: [
    { type: "number" },
    { type: "string", pattern: "^\\s*[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?\\s*(%|％|元|万元)?\\s*$" },
  ],
};

function typeSchema(t: InputTypeSpec): Schema {
  switch (t.kind) {
    case "money":
      return { ...DECIMAL, description: `money in ${t.unit} (a string may say 元 or 万元)` };
    case "ratio":
      return { ...DECIMAL, description: 'a ratio: "98.1%" or 0.981' };
    case "count":
      return {
        anyOf: [
          { type: "integer", minimum: 0 },
          { type: "string", pattern: "^\\s*\\d+\\s*$" },
        ],
      };
    case "points":
    case "number":
      return DECIMAL;
    case "bool":
      return {
        anyOf: [{ type: "boolean" }, { type: "string", enum: ["true", "false", "是", "否", "yes", "no", "1", "0"] }],
      };
    case "text":
      return { type: "string" };
    case "date":
      return {
        type: "string",
        pattern: "^\\s*\\d{4}\\s*([-/.]|年)\\s*\\d{1,2}\\s*([-/.]|月)\\s*\\d{1,2}\\s*日?",
        description: "a calendar date: 2023-06-30 (also 2023/6/30, 2023年6月30日)",
      };
    case "enum":
      return { type: "string", enum: [...t.members] };
    case "array":
      return {
        type: "array",
        items: typeSchema(t.element),
        ...(t.length !== undefined ? { minItems: t.length, maxItems: t.length } : {}),
      };
    case "record":
      if (t.pair && t.fields[0]) {
        const el = typeSchema(t.fields[0].type);
        return {
          type: "object",
          description:
            "a target pair: the target (目标 or target) and the actual value (实际 or actual); in CSV, two columns NAME.目标 and NAME.实际",
          properties: { 目标: el, 实际: el, target: el, actual: el },
          allOf: [
            { anyOf: [{ required: ["目标"] }, { required: ["target"] }] },
            { anyOf: [{ required: ["实际"] }, { required: ["actual"] }] },
          ],
          additionalProperties: false,
        };
      }
      return {
        type: "object",
        properties: Object.fromEntries(t.fields.map((f) => [f.name, typeSchema(f.type)])),
        required: t.fields.map((f) => f.name),
        additionalProperties: false,
      };
  }
}

export function inputSchema(meta: RubricMeta): Schema {
  const values: Record<string, Schema> = {};
  for (const i of meta.inputs) {
    const s = { ...typeSchema(i.type), ...(i.usedBy.length ? { $comment: `used by ${i.usedBy.join(", ")}` } : {}) };
    values[i.name] = s;
    if (i.alias) values[i.alias] = { $ref: `#/$defs/values/properties/${encodeURIComponent(i.name)}` };
  }
  const judgement = {
    type: "object",
    properties: { value: DECIMAL, reason: { type: "string" } },
    required: ["value"],
    additionalProperties: false,
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${meta.name}${meta.year !== undefined ? ` ${meta.year}` : ""}`,
    type: "object",
    $defs: { values: { type: "object", properties: values, additionalProperties: false } },
    properties: {
      values: { $ref: "#/$defs/values" },
      judgements: {
        type: "object",
        propertyNames: { enum: meta.judged.map((j) => j.path) },
        additionalProperties: judgement,
      },
      judgeRestFull: { type: "boolean" },
      overrides: {
        type: "object",
        additionalProperties: {
          type: "object",
          properties: { value: DECIMAL, reason: { type: "string", minLength: 1 } },
          required: ["value", "reason"],
          additionalProperties: false,
        },
      },
    },
    required: ["values"],
    additionalProperties: false,
  };
}
