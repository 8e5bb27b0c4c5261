/**
 * The TextMate grammar cannot drift from the lexer: it is generated from the
 * keyword table and the token definitions (the committed file must equal a
 * fresh generation), and tokenizing real rubrics with it (vscode-textmate
 * over the Oniguruma WebAssembly build VS Code uses) gives every keyword,
 * string, number and comment the scope of the lexer's token there.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { IToken } from "chevrotain";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";
import { beforeAll, describe, expect, it } from "vitest";
import { KEYWORDS, type KeywordName } from "../../src/compiler/syntax/keywords.js";
import { tokenize } from "../../src/compiler/syntax/tokens.js";
import { grammarJson, keywordScope } from "../../scripts/textmate-grammar.js";
import { rubricFiles } from "../format/helpers.js";

const committed = readFileSync("grammar/rubric.tmLanguage.json", "utf8");
const keywordNames = new Set<string>(KEYWORDS.map((k) => k.name));

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => oniguruma.createOnigScanner(p),
      createOnigString: (s: string) => oniguruma.createOnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(committed, "rubric.tmLanguage.json"),
  });
  const g = await registry.loadGrammar("source.rubric");
  if (!g) throw new Error("grammar did not load");
  grammar = g;
});

/** Scopes at each character offset of `text`. */
function scopesByOffset(text: string): string[][] {
  const out: string[][] = new Array(text.length);
  let state = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens)
      for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) out[offset + i] = t.scopes;
    out[offset + line.length] = [];
    state = r.ruleStack;
    offset += line.length + 1;
  }
  return out;
}

/** The scope class the grammar must give a lexer token, or undefined for tokens it may scope freely. */
function expected(t: IToken): string | undefined {
  const name = t.tokenType.name;
  if (name === "StringLiteral") return "string.";
  if (name === "NumberLiteral") return "constant.numeric.rubric";
  if (name === "LineComment" || name === "BlockComment") return "comment.";
  if (name === "Identifier") return "variable.other.rubric";
  if (keywordNames.has(name)) return keywordScope(name as KeywordName);
  return undefined;
}

/** Mismatches between the lexer's token kinds and the grammar's scopes, as readable lines. */
function disagreements(text: string): string[] {
  const scopes = scopesByOffset(text);
  const lexed = tokenize(text);
  const tokens = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])];
  const out: string[] = [];
  let checked = 0;
  for (const t of tokens) {
    const want = expected(t);
    if (!want) continue;
    const end = (t.endOffset ?? t.startOffset) + 1;
    for (let i = t.startOffset; i < end; i++) {
      if (text[i] === "\n") continue;
      const got = scopes[i] ?? [];
      checked++;
      if (!got.some((s) => s.startsWith(want))) {
        out.push(
          `${t.tokenType.name} '${t.image.slice(0, 20)}' at ${t.startOffset}: char ${i} has [${got.join(" ")}], wants ${want}`,
        );
        break;
      }
    }
  }
  expect(checked).toBeGreaterThan(0);
  return out;
}

describe("TextMate grammar", () => {
  it("is the generated one (run `npm run gen:grammar` after changing keywords or tokens)", () => {
    expect(committed).toBe(grammarJson());
  });

  it("loads in vscode-textmate with the Oniguruma WebAssembly engine", () => {
    expect(grammar).toBeDefined();
  });

  for (const file of [
    ...rubricFiles("rubrics"),
    "test/fixtures/format/messy.rubric",
    "test/fixtures/good/chinese-fullwidth.rubric",
  ]) {
    it(`scopes keywords, strings, numbers and comments as the lexer tokenizes ${file}`, () => {
      expect(disagreements(readFileSync(file, "utf8"))).toEqual([]);
    });
  }

  it("agrees on the tricky cases: whole words, soft keywords, units after digits, hyphenated modes", () => {
    const text = [
      "指标说明 指标 说明 否决事项 否 half-up half-upx xhalf-up 6分 6分钟 311.63万元 20pts 1..4 a1指标",
      'x = "多行',
      '字符串 \\" 仍在串内" // 注释 if',
      "/* 块注释",
      "   rubric */ 评分表 “全角 if” grades grade gradesx _指标 指标_",
    ].join("\n");
    expect(disagreements(text)).toEqual([]);
  });

  it("gives every keyword spelling its scope", () => {
    for (const k of KEYWORDS) {
      for (const spelling of [...k.en, ...k.zh]) {
        const t = grammar.tokenizeLine(` ${spelling} `, vsctm.INITIAL).tokens.find((x) => x.startIndex === 1);
        expect(t?.scopes, spelling).toContain(keywordScope(k.name));
      }
    }
  });
});
