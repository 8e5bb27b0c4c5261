/**
 * What a per-indicator result (inference, the inputs it reads) depends on, as short strings of object
 * identities: declarations are replaced, never changed, when their text changes, so equal identities mean
 * equal declarations. Caches compare the rubric's context and the indicator's own part separately, so a
 * keystroke does not build one long string per indicator.
 */
import type { IndicatorNode, RubricModel } from "./types.js";

const ids = new WeakMap<object, number>();
let nextId = 1;

export function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

/** Everything an indicator's inference depends on outside its own declarations. */
export function contextSignature(model: RubricModel): string {
  const parts: number[] = [];
  for (const i of model.inputs.values()) parts.push(idOf(i.decl));
  for (const l of model.lets.values()) parts.push(idOf(l.decl));
  for (const e of model.enums.values()) parts.push(idOf(e.decl));
  for (const s of model.scales.values()) parts.push(idOf(s.decl));
  for (const r of model.rules.values()) parts.push(idOf(r.decl));
  return `${model.file}|${parts.join(",")}`;
}

const signatures = new WeakMap<IndicatorNode, string>();

/** The indicator's own declarations (computed once per built indicator: inference and uses both ask). */
export function indicatorSignature(ind: IndicatorNode): string {
  let s = signatures.get(ind);
  if (s === undefined) {
    s = signatureOf(ind);
    signatures.set(ind, s);
  }
  return s;
}

function signatureOf(ind: IndicatorNode): string {
  return [
    ind.rulesFile,
    ind.lets.map((l) => idOf(l.decl)).join(","),
    ind.veto.map((c) => idOf(c.cond)).join(","),
    ind.exempt.map((c) => idOf(c.cond)).join(","),
    ind.notApplicable.map((c) => idOf(c.cond)).join(","),
    ind.parts.map((p) => `${idOf(p.rule)}:${p.file}:${p.points.toString()}`).join(","),
    ind.adjust.map((a) => `${idOf(a.rule)}:${a.file}:${a.cap.toString()}`).join(","),
  ].join("|");
}

/** The key a per-indicator cache is kept under: its first rule (or its span), objects of its declaration. */
export function indicatorKey(ind: IndicatorNode): object {
  return ind.parts[0]?.rule ?? ind.span;
}
