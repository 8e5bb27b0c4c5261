/**
 * `rubric compile --standalone`: a scorer without the compiler. The module is
 * compiled by the built CLI into a fresh folder holding only a package.json
 * and node_modules/decimal.js; plain Node imports it there (loading nothing
 * outside the folder) and scores the seed department to the seed report's
 * total and grade, the same report the reference evaluator gives; esbuild
 * bundles it for a browser and Chromium scores the same; its `.d.ts` is the
 * plain module's plus the runtime's types, clean under `tsc --strict`; any
 * rubric text still gives a module that runs and type-checks. CI installs the
 * browser: `apt-get install chromium`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainAsync } from "../../src/cli/main.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { analyzeProgram } from "../../src/compiler/program.js";
import type { ScoreInput } from "../../src/runtime/scorer.js";
import { ensureBuilt, ROOT } from "../lsp/lsp-client.js";
import { CHROMIUM, hasChromium } from "../render/helpers.js";

if (!hasChromium) console.warn(`standalone browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const YANTIAN = "rubrics/yantian-qwb-2023.rubric";
const SEED_INPUT = "rubrics/inputs/yantian-qwb-2023.json";
/** Seed report 002's printed total and grade (test/seeds.test.ts pins the same). */
const SEED = { total: "94.91", grade: "优" };

/** Any rubric text: quotes, backslashes, comment ends, `${`, line breaks in strings, U+2028/U+2029, emoji. */
const HOSTILE = `rubric "评分\\"表\\\\ */ \${a} 🧮" 2025 {
  total 10
  rounding indicator 2 half-up
  grades { "好\\"*/" >= 6; "差\\\\" otherwise }
  input 金额 alias amount_in: money(万元) >= 0
  input 比率: ratio in [0, 100%]
  group "组 /* \`x\` */" 10 {
    indicator "指标\\n\${b}\\\\" 6 {
      note "注释 */ 结束，\\"引号\\"，反斜杠 \\\\，
第二行，U+2028[\u2028]，U+2029[\u2029]，emoji 🧮，零宽[\u200b]"
      score = bands 比率 { >= 90% -> 6; < 90% -> 3 }
    }
    indicator "扣分 \\"二\\" */" 4 {
      standard “中文引号 "双引号" 与 \\\\ */ 反斜杠”
      score = if 金额 > 100万元 then 4 else 2
    }
  }
}
`;

function rubricCli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/rubric.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

async function inProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A folder with only a package.json and node_modules/decimal.js, as `npm install decimal.js` would leave it. */
function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "rubric-standalone-"));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
  cpSync(join(ROOT, "node_modules/decimal.js"), join(dir, "node_modules/decimal.js"), { recursive: true });
  return dir;
}

/** Every module specifier a JavaScript file names (static and dynamic imports, re-exports, require), and import.meta. */
function specifiersOf(js: string): string[] {
  const sf = ts.createSourceFile("m.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier)
      found.push(ts.isStringLiteral(n.moduleSpecifier) ? n.moduleSpecifier.text : "<computed>");
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) {
        const arg = n.arguments[0];
        found.push(arg && ts.isStringLiteral(arg) ? arg.text : "<computed>");
      }
    }
    if (ts.isMetaProperty(n)) found.push("import.meta");
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** `tsc --strict` over the given files of a folder: problems as "file:line: message", and uses of `any`. */
function typecheck(dir: string, files: readonly string[]): string[] {
  const program = ts.createProgram(
    files.map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    },
  );
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "-";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(dir) || sf.fileName.includes("node_modules")) continue;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.AnyKeyword) problems.push(`${relative(dir, sf.fileName)}: uses any`);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return problems;
}

