/**
 * Random valid rubrics, for the differential campaign (scripts/fuzz) and
 * tests: a tree whose points add up, inputs of every type, and rules drawn
 * from RULE_KINDS (one generator function per rule form) and indicator
 * features from INDICATOR_FEATURES (checklists, veto/exempt, lets). A new
 * rule kind is one more entry in RULE_KINDS; a new modification one more in
 * random-extends.ts. Thresholds sit where random-input.ts puts values (band
 * edges, zeros, ties). Seeded, so a failure reproduces.
 */
import type { Rng } from "./random-input.js";

export type InputKind = "money" | "ratio" | "count" | "bool" | "enum" | "quarters" | "tasks" | "projects";

export interface GenInput {
  readonly name: string;
  readonly kind: InputKind;
  /** Its declaration, `input NAME: …`. */
  readonly decl: string;
  readonly members?: readonly string[];
}

/** Ratios that random-input.ts produces often: the bands' edges. */
const EDGES = ["50%", "60%", "75%", "80%", "90%", "95%", "100%", "10%", "25%"];
const STEPS = ["1%", "5%", "10%"];

/** Points as text: halves and quarters, never a float. */
export const pts = (quarters: number): string => String(quarters / 4);

export class RubricBuilder {
  readonly inputs: GenInput[] = [];
  readonly enums: string[] = [];
  readonly rubricLets: string[] = [];
  private n = 0;
  constructor(readonly rng: Rng) {}

  fresh(prefix: string): string {
    return `${prefix}${++this.n}`;
  }

  /** An input of this kind: an existing one half the time (so rules share inputs), else a new one. */
  input(kind: InputKind): GenInput {
    const have = this.inputs.filter((i) => i.kind === kind);
    if (have.length > 0 && this.rng.next() < 0.5) return this.rng.pick(have);
    const name = this.fresh(
      {
        money: "金额",
        ratio: "比率",
        count: "数量",
        bool: "是否",
        enum: "情况",
        quarters: "进度",
        tasks: "工作",
        projects: "子项目",
      }[kind],
    );
    const r = this.rng;
    let decl: string;
    let members: string[] | undefined;
    switch (kind) {
      case "money":
        decl = `money(${r.pick(["元", "万元"])})${r.pick(["", " >= 0", " > 0"])}`;
        {
          // A bound over other inputs (a total and its rows, across 元 and 万元): checked on every department.
          const rows = this.inputs.filter((i) => i.kind === "money");
          const [a, b] = [rows[0], rows[rows.length - 1]];
          if (a && b && a !== b && r.next() < 0.3) decl += ` ${r.pick(["<=", "="])} ${a.name} + ${b.name}`;
        }
        break;
      case "ratio":
        decl = `ratio${r.pick(["", " >= 0", " in [0, 100%]", " in [0, 200%]"])}`;
        break;
      case "count":
        decl = "count";
        break;
      case "bool":
        decl = "bool";
        break;
      case "enum": {
        const e = this.fresh("枚举");
        members = Array.from({ length: 2 + r.int(3) }, (_, k) => `${e}项${k + 1}`);
        this.enums.push(`enum ${e} { ${members.join(", ")} }`);
        decl = e;
        break;
      }
      case "quarters":
        decl = "ratio[4] >= 0";
        break;
      case "tasks":
        decl = "list of { 名称: text; 已完成: bool; 任务数: count }";
        break;
      // Issue 11, kind 5: sub-projects with constrained fields (every record is checked).
      case "projects":
        decl = `list of { 资金: money(${r.pick(["元", "万元"])}) >= 0; 执行率: ratio in [0, 100%] }`;
        break;
    }
    const g: GenInput = { name, kind, decl: `input ${name}: ${decl}`, ...(members ? { members } : {}) };
    this.inputs.push(g);
    return g;
  }
}

/** Random descending thresholds from EDGES. */
function thresholds(r: Rng, k: number): string[] {
  const pool = [...EDGES].sort((a, b) => parseFloat(b) - parseFloat(a));
  const chosen = new Set<string>();
  while (chosen.size < Math.min(k, pool.length)) chosen.add(r.pick(pool));
  return pool.filter((t) => chosen.has(t));
}

