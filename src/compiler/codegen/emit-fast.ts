/**
 * Rules → specialised straight-line TypeScript over safe integers (see
 * src/runtime/fast-num.ts). Every number is a scaled integer over a
 * denominator known at compile time where the rule allows (an input's 10^k,
 * a constant's, their lcm), and over a run-time denominator only after a
 * division whose quotient stays unrounded. Comparisons cross-multiply; no
 * rounding happens but the declared ones. The interval analysis bounds each
 * value: where it proves a product or sum stays a safe integer the plain JS
 * operator is emitted, elsewhere a checked helper that bails to the generic
 * exact path. A construct without a specialisation throws `Unsupported`; its
 * indicator then keeps the generic code (emit-expr.ts).
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import type { ExprInfo } from "../analysis/infer.js";
import type * as I from "../analysis/interval.js";
import { builtin } from "../analysis/builtins.js";
import { constValue, literalValue, roundingModeArg } from "../model/constants.js";
import { pointsInterval } from "../model/judged.js";
import { scaleValues } from "../analysis/judged-rules.js";
import type { LetDef, ScaleDef, ValueType } from "../model/types.js";
import { exprText } from "../evaluate/expr.js";
import { lineCommentText, str } from "./text.js";
import { achievement, deductAtMost, stepDeduct } from "./emit-fast-rules.js";
import { Unsupported, type FastV, type NumV, type RuleEmitter } from "./emit-fast-values.js";

export { Unsupported, type FastV, type NumV };

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_UNROLLED = 256;

export interface FastInput {
  /** Field of the reader's object holding the value. */
  readonly field: string;
  readonly type: ValueType;
  /** Denominator of the scaled integer in internal units (money in 元). */
  readonly den: bigint;
  /** Multiplier from the read integer to the numerator over `den` (万元 → 元 folded in). */
  readonly factor: bigint;
  readonly length?: number;
}

export interface FastScope {
  readonly info: ReadonlyMap<A.Expr, ExprInfo>;
  readonly inputs: ReadonlyMap<string, FastInput>;
  readonly enumMembers: ReadonlySet<string>;
  readonly lets: ReadonlyMap<string, LetDef>;
  readonly scales?: ReadonlyMap<string, ScaleDef>;
  /** Judgements are read as integers over this denominator. */
  readonly judgedDen: bigint;
}

function gcdB(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}
const lcm = (a: bigint, b: bigint): bigint => (a / gcdB(a, b)) * b;
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const safeLit = (x: bigint): string => {
  if (abs(x) > MAX) throw new Unsupported("constant beyond safe integers");
  return x.toString();
};
const isName = (s: string): boolean => /^-?[\w$]+$/.test(s);

function maxAbs(r: I.Range | undefined): Exact | undefined {
  if (!r?.lo || !r.hi) return undefined;
  const a = r.lo.v.abs();
  const b = r.hi.v.abs();
  return a.gt(b) ? a : b;
}

/** One indicator's (or part's) straight-line code. */
export class FastEmitter implements RuleEmitter {
  readonly lines: string[] = [];
  private indent = "  ";
  private counter = 0;
  private readonly letValues = new Map<string, FastV>();
  private readonly inputLocals = new Map<string, string>();
  /** Input reads, emitted at the top of the function: each input read once into a typed local. */
  readonly reads: string[] = [];
  /** Judged index and part points of the part being emitted. */
  part: { readonly judged?: number; readonly points: Exact } | undefined;

  constructor(private readonly s: FastScope) {}

  fresh(p: string): string {
    return `${p}${this.counter++}`;
  }
  line(text: string): void {
    this.lines.push(`${this.indent}${text}`);
  }
  comment(text: string): void {
    this.line(`// ${lineCommentText(text)}`);
  }
  private tmp(expr: string, p = "t"): string {
    if (isName(expr)) return expr;
    const t = this.fresh(p);
    this.line(`const ${t} = ${expr};`);
    return t;
  }
  private block(f: () => void): void {
    const saved = this.indent;
    this.indent = `${saved}  `;
    f();
    this.indent = saved;
  }

