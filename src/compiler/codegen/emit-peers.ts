/**
 * Issue 11, rule kind 7 in a compiled module: the typed shape of the peer statistics the rubric reads
 * (`Peers`), each department's values of the subjects (`peerRow`) and the statistics of a set of
 * departments (`peerStats`), to hand to `score(input, { peers })`.
 */
import type * as A from "../syntax/ast.js";
import type { CheckedRubric } from "../program.js";
import type { PeerSubjectSpec } from "../../runtime/peers.js";
import { peerUse } from "../model/peers.js";
import { emitExpr, type ExprScope } from "./emit-expr.js";
import { commentText, str } from "./text.js";

export function emitPeers(rubric: CheckedRubric, subjects: readonly PeerSubjectSpec[], scope: ExprScope): string[] {
  const exprs = peerUse(rubric.model).exprs;
  const out: string[] = [];
  const keys = subjects.map((s) => str(s.key));
  out.push("/** The subjects this rubric compares across peers, by their text in the rubric. */");
  out.push(`export type PeerSubject = ${keys.length > 0 ? keys.join(" | ") : "never"};`);
  out.push("/**");
  out.push(" * The statistics of a department's peers (every department scored together, itself included):");
  out.push(" * compute them with `peerStats(inputs)`, then `score(input, { peers })`.");
  out.push(" */");
  out.push(
    "export type Peers = { readonly count: number; readonly subjects: { readonly [K in PeerSubject]?: PeerSubjectStats } };",
  );
  out.push("const PEER_SUBJECTS: readonly ((c: rt.Ctx) => Exact)[] = [");
  for (const s of subjects) {
    const e = exprs.get(s.key) as A.Expr;
    out.push(`  // ${commentText(s.key).replace(/\n/g, " ")}`);
    out.push(`  (c: rt.Ctx): Exact => ${emitExpr(e, scope)},`);
  }
  out.push("];");
  out.push("");
  out.push(
    "/** A department's value of each `PeerSubject` (undefined where an input it needs is missing or invalid). */",
  );
  out.push("export function peerRow(input: RubricInput): (Exact | undefined)[] {");
  out.push("  return rt.peerRow(meta, PEER_SUBJECTS, convertInput(meta, input as unknown as ScoreInput).values);");
  out.push("}");
  out.push("");
  out.push("/** The peer statistics of a set of departments: one pass, a few numbers per subject (see `Peers`). */");
  out.push("export function peerStats(inputs: Iterable<RubricInput>): Peers {");
  out.push("  const c = new rt.PeerCollector(meta.peers ?? []);");
  out.push("  for (const i of inputs) c.add(peerRow(i));");
  out.push("  return c.stats();");
  out.push("}");
  out.push("");
  return out;
}
