/**
 * Operator precedence, shared by the grammar (which collects an expression's operators flat) and
 * the CST → AST stage (which builds the tree from them). Higher binds tighter.
 */
export const LEVEL = {
  /** A whole expression: `if` and `each` may stand here. */
  expr: 0,
  or: 1,
  and: 2,
  /** `not` covers a comparison; a comparison does not chain (`a < b < c` is refused). */
  compare: 3,
  additive: 4,
  multiplicative: 5,
} as const;

const BY_TOKEN: Readonly<Record<string, number>> = {
  Or: LEVEL.or,
  And: LEVEL.and,
  EqEq: LEVEL.compare,
  Equals: LEVEL.compare,
  NotEq: LEVEL.compare,
  LessEq: LEVEL.compare,
  Less: LEVEL.compare,
  GreaterEq: LEVEL.compare,
  Greater: LEVEL.compare,
  Plus: LEVEL.additive,
  Minus: LEVEL.additive,
  Star: LEVEL.multiplicative,
  Slash: LEVEL.multiplicative,
};

/** The level a binary operator token binds at; 0 for a token that is none. */
export function binaryLevel(tokenName: string): number {
  return BY_TOKEN[tokenName] ?? 0;
}