  // ---- numbers ----

  private bound(e: A.Expr | undefined, d: bigint): bigint | undefined {
    const m = e ? maxAbs(this.s.info.get(e)?.range) : undefined;
    if (!m) return undefined;
    const v = m.mul(Exact.of(d));
    const q = v.ceil().num;
    return q;
  }

  constant(v: Exact): NumV {
    return { k: "num", n: safeLit(v.num), d: v.den, b: abs(v.num), c: v };
  }

  /** `n·k` for a compile-time integer k: plain when the bound proves it safe. */
  private scaleBy(x: NumV, k: bigint): { n: string; b?: bigint } {
    if (k === 1n) return { n: x.n, ...(x.b !== undefined ? { b: x.b } : {}) };
    const b = x.b !== undefined ? x.b * abs(k) : undefined;
    if (x.c) return { n: safeLit(BigInt(x.n) * k), b: abs(BigInt(x.n) * k) };
    const n = b !== undefined && b <= MAX ? `${x.n} * ${safeLit(k)}` : `fx.mul(${x.n}, ${safeLit(k)})`;
    return { n: this.tmp(n), ...(b !== undefined && b <= MAX ? { b } : {}) };
  }

  private dynamic(x: NumV): { n: string; d: string } {
    return { n: x.n, d: typeof x.d === "bigint" ? safeLit(x.d) : x.d };
  }

  private fromR(): NumV {
    const n = this.fresh("n");
    const d = this.fresh("d");
    this.line(`const ${n} = fx.R.n, ${d} = fx.R.d;`);
    return { k: "num", n, d };
  }

  addSub(op: "+" | "-", l: NumV, r: NumV, e?: A.Expr): NumV {
    if (l.c && r.c) return this.constant(op === "+" ? l.c.add(r.c) : l.c.sub(r.c));
    if (typeof l.d === "bigint" && typeof r.d === "bigint") {
      const d = lcm(l.d, r.d);
      const a = this.scaleBy(l, d / l.d);
      const b = this.scaleBy(r, d / r.d);
      const bound = a.b !== undefined && b.b !== undefined ? a.b + b.b : undefined;
      const safe = bound !== undefined && bound <= MAX;
      const n = safe ? `${a.n} ${op} ${b.n}` : `fx.${op === "+" ? "add" : "sub"}(${a.n}, ${b.n})`;
      const eb = this.bound(e, d);
      const nb = safe ? bound : eb;
      return { k: "num", n: this.tmp(n), d, ...(nb !== undefined ? { b: nb } : {}) };
    }
    const a = this.dynamic(l);
    const b = this.dynamic(r);
    this.line(`fx.r${op === "+" ? "add" : "sub"}(${a.n}, ${a.d}, ${b.n}, ${b.d});`);
    return this.fromR();
  }

  private mulV(l: NumV, r: NumV, e?: A.Expr): NumV {
    if (l.c && r.c) return this.constant(l.c.mul(r.c));
    if (r.c && r.c.den === 1n) {
      const s = this.scaleBy(l, r.c.num);
      return { k: "num", n: s.n, d: l.d, ...(s.b !== undefined ? { b: s.b } : {}) };
    }
    if (l.c && l.c.den === 1n) return this.mulV(r, l, e);
    if (typeof l.d === "bigint" && typeof r.d === "bigint") {
      const d = l.d * r.d;
      if (d > MAX) throw new Unsupported("denominator beyond safe integers");
      const bound = l.b !== undefined && r.b !== undefined ? l.b * r.b : undefined;
      const safe = bound !== undefined && bound <= MAX;
      const n = safe ? `${l.n} * ${r.n}` : `fx.mul(${l.n}, ${r.n})`;
      const eb = this.bound(e, d);
      const nb = safe ? bound : eb;
      return { k: "num", n: this.tmp(n), d, ...(nb !== undefined ? { b: nb } : {}) };
    }
    const a = this.dynamic(l);
    const b = this.dynamic(r);
    this.line(`fx.rmul(${a.n}, ${a.d}, ${b.n}, ${b.d});`);
    return this.fromR();
  }

