/**
 * CLI cold start (issue 10, item 4): each command as a fresh process, `node bin/rubric.js …` and `npx rubric …`
 * side by side with `node -e 0`, median of 5 runs round-robin, then the targets met or missed.
 * Alone: `BENCH_ONLY=startup npm run bench` (or `npx tsx bench/startup.ts` after `npm run build`).
 */
import { spawnSync } from "node:child_process";
import { buildSync } from "esbuild";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

interface Row {
  readonly label: string;
  readonly args: readonly string[];
  /** Target for `node bin/rubric.js`, in seconds. */
  readonly target?: number;
}

const ROWS: readonly Row[] = [
  { label: "--version", args: ["--version"] },
  { label: "--help", args: ["--help"], target: 0.3 },
  { label: "check rubrics", args: ["check", "rubrics"], target: 0.6 },
  {
    label: "score one JSON",
    args: ["score", "rubrics/yantian-qwb-2023.rubric", "rubrics/inputs/yantian-qwb-2023.json"],
    target: 0.6,
  },
  { label: "test rubrics", args: ["test", "rubrics"], target: 0.6 },
];

/** Wall seconds of one run; a command that fails is a bench error, not a time. */
function once(cmd: string, args: readonly string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return s;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export function startupBench(log: (line: string) => void, runs = 5): void {
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  const loadBefore = load();
  // `--` keeps npx from reading the command's own flags (`npx rubric --version` prints npm's version).
  const variants = [
    { name: "node", run: (a: readonly string[]) => once(process.execPath, ["bin/rubric.js", ...a]) },
    { name: "npx", run: (a: readonly string[]) => once("npx", ["--no", "--", "rubric", ...a]) },
  ];
  // The parser bundled as the CLI's bundle holds it (chevrotain inside): what a command that reads a rubric pays for it.
  const parserFile = join(root, "node_modules/.cache/rubric-bench/parser.mjs");
  buildSync({
    entryPoints: [join(root, "dist/compiler/syntax/parser.js")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: parserFile,
    logLevel: "warning",
  });
  const parserArgs = [parserFile];
  const parserLoad: number[] = [];
  const baseline: number[] = [];
  const times = ROWS.map(() => variants.map(() => [] as number[]));
  once("npx", ["--no", "--", "rubric", "--version"]); // npx's first self-run fills its cache
  for (let i = 0; i < runs; i++) {
    baseline.push(once(process.execPath, ["-e", "0"]));
    parserLoad.push(once(process.execPath, parserArgs));
    ROWS.forEach((row, r) => variants.forEach((v, k) => times[r]?.[k]?.push(v.run(row.args))));
  }
  const base = median(baseline);
  const med = times.map((perVariant) => perVariant.map(median));
  const s = (x: number): string => `${x.toFixed(2)} s`;
  log(`CLI cold start (median of ${runs}, round-robin)`);
  log(`  ${"".padEnd(16)}${"node bin/rubric.js".padEnd(28)}${"npx rubric".padEnd(14)}npx adds`);
  log(`  ${"node -e 0".padEnd(16)}${s(base)}`);
  ROWS.forEach((row, r) => {
    const [node = NaN, npx = NaN] = med[r] ?? [];
    log(
      `  ${row.label.padEnd(16)}${`${s(node)} (${(node / base).toFixed(1)}× node -e 0)`.padEnd(28)}${s(npx).padEnd(14)}${s(npx - node)}`,
    );
  });
  const parser = median(parserLoad);
  log(
    `  ${"import parser".padEnd(16)}${s(parser)} (the lexer and parser alone, bundled: chevrotain's grammar analysis)`,
  );
  log(`  (load average before/after: ${loadBefore} / ${load()} on ${cpus().length} cores)`);
  log("  targets:");
  ROWS.forEach((row, r) => {
    if (row.target === undefined) return;
    const node = med[r]?.[0] ?? NaN;
    const why = node >= row.target && parser > row.target / 2 ? ` — ${s(parser)} of it is building the parser` : "";
    log(
      `    node bin/rubric.js ${row.label} < ${row.target} s: ${node < row.target ? "met" : "MISSED"} (${s(node)})${why}`,
    );
  });
  // npm's own cost of running a project's bin is what npx adds to `--version`, which loads nothing but main.ts.
  const npmOwn = (med[0]?.[1] ?? NaN) - (med[0]?.[0] ?? NaN);
  const worst = Math.max(...ROWS.map((_, r) => (med[r]?.[1] ?? NaN) - (med[r]?.[0] ?? NaN)));
  log(
    `    npx adds only npm's own cost (${s(npmOwn)}, its overhead on --version; ≤ 0.2 s more on any command): ${worst - npmOwn <= 0.2 ? "met" : "MISSED"} (most added: ${s(worst)})`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) startupBench((l) => console.log(l));
