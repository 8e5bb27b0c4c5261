/**
 * Which rubric scores a row: the one named by the row's 评分表/rubric column,
 * else `--rubric`, else the only rubric in the named file(s). Scorers are
 * made once per rubric. Also the vocabulary of column names (every input
 * name and alias of the loaded rubrics) for reading headers.
 */
import type { Text } from "../../runtime/report.js";
import type { Scorer } from "../../runtime/scorer.js";
import { suggest } from "../../runtime/suggest.js";
import type { CheckedRubric } from "../../compiler/program.js";
import { createReferenceScorer } from "../../compiler/evaluate/scorer.js";
import { compiledScorerJs } from "./compiled.js";
import { instantiateScorer } from "./instantiate.js";
import type { ScorerChoice } from "./run.js";
import { slotDiagnostics } from "../../compiler/model/slots.js";
import { peerUse } from "../../compiler/model/peers.js";

export const rubricKeyOf = (r: CheckedRubric): string =>
  r.model.year !== undefined ? `${r.model.name} ${r.model.year}` : r.model.name;

function matches(r: CheckedRubric, name: string): boolean {
  const n = name.trim().replace(/\s+/g, " ");
  return r.model.name === n || rubricKeyOf(r) === n;
}

/** A rubric with an empty slot is a base for others, not a form to score. */
export function unscorable(r: CheckedRubric): ScorerChoice | undefined {
  const d = slotDiagnostics(r.model, r.model.file, r.model.decl.name.span)[0];
  return d ? { error: d.message } : undefined;
}

export class RubricChooser {
  private readonly scorers = new Map<CheckedRubric, Scorer>();
  private readonly byName = new Map<string, ScorerChoice>();
  /** The compiled scorers' JavaScript by rubric key, for worker threads. */
  readonly sources = new Map<string, string>();

  /**
   * `all`: every rubric loaded (named files and their siblings); `named`: those
   * of the named files; `fallback`: the rubric for rows that name none.
   */
  constructor(
    private readonly all: readonly CheckedRubric[],
    readonly named: readonly CheckedRubric[],
    readonly fallback: CheckedRubric | undefined,
    /** Score with the reference evaluator instead of the compiled scorer (same numbers, slower; for checking). */
    private readonly reference = false,
  ) {}

  /** Finds a rubric by "name" or "name year"; several of one name need the year. */
  find(name: string): CheckedRubric | Text {
    const hits = this.all.filter((r) => matches(r, name));
    if (hits.length === 1 && hits[0]) return hits[0];
    if (hits.length > 1) {
      const keys = hits.map(rubricKeyOf).join(", ");
      return {
        zh: `评分表「${name}」不唯一：${keys}，请写上年度`,
        en: `rubric '${name}' is ambiguous: ${keys}; add the year`,
      };
    }
    const s = suggest(name, this.all.map(rubricKeyOf));
    return {
      zh: `没有评分表「${name}」${s ? `；是否应为「${s}」？` : ""}`,
      en: `no rubric '${name}'${s ? `; did you mean '${s}'?` : ""}`,
    };
  }

  scorer(r: CheckedRubric): Scorer {
    let s = this.scorers.get(r);
    if (!s) {
      if (this.reference) s = createReferenceScorer(r);
      else {
        const js = compiledScorerJs(r);
        this.sources.set(rubricKeyOf(r), js);
        s = instantiateScorer(js);
      }
      this.scorers.set(r, s);
    }
    return s;
  }

  choose(name: string | undefined): ScorerChoice {
    const key = name ?? "";
    const known = this.byName.get(key);
    if (known) return known;
    let choice: ScorerChoice;
    if (name === undefined) {
      choice = this.fallback
        ? (unscorable(this.fallback) ?? { scorer: this.scorer(this.fallback), key: rubricKeyOf(this.fallback) })
        : {
            error: {
              zh: `未指明评分表：请用 --rubric，或加一列「评分表」（可选：${this.named.map(rubricKeyOf).join("、")}）`,
              en: `no rubric named: use --rubric, or a 'rubric' column (one of ${this.named.map(rubricKeyOf).join(", ")})`,
            },
          };
    } else {
      const r = this.find(name);
      choice = "model" in r ? (unscorable(r) ?? { scorer: this.scorer(r), key: rubricKeyOf(r) }) : { error: r };
    }
    if (this.byName.size < 1000) this.byName.set(key, choice);
    return choice;
  }

  /** Issue 11, kind 7: whether a loaded rubric compares departments with their peers (`rubric score` then reads the file twice). */
  usesPeers(): boolean {
    return this.all.some((r) => peerUse(r.model).any);
  }

  /** Every input name and alias of the loaded rubrics. */
  vocabulary(): Set<string> {
    const out = new Set<string>();
    for (const r of this.all) {
      for (const i of r.model.inputs.values()) {
        out.add(i.name);
        if (i.alias) out.add(i.alias);
        // A target pair is given as two columns, NAME.目标 and NAME.实际 (or .target / .actual).
        if (i.type.kind === "record" && i.type.pair) {
          for (const n of i.alias ? [i.name, i.alias] : [i.name])
            for (const f of ["目标", "实际", "target", "actual"]) out.add(`${n}.${f}`);
        }
      }
    }
    return out;
  }

  /** Indicator columns: the fallback rubric's, else all the named rubrics' (first seen first). */
  indicatorPaths(): string[] {
    const rs = this.fallback ? [this.fallback] : this.named;
    const out = new Set<string>();
    for (const r of rs) for (const i of this.scorer(r).meta.indicators) out.add(i.path);
    return [...out];
  }
}