  private divV(l: NumV, r: NumV, e?: A.Expr): NumV {
    if (r.c) {
      if (r.c.isZero()) throw new Unsupported("division by the constant 0");
      // ÷ p/q = × q/p: the quotient keeps a compile-time denominator.
      const p = r.c.num;
      const q = r.c.den;
      const s = this.scaleBy(l, p < 0n ? -q : q);
      if (typeof l.d === "bigint") {
        const d = l.d * abs(p);
        if (d > MAX) throw new Unsupported("denominator beyond safe integers");
        return { k: "num", n: s.n, d, ...(s.b !== undefined ? { b: s.b } : {}) };
      }
      if (abs(p) === 1n) return { k: "num", n: s.n, d: l.d };
      this.line(`fx.rmul(${s.n}, ${l.d}, 1, ${safeLit(abs(p))});`);
      return this.fromR();
    }
    const a = this.dynamic(l);
    const b = this.dynamic(r);
    void e;
    this.line(`fx.rdiv(${a.n}, ${a.d}, ${b.n}, ${b.d});`);
    return this.fromR();
  }

  /** `cmp(l, r) op 0` as a JS condition. */
  compare(op: A.BinaryExpr["op"] | "=" | "!=", l: NumV, r: NumV): string {
    const jsOp = op === "=" ? "===" : op === "!=" ? "!==" : op;
    if (l.c && r.c) return String(cmpOp(l.c.cmp(r.c), jsOp));
    if (typeof l.d === "bigint" && typeof r.d === "bigint") {
      const d = lcm(l.d, r.d);
      const a = this.scaleBy(l, d / l.d);
      const b = this.scaleBy(r, d / r.d);
      return `${a.n} ${jsOp} ${b.n}`;
    }
    const a = this.dynamic(l);
    const b = this.dynamic(r);
    return `fx.cmp(${a.n}, ${a.d}, ${b.n}, ${b.d}) ${jsOp} 0`;
  }

  /** Values of several branches as one: a common compile-time denominator when all have one. */
  private unify(branches: readonly (() => FastV)[], conds: readonly string[]): FastV {
    // Emit each branch into its own block, then decide the result's shape.
    const saved = this.lines.length;
    const outs: { lines: string[]; v: FastV }[] = [];
    for (const b of branches) {
      const start = this.lines.length;
      let v: FastV;
      const savedIndent = this.indent;
      this.indent = `${savedIndent}  `;
      try {
        v = b();
      } finally {
        this.indent = savedIndent;
      }
      outs.push({ lines: this.lines.splice(start), v });
    }
    this.lines.length = saved;
    const kinds = new Set(outs.map((o) => o.v.k));
    if (kinds.size !== 1) throw new Unsupported("branches of different kinds");
    const kind = outs[0]?.v.k;
    const r = this.fresh("r");
    let assign: (v: FastV) => string[];
    let result: FastV;
    if (kind === "bool" || kind === "str") {
      this.line(`let ${r}: ${kind === "bool" ? "boolean" : "string"};`);
      assign = (v) => [`${r} = ${(v as { c: string }).c};`];
      result = { k: kind, c: r };
    } else if (kind === "num") {
      const nums = outs.map((o) => o.v as NumV);
      if (nums.every((x) => typeof x.d === "bigint")) {
        const d = nums.reduce((a, x) => lcm(a, x.d as bigint), 1n);
        if (d > MAX) throw new Unsupported("denominator beyond safe integers");
        this.line(`let ${r}: number;`);
        assign = (v) => {
          const x = v as NumV;
          const k = d / (x.d as bigint);
          if (x.c) return [`${r} = ${safeLit(BigInt(x.n) * k)};`];
          return [`${r} = ${k === 1n ? x.n : `fx.mul(${x.n}, ${safeLit(k)})`};`];
        };
        result = { k: "num", n: r, d };
      } else {
        const rd = this.fresh("rd");
        this.line(`let ${r}: number, ${rd}: number;`);
        assign = (v) => {
          const x = this.dynamic(v as NumV);
          return [`${r} = ${x.n};`, `${rd} = ${x.d};`];
        };
        result = { k: "num", n: r, d: rd };
      }
    } else throw new Unsupported("a list-valued branch");
    outs.forEach((o, i) => {
      const cond = conds[i];
      const head = i === 0 ? `if (${cond}) {` : cond === "true" ? "} else {" : `} else if (${cond}) {`;
      this.line(head);
      this.lines.push(...o.lines);
      for (const l of assign(o.v)) this.line(`  ${l}`);
    });
    if (conds[conds.length - 1] !== "true") {
      this.line("} else {");
      this.line("  fx.bail();");
    }
    this.line("}");
    return result;
  }