/** A value for an arm: some quarter-point amount up to `max` (0 and the maximum often: ties). */
function armValue(r: Rng, maxQ: number): string {
  const x = r.next();
  return pts(x < 0.25 ? maxQ : x < 0.4 ? 0 : r.int(maxQ + 1));
}

/** A part's rule: the text of an expression worth at most `q` quarter-points (clamping catches the rest). */
export type RuleKind = (b: RubricBuilder, q: number) => string;

export const RULE_KINDS: Record<string, RuleKind> = {
  bands(b, q) {
    const r = b.rng;
    const x = r.next() < 0.7 ? b.input("ratio").name : `${b.input("money").name} / ${b.input("money").name}`;
    const ts = thresholds(r, 1 + r.int(4));
    const closedBelow = r.next() < 0.6;
    const arms: string[] = [];
    ts.forEach((t, i) => {
      const above = ts[i - 1];
      const cond =
        above === undefined
          ? closedBelow
            ? `>= ${t}`
            : `> ${t}`
          : closedBelow
            ? `[${t}, ${above})`
            : `(${t}, ${above}]`;
      arms.push(`${cond} -> ${armValue(r, q)}`);
    });
    const last = ts[ts.length - 1] ?? "0%";
    arms.push(
      r.next() < 0.5 ? `otherwise -> ${armValue(r, q)}` : `${closedBelow ? "<" : "<="} ${last} -> ${armValue(r, q)}`,
    );
    return `bands ${x} { ${arms.join("; ")} }`;
  },
  tiers(b, q) {
    const e = b.input("enum");
    const ms = e.members ?? [];
    const all = b.rng.next() < 0.5;
    const listed = all ? ms : ms.slice(0, Math.max(1, ms.length - 1));
    return `tiers ${e.name} { ${[...listed.map((m) => `${m} -> ${armValue(b.rng, q)}`), ...(all ? [] : [`otherwise -> ${armValue(b.rng, q)}`])].join("; ")} }`;
  },
  deductPer(b, q) {
    const n = b.rng.next() < 0.6 ? b.input("count").name : `count(each w in ${b.input("tasks").name}: not w.已完成)`;
    return `deduct ${b.rng.pick(["0.5", "1", "0.25", pts(q)])} per ${n}`;
  },
  deductOverUnder(b) {
    const r = b.rng;
    return `deduct ${r.pick(["0.5", "1", "0.2"])} per ${r.pick(STEPS)} of ${b.input("ratio").name} ${r.pick(["over", "under"])} ${r.pick(EDGES)}`;
  },
  judged(b, q) {
    if (b.rng.next() < 0.5 || q < 2) return "judged";
    const lo = b.rng.int(q);
    return `judged in [${pts(lo)}, ${pts(lo + 1 + b.rng.int(q - lo))}]`;
  },
  proportional(b, q) {
    const a = b.input("money").name;
    const c = b.input("money").name;
    return b.rng.next() < 0.5
      ? `min(${a} / ${c}, 100%) * ${pts(q)}`
      : `if ${a} > ${c} then 0 else ${a} / ${c} * ${pts(q)}`;
  },
  condition(b, q) {
    const r = b.rng;
    const f = b.input("bool").name;
    switch (r.int(4)) {
      case 0:
        return f;
      case 1:
        return `not ${f}`;
      case 2:
        return `${b.input("ratio").name} >= ${r.pick(EDGES)} and not ${f}`;
      default:
        return `if ${f} or ${b.input("count").name} = 0 then ${pts(q)} else ${armValue(r, q)}`;
    }
  },
  arrays(b, q) {
    const p = b.input("quarters").name;
    switch (b.rng.int(4)) {
      case 0:
        return `min(mean(${p}), 100%) * ${pts(q)}`;
      case 1:
        return `count(each x in ${p}: x >= ${b.rng.pick(EDGES)}) * ${pts(Math.max(1, Math.floor(q / 4)))}分`;
      case 2:
        return `min(each k in 1..4: min(${p}[k], 100%)) * ${pts(q)}`;
      default:
        return `${pts(q)} * min(${p}[${1 + b.rng.int(4)}], 100%)`;
    }
  },
  records(b, q) {
    const t = b.input("tasks").name;
    return b.rng.next() < 0.5
      ? `if len(${t}) = 0 then ${pts(q)} else count(each w in ${t}: w.已完成) / len(${t}) * ${pts(q)}`
      : `if sum(each w in ${t}: w.任务数) = 0 then 0 else min(sum(each w in ${t}: if w.已完成 then w.任务数 else 0) / sum(each w in ${t}: w.任务数), 100%) * ${pts(q)}`;
  },
  builtins(b, q) {
    const x = b.input("ratio").name;
    switch (b.rng.int(4)) {
      case 0:
        return `round(min(${x}, 100%) * ${pts(q)}, ${b.rng.int(3)}${b.rng.next() < 0.5 ? ", half-even" : ""})`;
      case 1:
        return `${b.rng.next() < 0.5 ? "floor" : "ceil"}(min(${x}, 100%) * ${q}) / 4 * 1分`;
      case 2:
        return `clamp(${x}, 0, 100%) * ${pts(q)}`;
      default:
        return `max(${pts(q)} - abs(${x} - 100%) * ${pts(q * 2)}, 0)`;
    }
  },
  // Issue 11, kind 5: amounts summed, rates weighted by funding (guarded: a list may be empty).
  weightedMean(b, q) {
    const x = b.input("projects").name;
    const w = `each p in ${x}: p.资金`;
    return `if sum(${w}) = 0 then 0 else weighted_mean(each p in ${x}: p.执行率, ${w}) * ${pts(q)}`;
  },
  rubricLet(b, q) {
    const name = b.fresh("总体");
    b.rubricLets.push(`let ${name} = min(mean(${b.input("quarters").name}), 100%)`);
    return `${name} * ${pts(q)}`;
  },
};

