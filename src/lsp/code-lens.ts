/**
 * Code lenses: on every group and indicator with children, the sum of its
 * children against its points; on every example, whether it passes and the
 * total it computes.
 */
import type { CodeLens } from "vscode-languageserver";
import type * as A from "../compiler/syntax/ast.js";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { walkTree } from "../compiler/model/paths.js";
import type { AnyNode } from "../compiler/model/types.js";
import { Exact } from "../runtime/exact.js";
import { say } from "./lang.js";
import type { Snapshot } from "./snapshot.js";
import { toRange } from "./text.js";

function lens(range: CodeLens["range"], title: string): CodeLens {
  // A lens with an empty command is a label: clients show it without making it clickable.
  return { range, command: { title, command: "" } };
}

export function sumTitle(node: AnyNode, lang: Lang): string | undefined {
  const kids: readonly AnyNode[] = node.kind === "group" ? node.children : node.kind === "indicator" ? node.parts : [];
  if (kids.length === 0) return undefined;
  if (node.kind === "indicator" && kids.length === 1 && kids[0]?.kind === "part" && kids[0].implicit) return undefined;
  const sum = kids.reduce((a, k) => a.add(k.points), Exact.ZERO);
  const ok = sum.eq(node.points);
  const s = sum.toString(6);
  const p = node.points.toString(6);
  return ok
    ? say(lang, `Σ 下级 = ${s} / ${p} ✓`, `Σ children = ${s} / ${p} ✓`)
    : say(lang, `⚠ Σ 下级 = ${s} ≠ ${p}`, `⚠ Σ children = ${s} ≠ ${p}`);
}

export function exampleTitle(snap: Snapshot, decl: A.ExampleDecl, lang: Lang): string {
  const ex = snap.exampleOf(decl);
  const r = ex ? snap.exampleResult(ex) : null;
  const total = r?.result?.report.total ?? null;
  const totalText =
    total !== null ? say(lang, `总分 ${total}`, `total ${total}`) : say(lang, "总分无法计算", "no total");
  if (r?.pass) return say(lang, `▶ 通过 — ${totalText}`, `▶ pass — ${totalText}`);
  const failed = r ? r.assertions.filter((a) => !a.pass).length : 0;
  const why =
    r && r.assertions.length > 0 && failed > 0
      ? say(
          lang,
          `（${failed}/${r.assertions.length} 项预期不符）`,
          ` (${failed}/${r.assertions.length} expectations fail)`,
        )
      : r?.problems[0]
        ? say(lang, `（${r.problems[0].zh}）`, ` (${r.problems[0].en})`)
        : "";
  return say(lang, `✗ 未通过 — ${totalText}${why}`, `✗ fail — ${totalText}${why}`);
}

export function codeLenses(snap: Snapshot, uri: string, lang: Lang): CodeLens[] {
  const doc = snap.document(uri);
  if (!doc) return [];
  const out: CodeLens[] = [];
  const seen = new Set<number>();
  const at = (span: A.Span, title: string): void => {
    if (seen.has(span.start)) return;
    seen.add(span.start);
    out.push(lens(toRange(doc.lines, { start: span.start, end: span.start }), title));
  };
  const examples: A.ExampleDecl[] = [];
  for (const item of doc.ast.items) {
    if (item.kind === "Example") {
      examples.push(item);
      continue;
    }
    for (const sub of item.items) if (sub.kind === "Example") examples.push(sub);
    const checked = snap.rubricOf(item);
    if (!checked) continue;
    for (const n of walkTree(checked.model.groups)) {
      if (n.kind === "part" || n.file !== uri || n.span.start < item.span.start || n.span.start > item.span.end)
        continue;
      const title = sumTitle(n, lang);
      if (title) at(n.span, title);
    }
    for (const sub of item.items) {
      if (sub.kind !== "Reweight") continue;
      const last = sub.target.segments[sub.target.segments.length - 1];
      const occ = last ? snap.index.at(uri, last.span.start) : undefined;
      const title = occ?.node ? sumTitle(occ.node, lang) : undefined;
      if (title) at(sub.span, title);
    }
  }
  for (const e of examples) at(e.span, exampleTitle(snap, e, lang));
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}