  // ---- expressions ----

  num(e: A.Expr): NumV {
    const v = this.expr(e);
    if (v.k !== "num") throw new Unsupported(`expected a number: ${e.kind}`);
    return v;
  }
  bool(e: A.Expr): string {
    const v = this.expr(e);
    if (v.k !== "bool") throw new Unsupported("expected a condition");
    return v.c;
  }
  private list(e: A.Expr): readonly FastV[] {
    const v = this.expr(e);
    if (v.k !== "list") throw new Unsupported("expected a list of known length");
    return v.items;
  }

  /** Input values checked at the top level of the function, reused below it. */
  private readonly topInputs = new Map<string, FastV>();

  private input(name: string, inp: FastInput): FastV {
    const top = this.indent === "  ";
    const known = this.topInputs.get(name);
    if (known) return known;
    const v = this.readInput(name, inp);
    if (top) this.topInputs.set(name, v);
    return v;
  }

  private readInput(name: string, inp: FastInput): FastV {
    let local = this.inputLocals.get(name);
    if (!local) {
      local = `x${this.inputLocals.size}`;
      this.inputLocals.set(name, local);
      this.reads.push(`  const ${local} = v.${inp.field}; // ${lineCommentText(name)}`);
    }
    const t = inp.type;
    const scalar = (x: string, base: ValueType): FastV => {
      if (base.kind === "num") {
        const n = inp.factor === 1n ? x : this.tmp(`fx.mul(${x}, ${safeLit(inp.factor)})`);
        return { k: "num", n, d: inp.den };
      }
      if (base.kind === "bool") return { k: "bool", c: x };
      if (base.kind === "enum" || base.kind === "text") return { k: "str", c: x };
      throw new Unsupported(`input of type ${base.kind}`);
    };
    if (t.kind === "record" && t.pair) {
      const p = this.tmp(`fx.need(${local})`, "p");
      const el = [...t.fields.values()][0] ?? { kind: "error" };
      const target = scalar(this.tmp(`${p}[0]`), el) as NumV;
      const actual = scalar(this.tmp(`${p}[1]`), el) as NumV;
      return { k: "pair", target, actual };
    }
    if (t.kind === "array") {
      if (inp.length === undefined) throw new Unsupported("array input of unknown length");
      // Unrolled element by element: a long list (or a hostile `array[10^9]`) stays on the generic path.
      if (inp.length > MAX_UNROLLED) throw new Unsupported(`array input of ${inp.length} elements`);
      const a = this.tmp(`fx.need(${local})`, "a");
      return {
        k: "list",
        items: Array.from({ length: inp.length }, (_, i) =>
          scalar(this.tmp(`${a}[${i}] as ${tsOf(t.element)}`), t.element),
        ),
      };
    }
    return scalar(this.tmp(`fx.need(${local})`, "v"), t);
  }