/** What an indicator body holds besides its parts: lines before the parts. */
export type IndicatorFeature = (b: RubricBuilder, ctx: { lets: string[] }) => string;

export const INDICATOR_FEATURES: Record<string, IndicatorFeature> = {
  veto: (b) => `veto when ${b.input("bool").name}`,
  exempt: (b) => `exempt when ${b.rng.next() < 0.5 ? b.input("bool").name : `${b.input("count").name} = 0`}`,
  note: (b) => `note "${b.fresh("说明")}"; standard "${b.fresh("标准")}"`,
  // Issue 11, kind 2: a bonus above the weight and a capped penalty.
  bonus: (b) => `bonus up to ${b.rng.pick(["0.5", "1"])} = 0.25分 * ${b.input("count").name}`,
  penalty: (b) => `penalty up to ${b.rng.pick(["0.5", "2"])} = if ${b.input("bool").name} then 1 else 0`,
};

/**
 * Issue 11, kind 1: now and then one indicator of a level is not applicable and shares its points with
 * some of its siblings (one source per level, so no cycle; never an exempt one).
 */
function addNotApplicable(b: RubricBuilder, children: (GenGroup | GenIndicator)[]): void {
  const r = b.rng;
  const sources = children.filter(
    (c): c is GenIndicator => !("children" in c) && !c.body.some((l) => /^exempt/.test(l)),
  );
  if (children.length < 2 || sources.length === 0 || r.next() >= 0.3) return;
  const source = r.pick(sources);
  const others = children.filter((c) => c !== source);
  const targets = others.filter(() => r.next() < 0.6);
  const names = (targets.length > 0 ? targets : [r.pick(others)]).map((c) => c.name);
  const how = r.next() < 0.5 ? "share equally among" : "share by points among";
  source.body.unshift(`not applicable when ${b.input("bool").name} ${how} ${names.join(", ")}`);
}

/** A rule worth at most q quarter-points, sometimes through an indicator let. */
export function randomRule(b: RubricBuilder, q: number, lets: string[]): string {
  const kinds = Object.values(RULE_KINDS);
  const rule = (b.rng.pick(kinds) as RuleKind)(b, q);
  // `judged` and `deduct` are whole rules only; anything else may go through a let.
  if (b.rng.next() < 0.15 && !/^(judged|deduct)/.test(rule)) {
    const name = b.fresh("值");
    lets.push(`let ${name} = ${rule}`);
    return name;
  }
  return rule;
}

export interface GenIndicator {
  name: string;
  /** Points in quarters. */
  q: number;
  body: string[];
  /** Named parts (or checklist items) with their points; none for `score = …`. */
  parts: { name: string; q: number }[];
}
export interface GenGroup {
  name: string;
  q: number;
  children: (GenGroup | GenIndicator)[];
}

