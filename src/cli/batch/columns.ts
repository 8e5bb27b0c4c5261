/**
 * What a column (a CSV/XLSX header cell, or a key of a flat JSON object)
 * means. Inputs are named by their Chinese name or ASCII alias; the
 * reserved columns are:
 *   评定:<path> / judge:<path>       a judged score (part, or indicator judged as a whole);
 *                                    for a judged deduction (酌情扣), the deduction
 *   理由:<path> / reason:<path>      the reason for the judgement or override at <path>
 *   改判:<path> / override:<path>    an override of an indicator's final score
 *   其余满分 / judge_rest_full        judge every judged part not judged otherwise at its maximum
 *   id / 编号 / 部门                  an identifier carried to the output
 *   rubric / 评分表                   the rubric this row is scored with ("name" or "name year")
 * A header that is empty or starts with `#` is ignored. An input's name
 * wins over a reserved name (an input may be called 部门).
 */

export type Column =
  | { readonly kind: "id" | "rubric" | "rest-full" | "ignore" }
  | { readonly kind: "judge" | "reason" | "override"; readonly path: string }
  | { readonly kind: "value"; readonly key: string };

const ID = new Set(["id", "编号", "部门"]);
const RUBRIC = new Set(["rubric", "评分表"]);
const REST = new Set(["judge_rest_full", "judgerestfull", "judge-rest-full", "其余满分"]);
const PREFIXES: Record<string, "judge" | "reason" | "override"> = {
  评定: "judge",
  judge: "judge",
  理由: "reason",
  reason: "reason",
  改判: "override",
  override: "override",
};
const PREFIXED = /^(评定|judge|理由|reason|改判|override)\s*[:：]\s*(.+)$/i;

export function classifyColumn(header: string, isInput: (key: string) => boolean): Column {
  const h = header.trim();
  if (h === "" || h.startsWith("#")) return { kind: "ignore" };
  if (isInput(h)) return { kind: "value", key: h };
  const lower = h.toLowerCase();
  if (ID.has(lower)) return { kind: "id" };
  if (RUBRIC.has(lower)) return { kind: "rubric" };
  if (REST.has(lower)) return { kind: "rest-full" };
  const m = PREFIXED.exec(h);
  if (m?.[1] && m[2]) {
    const kind = PREFIXES[m[1].toLowerCase()] ?? PREFIXES[m[1]];
    if (kind) return { kind, path: m[2].trim() };
  }
  return { kind: "value", key: h };
}

/** Classifies keys once and remembers them (flat JSON objects repeat the same keys row after row). */
export class ColumnCache {
  private readonly known = new Map<string, Column>();
  constructor(private readonly isInput: (key: string) => boolean) {}

  get(key: string): Column {
    let c = this.known.get(key);
    if (!c) {
      c = classifyColumn(key, this.isInput);
      if (this.known.size < 10_000) this.known.set(key, c);
    }
    return c;
  }
}