  /** A let, computed once per indicator where first needed at the top level of the function. */
  private letValue(name: string, l: LetDef): FastV {
    const known = this.letValues.get(name);
    if (known) return known;
    this.comment(`let ${l.name} = ${exprText(l.value)}`);
    const v = this.expr(l.value);
    this.letValues.set(name, v);
    return v;
  }

  private locals = new Map<string, FastV>();

  /** Emits, at the current (top) level, every let `e` needs: a let first met inside a branch would be out of scope after it. */
  hoistLets(e: unknown): void {
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) {
        x.forEach(walk);
        return;
      }
      if (typeof x !== "object" || x === null) return;
      const node = x as { kind?: unknown; name?: { text?: unknown } };
      if (node.kind === "Ref" && typeof node.name?.text === "string") {
        const l = this.s.lets.get(node.name.text);
        if (l && !this.letValues.has(node.name.text) && !this.locals.has(node.name.text)) {
          walk(l.value);
          this.letValue(node.name.text, l);
        }
        return;
      }
      for (const [k, v] of Object.entries(x)) if (k !== "span") walk(v);
    };
    walk(e);
  }

  expr(e: A.Expr): FastV {
    switch (e.kind) {
      case "Number":
        return this.constant(literalValue(e));
      case "Bool":
        return { k: "bool", c: e.value ? "true" : "false" };
      case "String":
        return { k: "str", c: str(e.value) };
      case "Ref": {
        const name = e.name.text;
        const local = this.locals.get(name);
        if (local) return local;
        const l = this.s.lets.get(name);
        if (l) return this.letValue(name, l);
        const inp = this.s.inputs.get(name);
        if (inp) return this.input(name, inp);
        if (this.s.enumMembers.has(name)) return { k: "str", c: str(name) };
        throw new Unsupported(`reference ${name}`);
      }
      case "Unary": {
        if (e.op === "not") return { k: "bool", c: `!(${this.bool(e.operand)})` };
        const x = this.num(e.operand);
        if (x.c) return this.constant(x.c.neg());
        return { k: "num", n: this.tmp(`-${x.n}`), d: x.d, ...(x.b !== undefined ? { b: x.b } : {}) };
      }
      case "Binary":
        return this.binary(e);
      case "If": {
        const c = this.bool(e.cond);
        return this.unify([() => this.expr(e.then), () => this.expr(e.else)], [c, "true"]);
      }
      case "Each": {
        const items = this.list(e.iterable);
        return {
          k: "list",
          items: items.map((it) => {
            const saved = this.locals;
            this.locals = new Map(saved).set(e.variable.text, it);
            try {
              return this.expr(e.body);
            } finally {
              this.locals = saved;
            }
          }),
        };
      }
      case "Array":
        return { k: "list", items: e.elements.map((x) => this.expr(x)) };
      case "Range": {
        const from = constValue(e.from);
        const to = constValue(e.to);
        if (!from || !to) throw new Unsupported("range of unknown bounds");
        const items: FastV[] = [];
        for (let i = from; i.le(to); i = i.add(Exact.ONE)) {
          // Cut short, the list would be wrong: a long range stays on the generic path.
          if (items.length === MAX_UNROLLED) throw new Unsupported("a range of more than 256 numbers");
          items.push(this.constant(i));
        }
        return { k: "list", items };
      }
      case "Index": {
        const items = this.list(e.object);
        const i = this.num(e.index).c;
        if (!i || !i.isInteger()) throw new Unsupported("index not known at compile time");
        const v = items[Number(i.num) - 1];
        if (!v) throw new Unsupported("index out of range");
        return v;
      }
      case "Call":
        return this.call(e);
      case "Judged":
        return this.judged(e);
      case "Bands":
        return this.bands(e);
      case "Tiers":
        return this.tiers(e);
      case "DeductPer": {
        const points = this.constant(this.partPoints());
        const full = this.mulV(this.num(e.amount), this.num(e.count));
        if (!e.cap) return this.addSub("-", points, full);
        return deductAtMost(this, points, full, this.num(e.cap));
      }
      case "DeductBeyond":
        return e.mode || e.cap || e.direction === "off" ? stepDeduct(this, e) : this.deductBeyond(e);
      case "Member": {
        const o = this.expr(e.object);
        if (o.k !== "pair") throw new Unsupported("a record field");
        if (e.field.text === "目标") return o.target;
        if (e.field.text === "实际") return o.actual;
        throw new Unsupported("a record field");
      }
      case "Achievement":
        return achievement(this, e);
      case "Date": {
        const d = constValue(e);
        if (!d) throw new Unsupported("a date that is not a calendar date");
        return this.constant(d);
      }
      default:
        throw new Unsupported(e.kind);
    }
  }

  pickNum(xs: readonly NumV[], f: "min" | "max"): NumV {
    return this.pick(xs, f);
  }
  choose(branches: readonly (() => FastV)[], conds: readonly string[]): FastV {
    return this.unify(branches, conds);
  }
  arith(op: "+" | "-" | "*" | "/", l: NumV, r: NumV): NumV {
    if (op === "*") return this.mulV(l, r);
    if (op === "/") return this.divV(l, r);
    return this.addSub(op, l, r);
  }
  negate(x: NumV): NumV {
    if (x.c) return this.constant(x.c.neg());
    return { k: "num", n: this.tmp(`-${x.n}`), d: x.d, ...(x.b !== undefined ? { b: x.b } : {}) };
  }
  roundTo(x: NumV, f: "floor" | "ceil"): NumV {
    if (x.c) return this.constant(f === "floor" ? x.c.floor() : x.c.ceil());
    const d = typeof x.d === "bigint" ? safeLit(x.d) : x.d;
    const n = f === "floor" ? `fx.floor(${x.n}, ${d})` : `-fx.floor(-${x.n}, ${d})`;
    return { k: "num", n: this.tmp(n), d: 1n };
  }

  partPoints(): Exact {
    if (!this.part) throw new Unsupported("a part rule outside a part");
    return this.part.points;
  }

  private binary(e: A.BinaryExpr): FastV {
    if (e.op === "and" || e.op === "or") {
      const l = this.bool(e.left);
      const r = this.fresh("c");
      this.line(`let ${r} = ${l};`);
      this.line(e.op === "and" ? `if (${r}) {` : `if (!${r}) {`);
      this.block(() => this.line(`${r} = ${this.bool(e.right)};`));
      this.line("}");
      return { k: "bool", c: r };
    }
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    if (l.k === "num" && r.k === "num") {
      switch (e.op) {
        case "+":
        case "-":
          return this.addSub(e.op, l, r, e);
        case "*":
          return this.mulV(l, r, e);
        case "/":
          return this.divV(l, r, e);
        default:
          return { k: "bool", c: this.tmp(this.compare(e.op, l, r), "c") };
      }
    }
    if ((l.k === "str" && r.k === "str") || (l.k === "bool" && r.k === "bool")) {
      if (e.op === "=") return { k: "bool", c: `(${l.c} === ${r.c})` };
      if (e.op === "!=") return { k: "bool", c: `(${l.c} !== ${r.c})` };
    }
    throw new Unsupported(`operator ${e.op} on ${l.k}`);
  }

  private args(e: A.CallExpr): readonly FastV[] {
    const first = e.args[0];
    if (e.args.length === 1 && first && this.s.info.get(first)?.type.kind === "array") return this.list(first);
    return e.args.map((a) => this.expr(a));
  }

  private pick(xs: readonly FastV[], f: "min" | "max"): NumV {
    const nums = xs.map((x) => {
      if (x.k !== "num") throw new Unsupported("min/max of non-numbers");
      return x;
    });
    let acc = nums[0];
    if (!acc) throw new Unsupported("min/max of nothing");
    for (const x of nums.slice(1)) {
      const take = this.compare(f === "min" ? "<" : ">", x, acc);
      acc = this.unify([() => x, () => acc as NumV], [take, "true"]) as NumV;
    }
    return acc;
  }

  private sum(xs: readonly FastV[]): NumV {
    let acc: NumV = this.constant(Exact.ZERO);
    for (const x of xs) {
      if (x.k !== "num") throw new Unsupported("sum of non-numbers");
      acc = this.addSub("+", acc, x);
    }
    return acc;
  }

  private call(e: A.CallExpr): FastV {
    const name = builtin(e.callee.text);
    switch (name) {
      case "min":
      case "max":
        return this.pick(this.args(e), name);
      case "sum":
        return this.sum(this.args(e));
      case "mean": {
        const xs = this.args(e);
        if (xs.length === 0) throw new Unsupported("mean of nothing");
        return this.divV(this.sum(xs), this.constant(Exact.int(xs.length)));
      }
      case "count": {
        const xs = this.args(e);
        const terms = xs.map((x) => {
          if (x.k !== "bool") throw new Unsupported("count of non-conditions");
          return `(${x.c} ? 1 : 0)`;
        });
        return { k: "num", n: this.tmp(terms.join(" + ") || "0"), d: 1n, b: BigInt(terms.length) };
      }
      case "len":
        return this.constant(Exact.int(this.args(e).length));
      case "abs": {
        const x = this.num(e.args[0] as A.Expr);
        return { k: "num", n: this.tmp(`Math.abs(${x.n})`), d: x.d, ...(x.b !== undefined ? { b: x.b } : {}) };
      }
      case "floor":
      case "ceil": {
        const x = this.num(e.args[0] as A.Expr);
        if (x.c) return this.constant(name === "floor" ? x.c.floor() : x.c.ceil());
        const d = typeof x.d === "bigint" ? safeLit(x.d) : x.d;
        const n = name === "floor" ? `fx.floor(${x.n}, ${d})` : `-fx.floor(-${x.n}, ${d})`;
        return { k: "num", n: this.tmp(n), d: 1n };
      }
      case "round": {
        const x = this.num(e.args[0] as A.Expr);
        const digits = e.args[1] ? constValue(e.args[1]) : undefined;
        const k = digits ? Number(digits.num) : 0;
        const mode = roundingModeArg(e.args[2]) ?? "half-up";
        if (x.c) return this.constant(x.c.round(k, mode));
        const d = typeof x.d === "bigint" ? safeLit(x.d) : x.d;
        return { k: "num", n: this.tmp(`fx.round(${x.n}, ${d}, ${k}, ${str(mode)})`), d: 10n ** BigInt(k) };
      }
      case "clamp": {
        const [x, lo, hi] = e.args.map((a) => this.num(a));
        if (!x || !lo || !hi) throw new Unsupported("clamp arity");
        return this.pick([this.pick([x, lo], "max"), hi], "min");
      }
      default:
        throw new Unsupported(`call ${e.callee.text}`);
    }
  }

  private bandTest(x: NumV, c: A.BandCondition): string {
    if (c.kind === "otherwise") return "true";
    if (c.kind === "compare") return this.compare(c.op, x, this.num(c.value));
    const lo = this.compare(c.interval.loClosed ? ">=" : ">", x, this.num(c.interval.lo));
    const hi = this.compare(c.interval.hiClosed ? "<=" : "<", x, this.num(c.interval.hi));
    return `${lo} && ${hi}`;
  }

  private bands(e: A.BandsExpr): FastV {
    this.comment(`bands ${exprText(e.subject)}`);
    const x = this.num(e.subject);
    const conds = e.arms.map((a) => this.bandTest(x, a.cond));
    return this.unify(
      e.arms.map((a) => () => this.expr(a.value)),
      conds,
    );
  }

  private tiers(e: A.TiersExpr): FastV {
    const x = this.expr(e.subject);
    if (x.k !== "str") throw new Unsupported("tiers of a non-member");
    if (e.scale) {
      const values = scaleValues(this.s.scales?.get(e.scale.text)?.arms ?? [], this.partPoints());
      return this.unify(
        values.map((v) => () => this.constant(v.value)),
        values.map((v) => (v.member !== undefined ? `${x.c} === ${str(v.member)}` : "true")),
      );
    }
    return this.unify(
      e.arms.map((a) => () => this.expr(a.value)),
      e.arms.map((a) => (a.member ? `${x.c} === ${str(a.member.text)}` : "true")),
    );
  }

  /** The judgement of the part, within the interval `b` (in points) that applies here. */
  private judgement(b: { lo: Exact; hi: Exact; loClosed: boolean; hiClosed: boolean }, deduction: boolean): NumV {
    const k = this.part?.judged;
    if (k === undefined) throw new Unsupported("judged outside a judged part");
    const D = this.s.judgedDen;
    const full = deduction ? b.lo : b.hi;
    const fullClosed = deduction ? b.loClosed : b.hiClosed;
    const fullScaled = full.mul(Exact.of(D));
    const j = this.fresh("j");
    // `judge rest full` gives the best the interval allows: its maximum (a deduction's least).
    const fallback =
      fullClosed && fullScaled.isInteger() ? `(v.full ? ${safeLit(fullScaled.num)} : fx.bail())` : "fx.bail()";
    this.line(`const ${j} = v.j[${k}] ?? ${fallback};`);
    const me: NumV = { k: "num", n: j, d: D };
    const lo = this.compare(b.loClosed ? "<" : "<=", me, this.constant(b.lo));
    const hi = this.compare(b.hiClosed ? ">" : ">=", me, this.constant(b.hi));
    this.line(`if (${lo} || ${hi}) fx.bail();`);
    return me;
  }

  private judged(e: A.JudgedExpr): FastV {
    const points = this.partPoints();
    if (e.verdict) {
      // The interval of the verdict's member applies; a member without one is an error (generic path).
      const subject = this.expr(e.verdict.subject);
      if (subject.k !== "str") throw new Unsupported("a verdict that is not a member");
      const arms = e.verdict.scale ? (this.s.scales?.get(e.verdict.scale.text)?.arms ?? []) : e.verdict.arms;
      return this.unify(
        arms.map((a) => () => {
          const b = (a.interval && pointsInterval(a.interval, points)) || {
            lo: Exact.ZERO,
            hi: points,
            loClosed: true,
            hiClosed: true,
          };
          return this.judgement(b, false);
        }),
        arms.map((a) => (a.member ? `${subject.c} === ${str(a.member.text)}` : "true")),
      );
    }
    const iv = e.bounds ? pointsInterval(e.bounds, points) : undefined;
    const b = iv || { lo: Exact.ZERO, hi: points, loClosed: true, hiClosed: true };
    if (!e.deduction) return this.judgement(b, false);
    const when = this.bool(e.deduction.when);
    return this.unify(
      [() => this.addSub("-", this.constant(points), this.judgement(b, true)), () => this.constant(points)],
      [when, "true"],
    );
  }

  private deductBeyond(e: A.DeductBeyondExpr): FastV {
    if (e.mode || e.cap || e.direction === "off") throw new Unsupported("stepped deduction");
    const points = this.constant(this.partPoints());
    const amount = this.num(e.amount);
    const step = this.num(e.step);
    const x = this.num(e.subject);
    const t = this.num(e.threshold);
    if (step.c?.isZero()) throw new Unsupported("zero step");
    if (!step.c) this.line(`if (${step.n} === 0) fx.bail();`);
    const beyond = e.direction === "over" ? this.addSub("-", x, t) : this.addSub("-", t, x);
    const over = this.compare(">", beyond, this.constant(Exact.ZERO));
    return this.unify(
      [() => this.addSub("-", points, this.mulV(amount, this.divV(beyond, step))), () => points],
      [over, "true"],
    );
  }
}

function cmpOp(c: number, op: string): boolean {
  switch (op) {
    case "===":
      return c === 0;
    case "!==":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

function tsOf(t: ValueType): string {
  return t.kind === "num" ? "number" : t.kind === "bool" ? "boolean" : "string";
}