/** An indicator body of `q` quarter-points: `score =`, parts, or a checklist, with features. */
export function randomIndicatorBody(
  b: RubricBuilder,
  q: number,
): { body: string[]; parts: { name: string; q: number }[] } {
  const r = b.rng;
  const lines: string[] = [];
  const lets: string[] = [];
  for (const f of Object.values(INDICATOR_FEATURES)) if (r.next() < 0.15) lines.push(f(b, { lets }));
  const shape = q < 2 ? 0 : r.int(3);
  const partLines: string[] = [];
  const parts: { name: string; q: number }[] = [];
  if (shape === 0) partLines.push(`score = ${randomRule(b, q, lets)}`);
  else {
    const k = Math.min(q, 2 + r.int(2));
    const split = Array.from({ length: k }, () => 1);
    for (let left = q - k; left > 0; left--) {
      const i = r.int(k);
      split[i] = (split[i] ?? 0) + 1;
    }
    const items = split.map((pq) => ({ name: b.fresh("项"), pq, rule: randomRule(b, pq, lets) }));
    parts.push(...items.map((it) => ({ name: it.name, q: it.pq })));
    if (shape === 1) for (const it of items) partLines.push(`part ${it.name} ${pts(it.pq)} = ${it.rule}`);
    else
      partLines.push(
        `checklist {`,
        ...items.map(
          (it) => `  ${it.name} ${pts(it.pq)}${it.rule === "judged" && r.next() < 0.5 ? "" : ` = ${it.rule}`}`,
        ),
        `}`,
      );
  }
  return { body: [...lines, ...lets, ...partLines], parts };
}

export function randomTree(b: RubricBuilder): GenGroup[] {
  const r = b.rng;
  const indicator = (): GenIndicator => {
    const q = 2 + r.int(19);
    return { name: b.fresh("指标"), q, ...randomIndicatorBody(b, q) };
  };
  const group = (depth: number): GenGroup => {
    const children = Array.from({ length: 1 + r.int(3) }, () =>
      depth < 2 && r.next() < 0.3 ? group(depth + 1) : indicator(),
    );
    addNotApplicable(b, children);
    return { name: b.fresh("分组"), q: children.reduce((s, c) => s + c.q, 0), children };
  };
  return Array.from({ length: 1 + r.int(3) }, () => group(0));
}

export function printTree(nodes: readonly (GenGroup | GenIndicator)[], indent: string): string[] {
  return nodes.flatMap((n) =>
    "children" in n
      ? [`${indent}group ${n.name} ${pts(n.q)} {`, ...printTree(n.children, `${indent}  `), `${indent}}`]
      : [`${indent}indicator ${n.name} ${pts(n.q)} {`, ...n.body.map((l) => `${indent}  ${l}`), `${indent}}`],
  );
}

export function rubricHeader(b: RubricBuilder, totalQ: number): string[] {
  const r = b.rng;
  const lines = [`total ${pts(totalQ)}`];
  for (const target of ["part", "indicator", "total"])
    if (r.next() < 0.35) lines.push(`rounding ${target} ${r.int(3)} ${r.pick(["half-up", "half-even", "down", "up"])}`);
  const t = totalQ / 4;
  const [g1, g2, g3] = [Math.floor(t * 0.9), Math.floor(t * 0.8), Math.floor(t * 0.6)];
  if (r.next() < 0.7 && g1 > g2 && g2 > g3) lines.push(`grades { 优 >= ${g1}; 良 >= ${g2}; 中 > ${g3}; 差 otherwise }`);
  return lines;
}

/** One rubric's text (and its tree, for deriving another from it). */
export function randomRubric(b: RubricBuilder, name: string): { text: string; tree: GenGroup[] } {
  const tree = randomTree(b);
  const body = printTree(tree, "  ");
  const totalQ = tree.reduce((s, g) => s + g.q, 0);
  const lines = [
    `rubric ${name} {`,
    ...rubricHeader(b, totalQ).map((l) => `  ${l}`),
    ...b.enums.map((e) => `  ${e}`),
    ...b.inputs.map((i) => `  ${i.decl}`),
    ...b.rubricLets.map((l) => `  ${l}`),
    ...body,
    "}",
    "",
  ];
  return { text: lines.join("\n"), tree };
}