/** Plain Node in `dir` (its cwd): the modules it loaded (URLs) and what the script printed. */
function runNode(dir: string, script: string): { loaded: string[]; out: string } {
  const log = join(dir, "modules.log");
  writeFileSync(log, "");
  const out = execFileSync(process.execPath, ["--import", join(ROOT, "test/support/module-log.mjs"), script], {
    cwd: dir,
    env: { PATH: process.env["PATH"] ?? "", RUBRIC_MODULE_LOG: log },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { loaded: readFileSync(log, "utf8").split("\n").filter(Boolean), out };
}

const SCORE_SCRIPT = (module: string, inputFile: string): string => `import { readFileSync } from "node:fs";
import { score, scoreTotals, ScoreError } from "./${module}";
const input = JSON.parse(readFileSync("${inputFile}", "utf8"));
let failure = null;
try {
  score({ values: {} });
} catch (e) {
  failure = { isScoreError: e instanceof ScoreError, errors: e.errors.length };
}
process.stdout.write(JSON.stringify({ report: score(input), totals: scoreTotals(input), failure }));
`;

function referenceReport(
  files: readonly string[],
  name: string,
  input: ScoreInput,
  extra: { file: string; text: string }[] = [],
) {
  const program = analyzeProgram([
    ...files.map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") })),
    ...extra,
  ]);
  const r = program.rubrics.find((x) => x.model.name === name);
  if (!r) throw new Error(`no rubric ${name}`);
  return createReferenceScorer(r).score(input);
}

describe("rubric compile --standalone", () => {
  let dir: string;
  let js: string;
  const input = JSON.parse(readFileSync(join(ROOT, SEED_INPUT), "utf8")) as ScoreInput;
  beforeAll(() => {
    ensureBuilt();
    dir = freshFolder();
    const r = rubricCli("compile", YANTIAN, "--standalone", "-o", join(dir, "scorer.js"));
    expect(r.code, r.err).toBe(0);
    js = readFileSync(join(dir, "scorer.js"), "utf8");
    writeFileSync(join(dir, "input.json"), JSON.stringify(input));
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("imports only decimal.js, and opens with the rubric's own code, the runtime after a marked line", () => {
    expect(specifiersOf(js)).toEqual(["decimal.js"]);
    const runtimeAt = js.indexOf("bundled by esbuild: not the rubric's code");
    expect(runtimeAt).toBeGreaterThan(0);
    const rubricPart = js.slice(0, runtimeAt);
    expect(rubricPart.split("\n")[0]).toContain("盐田区委办 2023");
    for (const fn of ["export function score(", "export function scoreTotals(", "export function scoreValues("])
      expect(rubricPart).toContain(fn);
    // Names from the rubric in comments, as in the plain module.
    expect(rubricPart).toMatch(/\/\/ .*政府采购执行率/);
  });

  it("runs under plain Node in a folder with only decimal.js: the seed's total and grade, the reference report, nothing loaded from outside", () => {
    writeFileSync(join(dir, "score.mjs"), SCORE_SCRIPT("scorer.js", "input.json"));
    const { loaded, out } = runNode(dir, "score.mjs");
    const files = loaded.filter((u) => u.startsWith("file:"));
    expect(files.length).toBeGreaterThanOrEqual(3); // the script, the scorer, decimal.js
    expect(files.filter((u) => !u.startsWith(pathToFileURL(dir).href))).toEqual([]);
    expect(files.some((u) => u.endsWith("/node_modules/decimal.js/decimal.mjs"))).toBe(true);
    const result = JSON.parse(out) as { report: unknown; totals: { total: string; grade: string }; failure: unknown };
    expect(result.totals.total).toBe(SEED.total);
    expect(result.totals.grade).toBe(SEED.grade);
    const reference = referenceReport([YANTIAN, "rubrics/shenzhen-common-2023.rubric"], "盐田区委办", input);
    expect(reference.total).toBe(SEED.total);
    expect(JSON.stringify(result.report)).toBe(JSON.stringify(reference));
    expect(result.failure).toEqual({ isScoreError: true, errors: expect.any(Number) });
  });

  it("is deterministic, and its .d.ts is the plain module's plus the runtime's types, clean under tsc --strict", () => {
    const again = mkdtempSync(join(tmpdir(), "rubric-standalone-again-"));
    try {
      expect(rubricCli("compile", YANTIAN, "--standalone", "-o", join(again, "scorer.js")).code).toBe(0);
      expect(readFileSync(join(again, "scorer.js"), "utf8")).toBe(js);
      const dts = readFileSync(join(dir, "scorer.d.ts"), "utf8");
      expect(readFileSync(join(again, "scorer.d.ts"), "utf8")).toBe(dts);
      // The plain compile's declarations, without their import of rubric/runtime, open the standalone ones.
      expect(rubricCli("compile", YANTIAN, "-o", again).code).toBe(0);
      const plain = readFileSync(join(again, "yantian-qwb-2023.d.ts"), "utf8");
      const imports = /^import [^;]*from "rubric\/runtime";\n/m.exec(plain);
      expect(imports).not.toBeNull();
      expect(dts.startsWith(plain.replace(imports?.[0] ?? "", "").trimEnd())).toBe(true);
      expect(dts).not.toContain("rubric/runtime");
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
    writeFileSync(
      join(dir, "use.ts"),
      `import { meta, score, scoreTotals, scoreValues, validate, ScoreError } from "./scorer.js";
import type { Input, InputError, Report, RubricInput, Totals } from "./scorer.js";
const values: Input = { 采购计划金额: "311.63", 实际采购金额: 305.63 };
const input: RubricInput = { values, judgeRestFull: true };
const problems: InputError[] = validate(input);
let report: Report | undefined;
try {
  report = score(input, { explain: true });
} catch (e) {
  if (e instanceof ScoreError) console.log(e.errors.map((x) => x.kind + x.message.zh));
}
const totals: Totals = scoreTotals(input);
const fast: string | null = scoreValues({ values: { 采购计划金额: 311_630_000 } }).total;
export const seen = [meta.name, meta.inputs[0]?.type.kind, problems.length, report?.tree[0]?.children.length, totals.grade, fast];
`,
    );
    // Real types, not `any`: each line is an error tsc must report.
    writeFileSync(
      join(dir, "misuse.ts"),
      `import { score, scoreTotals } from "./scorer.js";
score({ values: { 采购计划金额: true } });
export const n: number = scoreTotals({ values: {} }).total;
export const m: number = score({ values: {} }).tree[0]?.score;
`,
    );
    expect(typecheck(dir, ["use.ts"])).toEqual([]);
    const misuse = typecheck(dir, ["misuse.ts"]);
    expect(misuse.map((p) => p.split(":").slice(0, 2).join(":"))).toEqual([
      "misuse.ts:2",
      "misuse.ts:3",
      "misuse.ts:4",
    ]);
  }, 120_000);

  it.skipIf(!hasChromium)(
    "bundled for a browser by esbuild, scores the same in Chromium",
    async () => {
      writeFileSync(
        join(dir, "browser.js"),
        `import { score, scoreTotals } from "./scorer.js";
import input from "./input.json";
globalThis.result = JSON.stringify({ report: score(input), totals: scoreTotals(input) });
`,
      );
      const bundled = await build({
        entryPoints: [join(dir, "browser.js")],
        absWorkingDir: dir,
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      // Everything the bundle holds comes from the folder: the scorer, decimal.js, the entry and the input.
      expect(Object.keys(bundled.metafile.inputs).sort()).toEqual([
        "browser.js",
        "input.json",
        "node_modules/decimal.js/decimal.mjs",
        "scorer.js",
      ]);
      const code = bundled.outputFiles[0]?.text ?? "";
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({ executablePath: CHROMIUM });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("request", (r) => requests.push(r.url()));
        await page.setContent("<!doctype html><title>scorer</title>");
        await page.addScriptTag({ content: code, type: "module" });
        const text = await page.waitForFunction(() => (globalThis as { result?: string }).result, undefined, {
          timeout: 30_000,
        });
        const result = JSON.parse((await text.jsonValue()) as string) as {
          report: unknown;
          totals: { total: string; grade: string };
        };
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        expect(result.totals).toMatchObject(SEED);
        const reference = referenceReport([YANTIAN, "rubrics/shenzhen-common-2023.rubric"], "盐田区委办", input);
        expect(JSON.stringify(result.report)).toBe(JSON.stringify(reference));
      } finally {
        await browser.close();
      }
    },
    120_000,
  );

  it("any rubric text still gives a module (.mjs + .d.mts) that runs and type-checks", () => {
    const rubricFile = join(dir, "hostile.rubric");
    writeFileSync(rubricFile, HOSTILE);
    const r = rubricCli("compile", rubricFile, "--standalone", "-o", join(dir, "hostile.mjs"));
    expect(r.code, r.err).toBe(0);
    const mjs = readFileSync(join(dir, "hostile.mjs"), "utf8");
    expect(specifiersOf(mjs)).toEqual(["decimal.js"]);
    const hostileInput: ScoreInput = { values: { 金额: "120", 比率: "95%" } };
    writeFileSync(join(dir, "hostile-input.json"), JSON.stringify(hostileInput));
    writeFileSync(join(dir, "hostile-score.mjs"), SCORE_SCRIPT("hostile.mjs", "hostile-input.json"));
    const { out } = runNode(dir, "hostile-score.mjs");
    const result = JSON.parse(out) as { report: { rubric: string }; totals: { total: string; grade: string } };
    const name = '评分"表\\ */ ${a} 🧮';
    const reference = referenceReport([], name, hostileInput, [{ file: "hostile.rubric", text: HOSTILE }]);
    expect(result.report.rubric).toBe(name);
    expect(result.totals).toMatchObject({ total: "10", grade: '好"*/' });
    expect(JSON.stringify(result.report)).toBe(JSON.stringify(reference));
    writeFileSync(
      join(dir, "use-hostile.mts"),
      `import { meta, score, type Report } from "./hostile.mjs";
const report: Report = score({ values: { 金额: "120", amount_in: "120", 比率: "95%" } });
export const seen = [meta.name, report.total];
`,
    );
    expect(typecheck(dir, ["use-hostile.mts"])).toEqual([]);
  }, 120_000);
});

describe("rubric compile --standalone: usage", () => {
  it("--help shows both forms of compile", async () => {
    const r = await inProcess("compile", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("--standalone -o <file.js|file.mjs|dir>");
    expect(r.out).toContain("--runtime SPECIFIER");
  });

  it("refuses a TypeScript or CommonJS output, and --runtime, in Chinese or English (exit 2)", async () => {
    const en = await inProcess("compile", YANTIAN, "--standalone", "-o", "out/x.ts", "--lang", "en");
    expect(en.code).toBe(2);
    expect(en.err).toContain("-o must be FILE.js, FILE.mjs or a directory, not out/x.ts");
    expect(en.err).toContain("the .d.ts beside it gives the same types");
    const zh = await inProcess("compile", YANTIAN, "--standalone", "-o", "out/x.cjs", "--lang", "zh");
    expect(zh.code).toBe(2);
    expect(zh.err).toContain("-o 须为 文件.js、文件.mjs 或目录，不能是 out/x.cjs");
    const runtime = await inProcess("compile", YANTIAN, "--standalone", "--runtime", "x", "-o", "o.js", "--lang", "en");
    expect(runtime.code).toBe(2);
    expect(runtime.err).toContain("--standalone inlines the runtime: it does not take --runtime");
    const none = await inProcess("compile", YANTIAN, "--standalone");
    expect(none.code).toBe(2);
    expect(none.err).toContain("-o <file.js|file.mjs|dir>");
  });

  it("one output file takes one rubric: several ask for --rubric", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rubric-standalone-two-"));
    try {
      const two = join(dir, "two.rubric");
      const one = (name: string): string =>
        `rubric ${name} {\n  total 1\n  input 率: ratio in [0, 100%]\n  group 组 1 {\n    indicator 指标 1 { score = 率 * 1 }\n  }\n}\n`;
      writeFileSync(two, `${one("甲")}\n${one("乙")}`);
      const en = await inProcess("compile", two, "--standalone", "-o", join(dir, "x.js"), "--lang", "en");
      expect(en.code).toBe(2);
      expect(en.err).toContain("there are 2 (甲, 乙): choose one with --rubric NAME, or give -o a directory");
      const zh = await inProcess("compile", two, "--standalone", "-o", join(dir, "x.js"), "--lang", "zh");
      expect(zh.err).toContain("用 --rubric NAME 选一个");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
