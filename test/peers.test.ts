/**
 * Issue 11, rule kind 7: peer-relative scores. Ranks are competition ranks (1, 1, 3); a mean stays an
 * exact rational; both scorers compute the same statistics and the same scores and traces from them;
 * a peer statistic with no peers is an error naming the indicator and what to pass; `rubric score`
 * takes the peers from the rows of the file, so the order of the rows changes no score (with or
 * without --jobs), and a single JSON department has none.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import { PeerCollector, type PeerStats } from "../src/runtime/peers.js";
import { ScoreError, type ScoreInput, type Scorer } from "../src/runtime/scorer.js";
import type { Report } from "../src/runtime/report.js";
import { RubricChooser } from "../src/cli/batch/rubrics.js";
import { Rng, randomInput } from "./support/random-input.js";
import { score } from "./batch/helpers.js";
import type { Hover } from "vscode-languageserver";
import { hover } from "../src/lsp/hover.js";
import { completion } from "../src/lsp/completion.js";
import { at } from "./lsp/cursor.js";
import { fmt1 } from "./format/helpers.js";
import { scoreFile } from "../src/web/answers.js";
import { toBase64 } from "../src/lsp/base64.js";

const FIXTURE = "test/fixtures/good/peers.rubric";

const ALL = `rubric 同类全 {
  total 30
  input 支出: money(万元) >= 0
  input 预算: money(万元) > 0
  input 问题数: count
  let 执行率 = 支出 / 预算
  group 全部 30 {
    indicator 最低 6 { score = if 执行率 <= peers.min(执行率) then 0 else 6 }
    indicator 平均 6 { score = bands 执行率 - peers.mean(执行率) { >= 0 -> 6; [-10%, 0) -> 3; otherwise -> 0 } }
    indicator 问题排名 6 { score = bands peers.rank(问题数, asc) { <= 2 -> 6; otherwise -> 2 } }
    indicator 前一半 6 { score = if 同类.排名(执行率, 降序) * 2 <= 同类.个数 then 6 else 3 }
    indicator 比最高 6 { score = 6 * 支出 / peers.max(支出) }
  }
}`;

function build(text: string, file = "t.rubric") {
  const program = analyzeProgram([{ file, text }]);
  const errors = program.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.en);
  expect(errors).toEqual([]);
  const r = program.rubrics[0];
  if (!r) throw new Error("no rubric");
  return { rubric: r, ref: createReferenceScorer(r), mod: createCompiledScorer(r) };
}

function statsOf(s: Scorer, rows: readonly ScoreInput[]): PeerStats {
  const c = new PeerCollector(s.meta.peers ?? []);
  for (const r of rows) c.add(s.peerRow?.(r) ?? []);
  return c.stats();
}

function outcome(s: Scorer, input: ScoreInput, peers?: PeerStats): Report | { errors: unknown } {
  try {
    return s.score(input, peers ? { explain: true, peers } : { explain: true });
  } catch (e) {
    if (e instanceof ScoreError) return { errors: e.errors };
    throw e;
  }
}

const ranks = (s: Scorer, rows: ScoreInput[], path: string): (string | null)[] => {
  const peers = statsOf(s, rows);
  return rows.map((r) => {
    const rep = s.score(r, { peers });
    const find = (ns: Report["tree"]): string | null => {
      for (const n of ns) {
        if (n.path.join(".") === path) return n.score;
        const x = find(n.children);
        if (x !== null) return x;
      }
      return null;
    };
    return find(rep.tree);
  });
};

describe("peer statistics", () => {
  it("ranks ties alike and skips the next rank (competition ranking), in both orders", () => {
    const { ref, mod } = build(`rubric 排名 {
      total 20
      input 得分率: number
      group 全部 20 {
        indicator 降 10 { score = 1分 * 同类.排名(得分率, 降序) }
        indicator 升 10 { score = 1分 * peers.rank(得分率, asc) }
      }
    }`);
    const rows = [5, 5, 3, 9].map((v) => ({ values: { 得分率: v } }));
    for (const s of [ref, mod]) {
      expect(ranks(s, rows, "全部.降")).toEqual(["2", "2", "4", "1"]);
      expect(ranks(s, rows, "全部.升")).toEqual(["2", "2", "1", "4"]);
    }
  });

  it("keeps the mean exact and leaves out peers without a value (they still count as peers)", () => {
    const { ref } = build(`rubric 平均 {
      total 100
      input 值: number
      group 全部 100 { indicator 平均 100 { score = peers.mean(值) * 3 + 1分 * peers.count } }
    }`);
    // Values 1, 1, 2 and one peer without: mean 4/3 (never 1.333…), count 4: 4/3 × 3 + 4 = 8.
    const rows: ScoreInput[] = [{ values: { 值: 1 } }, { values: { 值: 1 } }, { values: { 值: 2 } }, { values: {} }];
    const peers = statsOf(ref, rows);
    expect(peers.count).toBe(4);
    expect(peers.subjects["值"]).toMatchObject({ n: 3, sum: "4", max: "2", min: "1" });
    expect(ref.score(rows[0] as ScoreInput, { peers }).total).toBe("8");
  });

  it("is an error naming the indicator and what to pass when no peers are given", () => {
    const { ref, mod } = build(readFileSync(FIXTURE, "utf8"), FIXTURE);
    const input = { values: { 执行率: "90%", 满意度: 88 } };
    const a = outcome(ref, input);
    expect(a).toEqual(outcome(mod, input));
    const errors = (a as { errors: { field: string; indicators: string[]; message: { zh: string; en: string } }[] })
      .errors;
    expect(errors.map((e) => e.indicators[0])).toEqual(["同类.执行率得分", "同类.高于平均", "同类.满意度排名"]);
    expect(errors[0]?.field).toBe("peers");
    expect(errors[0]?.message.en).toContain("peers.max(执行率) needs the peers' statistics");
    expect(errors[0]?.message.en).toContain("score(input, { peers })");
    expect(errors[0]?.message.zh).toContain("已知 同类");
  });

  it("gives the same statistics, scores and traces from the reference evaluator and the compiled module", () => {
    for (const [text, seed] of [
      [ALL, 7],
      [readFileSync(FIXTURE, "utf8"), 11],
    ] as const) {
      const { ref, mod } = build(text);
      const rng = new Rng(seed);
      const rows = Array.from({ length: 40 }, () => randomInput(ref.meta, rng));
      // Some departments without a value, and exact ties.
      rows.push({ values: {} }, rows[3] as ScoreInput, rows[5] as ScoreInput);
      const peers = statsOf(ref, rows);
      expect(mod.peerStats?.(rows)).toEqual(peers);
      let scored = 0;
      for (const r of rows) {
        const a = outcome(ref, r, peers);
        expect(JSON.stringify(outcome(mod, r, peers))).toEqual(JSON.stringify(a));
        if ("total" in a) {
          scored++;
          expect(mod.scoreTotals(r, { peers }).total).toBe(a.total);
        }
      }
      expect(scored).toBeGreaterThan(20);
    }
  });
});

describe("rubric score with peers", () => {
  const dir = mkdtempSync(join(tmpdir(), "rubric-peers-"));
  const rng = new Rng(3);
  const lines = ["编号,执行率,满意度"];
  for (let i = 0; i < 60; i++) lines.push(`D${i},${1 + rng.int(100)}%,${rng.int(10) * 10}`);
  lines.push("X,,50");
  const csv = join(dir, "rows.csv");
  writeFileSync(csv, `${lines.join("\n")}\n`);
  const shuffled = join(dir, "shuffled.csv");
  const body = lines.slice(1);
  for (let i = body.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [body[i], body[j]] = [body[j] as string, body[i] as string];
  }
  writeFileSync(shuffled, `${[lines[0], ...body].join("\n")}\n`);

  const byId = (out: string): Map<string, string> =>
    new Map(
      out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { id: string; total: string | null; errors?: unknown[] })
        .map((r) => [r.id, JSON.stringify([r.total, r.errors ?? []])]),
    );

  it("computes the peers over the rows of the file: shuffled rows and --jobs 2 give the same scores", async () => {
    const a = await score(FIXTURE, csv, "--format", "jsonl");
    const b = await score(FIXTURE, shuffled, "--format", "jsonl");
    const c = await score(FIXTURE, shuffled, "--format", "jsonl", "--jobs", "2");
    const d = await score(FIXTURE, csv, "--format", "jsonl", "--reference");
    const scores = byId(a.out);
    expect(scores.size).toBe(61);
    expect(byId(b.out)).toEqual(scores);
    expect(byId(c.out)).toEqual(scores);
    expect(byId(d.out)).toEqual(scores);
    // The row without 执行率 fails on its own, and is left out of the others' statistics.
    expect(a.err).toContain("missing input '执行率'");
    expect(a.err).toContain("60 scored, 1 failed");
  });

  it("scores against the peers the file holds, by hand: the fixture's five departments", async () => {
    const f = join(dir, "five.csv");
    writeFileSync(f, "编号,执行率,满意度\nA,90%,88\nB,98%,92\nC,82%,88\nD,70%,95\nE,,60\n");
    const r = await score(FIXTURE, f, "--format", "jsonl");
    const totals = byId(r.out);
    // The fixture's examples: A = 850/49 = 17.346938…, D = 1982/119 = 16.655462…
    const total = (id: string): unknown => (JSON.parse(totals.get(id) ?? "[]") as unknown[])[0];
    expect(total("A")).toMatch(/^17\.3469387755/);
    expect(total("D")).toMatch(/^16\.6554621848/);
  });

  it("has no peers for a single JSON department, and says what to pass", async () => {
    const f = join(dir, "one.json");
    writeFileSync(f, JSON.stringify({ 执行率: "90%", 满意度: 88 }));
    const r = await score(FIXTURE, f, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.err).toContain("indicator '同类.执行率得分': peers.max(执行率) needs the peers' statistics");
  });

  it("the playground's CSV scoring takes the peers from the rows as well", async () => {
    const program = analyzeProgram([{ file: FIXTURE, text: readFileSync(FIXTURE, "utf8") }]);
    const csvText = "编号,执行率,满意度\nA,90%,88\nB,98%,92\nC,82%,88\nD,70%,95\nE,,60\n";
    const data = toBase64(new TextEncoder().encode(csvText));
    const r = await scoreFile(program, { rubric: "同类比较示例", name: "rows.csv", data }, "en", () => {});
    expect(r.rows.map((x) => x.total?.slice(0, 12) ?? null)).toEqual([
      "17.346938775",
      "18",
      "16.482112845",
      "16.655462184",
      null,
    ]);
  });

  it("reads the file once when no rubric reads peer statistics", () => {
    const program = analyzeProgram([
      { file: FIXTURE, text: readFileSync(FIXTURE, "utf8") },
      { file: "small.rubric", text: readFileSync("test/fixtures/batch/small.rubric", "utf8") },
    ]);
    const [peers, small] = program.rubrics;
    expect(new RubricChooser([small as never], [], undefined).usesPeers()).toBe(false);
    expect(new RubricChooser([peers as never, small as never], [], undefined).usesPeers()).toBe(true);
  });
});

describe("peer statistics in the editor and the formatter", () => {
  const TEXT = readFileSync(FIXTURE, "utf8");
  const uri = "file:///peers.rubric";
  const text = (h: Hover | null): string =>
    h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";

  it("hover says a statistic in plain words: which peers, ties, departments without a value", () => {
    const g = at({ [uri]: TEXT.replace("同类.排名(满意度, 降序)", "同|类.排名(满意度, 降序)") }, uri);
    const zh = text(hover(g.snap, g.uri, g.pos, "zh"));
    expect(zh).toContain("本单位「满意度」在同类中的名次，最高者第 1");
    expect(zh).toContain("并列者名次相同");
    const g2 = at({ [uri]: TEXT.replace("peers.mean(执行率) then", "pe|ers.mean(执行率) then") }, uri);
    const en = text(hover(g2.snap, g2.uri, g2.pos, "en"));
    expect(en).toContain("the mean of '执行率' among peers (exact, not rounded)");
    expect(en).toContain("every department scored by this rubric in the same run");
  });

  it("completion offers the statistics after peers. / 同类. in the language typed", () => {
    const g = at({ [uri]: TEXT.replace("同类.最大值(执行率)", "同类.|") }, uri);
    expect(completion(g.snap, g.uri, g.pos, "zh").map((c) => c.label)).toEqual([
      "最大值",
      "最小值",
      "平均值",
      "排名",
      "个数",
    ]);
    const g2 = at({ [uri]: TEXT.replace("peers.mean(执行率) then", "peers.| then") }, uri);
    expect(completion(g2.snap, g2.uri, g2.pos, "en").map((c) => c.label)).toContain("rank");
  });

  it("formats a statistic like a call and keeps its spellings; given peer stays one statement", async () => {
    const messy = `rubric R { total 5 input x: ratio in (0, 1]
 group g 5 { indicator i 5 { score = 5*x/同类.最大值( x ) + 0 * peers.rank(x,desc) + 0 * peers.count } } }
example "e" for R { given { x = 1 } given   peer { x = 0.5 } expect i = 5 }`;
    const out = await fmt1(messy);
    expect(out).toContain("score = 5 * x / 同类.最大值(x) + 0 * peers.rank(x, desc) + 0 * peers.count");
    expect(out).toContain("given peer { x = 0.5 }");
  });
});
