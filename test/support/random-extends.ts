/**
 * A random file of a base rubric and a rubric that `extends` it with random
 * modifications that keep every sum: reweight (moving points between two
 * indicators of a group, with their parts), replace, remove + add (the same
 * points), reword and rename. A new modification is one more entry in
 * MODIFICATIONS.
 */
import type { Rng } from "./random-input.js";
import {
  RubricBuilder,
  pts,
  randomIndicatorBody,
  randomRubric,
  type GenGroup,
  type GenIndicator,
} from "./random-rubric.js";

interface Placed {
  readonly ind: GenIndicator;
  readonly group: GenGroup;
  readonly path: string;
}

function placed(groups: readonly GenGroup[], prefix = ""): Placed[] {
  return groups.flatMap((g) =>
    g.children.flatMap((c) =>
      "children" in c
        ? placed([c], `${prefix}${g.name}.`)
        : [{ ind: c, group: g, path: `${prefix}${g.name}.${c.name}` }],
    ),
  );
}

/** Lists a node's new points and, for an indicator with parts, its parts' (the first part takes the change). */
function reweightEntry(ind: GenIndicator, q: number): string {
  if (ind.parts.length === 0) return `${ind.name} ${pts(q)}`;
  const [first, ...rest] = ind.parts;
  const firstQ = (first?.q ?? 0) + q - ind.q;
  return `${ind.name} ${pts(q)} { ${[`${first?.name} ${pts(firstQ)}`, ...rest.map((p) => `${p.name} ${pts(p.q)}`)].join("; ")} }`;
}

/** A modification of an indicator not yet touched; returns its lines, or nothing if it does not apply. */
type Modification = (b: RubricBuilder, all: Placed[], taken: Set<GenIndicator>) => string[];

const free = (all: Placed[], taken: Set<GenIndicator>, r: Rng): Placed | undefined => {
  const left = all.filter((p) => !taken.has(p.ind));
  if (left.length === 0) return undefined;
  const p = r.pick(left);
  taken.add(p.ind);
  return p;
};

export const MODIFICATIONS: Record<string, Modification> = {
  reweight(b, all, taken) {
    const pairs = all.flatMap((a) =>
      all
        .filter((c) => c.group === a.group && c.ind !== a.ind && !taken.has(a.ind) && !taken.has(c.ind))
        .map((c) => [a, c] as const),
    );
    const pair = pairs.length > 0 ? b.rng.pick(pairs) : undefined;
    if (!pair) return [];
    const [from, to] = pair;
    // Moving k quarters keeps the group's sum; the giver (and its first part) keeps at least one.
    const room = Math.min(from.ind.q - 1, from.ind.parts.length > 0 ? (from.ind.parts[0]?.q ?? 1) - 1 : from.ind.q - 1);
    if (room < 1) return [];
    const k = 1 + b.rng.int(room);
    taken.add(from.ind).add(to.ind);
    const groupPath = from.path.slice(0, from.path.lastIndexOf("."));
    return [
      `reweight ${groupPath} ${pts(from.group.q)} { ${reweightEntry(from.ind, from.ind.q - k)}; ${reweightEntry(to.ind, to.ind.q + k)} }`,
    ];
  },
  replace(b, all, taken) {
    const p = free(all, taken, b.rng);
    if (!p) return [];
    const { body } = randomIndicatorBody(b, p.ind.q);
    return [`replace ${p.path} {`, ...body.map((l) => `  ${l}`), `}`];
  },
  removeAndAdd(b, all, taken) {
    const p = free(all, taken, b.rng);
    if (!p) return [];
    const { body } = randomIndicatorBody(b, p.ind.q);
    const groupPath = p.path.slice(0, p.path.lastIndexOf("."));
    return [
      `remove ${p.path}`,
      `add ${groupPath} indicator ${b.fresh("新指标")} ${pts(p.ind.q)} {`,
      ...body.map((l) => `  ${l}`),
      `}`,
    ];
  },
  reword(b, all, taken) {
    const p = free(all, taken, b.rng);
    return p ? [`reword ${p.path} { note "${b.fresh("新说明")}"; standard "${b.fresh("新标准")}" }`] : [];
  },
  rename(b, all, taken) {
    const p = free(all, taken, b.rng);
    return p ? [`rename ${p.path} to ${b.fresh("改名")}`] : [];
  },
};

/** A base rubric and a derived one in one file; `names` are the two rubrics' names. */
export function randomExtendsFile(r: Rng, id: number): { text: string; names: [string, string] } {
  const b = new RubricBuilder(r);
  const baseName = `基础${id}`;
  const derivedName = `派生${id}`;
  const base = randomRubric(b, baseName);
  const [inputs, enums, lets] = [b.inputs.length, b.enums.length, b.rubricLets.length];
  const all = placed(base.tree);
  const taken = new Set<GenIndicator>();
  // Renames last: the other modifications name paths as the base wrote them.
  const order = Object.entries(MODIFICATIONS).filter(([k]) => k !== "rename" && r.next() < 0.8);
  const mods = [
    ...order.flatMap(([, m]) => m(b, all, taken)),
    ...(r.next() < 0.7 ? (MODIFICATIONS["rename"]?.(b, all, taken) ?? []) : []),
  ];
  const derived = [
    `rubric ${derivedName} extends ${baseName} {`,
    ...[
      ...b.enums.slice(enums),
      ...b.inputs.slice(inputs).map((i) => i.decl),
      ...b.rubricLets.slice(lets),
      ...mods,
    ].map((l) => `  ${l}`),
    "}",
    "",
  ];
  return { text: `${base.text}\n${derived.join("\n")}`, names: [baseName, derivedName] };
}
