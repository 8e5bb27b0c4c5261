/**
 * The symbol index of a snapshot: every place a rubric, input, let, enum,
 * enum member, group, indicator or part is declared or referred to, in every
 * document, resolved the way the front end resolves it (scopes for names,
 * unique suffixes for paths, the base rubric for modifications). Definition,
 * references, rename, hover and semantic tokens all read it.
 *
 * A symbol is identified by its declaration in the syntax tree, so an input
 * declared in a base file and used in a derived rubric's example is one
 * symbol across files.
 */
import type * as A from "../compiler/syntax/ast.js";
import { childNodes, isExpr, type AstNode } from "../compiler/syntax/locate.js";
import type { CheckedRubric } from "../compiler/program.js";
import type { PreparedExample } from "../compiler/examples/prepare.js";
import { parentOf, resolvePath, walkTree } from "../compiler/model/paths.js";
import type { AnyNode, RubricModel, TreeNode } from "../compiler/model/types.js";
import type { IndexSource } from "./index-source.js";

export type SymbolKind =
  "rubric" | "input" | "let" | "enum" | "member" | "group" | "indicator" | "part" | "scale" | "rule";

export interface RubricSymbol {
  readonly kind: SymbolKind;
  readonly name: string;
  /** The document and name token of the declaration. */
  readonly file: string;
  readonly nameSpan: A.Span;
  /** The whole declaration. */
  readonly declSpan: A.Span;
  /** The declaring syntax node: the symbol's identity. */
  readonly decl: object;
}

export interface Occurrence {
  readonly file: string;
  readonly span: A.Span;
  /** The name as written (a quoted name decoded). */
  readonly text: string;
  readonly symbol: RubricSymbol;
  readonly role: "declaration" | "reference";
  /** The rubric in whose terms the name was resolved. */
  readonly rubric?: CheckedRubric;
  /** For groups, indicators and parts: the node in that rubric. */
  readonly node?: AnyNode;
  /** Where it stands: an indicator's path, a let, an example's title. */
  readonly where?: string;
  /** Set when the occurrence is inside an example. */
  readonly example?: PreparedExample;
}

export class SymbolIndex {
  private readonly byFile = new Map<string, Occurrence[]>();
  private readonly bySymbol = new Map<RubricSymbol, Occurrence[]>();
  private sorted = false;

  add(o: Occurrence): void {
    const f = this.byFile.get(o.file) ?? [];
    f.push(o);
    this.byFile.set(o.file, f);
    const s = this.bySymbol.get(o.symbol) ?? [];
    s.push(o);
    this.bySymbol.set(o.symbol, s);
    this.sorted = false;
  }

  private sort(): void {
    if (this.sorted) return;
    for (const list of this.byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
    this.sorted = true;
  }

  /** The occurrence under `offset` (a cursor just after a name counts). */
  at(file: string, offset: number): Occurrence | undefined {
    this.sort();
    const list = this.byFile.get(file) ?? [];
    // The last occurrence starting at or before the offset (names never overlap).
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Occurrence).span.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Several occurrences may share a start (a name that is both a reference and a declaration): take the first.
    while (found > 0 && (list[found - 1] as Occurrence).span.start === (list[found] as Occurrence).span.start) found--;
    const o = list[found];
    return o && offset <= o.span.end ? o : undefined;
  }

  inFile(file: string): readonly Occurrence[] {
    this.sort();
    return this.byFile.get(file) ?? [];
  }

  occurrences(sym: RubricSymbol): readonly Occurrence[] {
    return this.bySymbol.get(sym) ?? [];
  }

  declaration(sym: RubricSymbol): Occurrence | undefined {
    return this.occurrences(sym).find((o) => o.role === "declaration");
  }
}

type TreeDecl = A.GroupDecl | A.IndicatorDecl | A.PartDecl;
type NodeDecl = TreeDecl | A.ReplaceDecl | A.ScoreDecl;

interface Scope {
  readonly file: string;
  readonly checked?: CheckedRubric;
  /** Indicator lets visible here, by name. */
  readonly lets: ReadonlyMap<string, A.LetDecl>;
  readonly locals: ReadonlySet<string>;
  readonly where?: string;
  readonly example?: PreparedExample;
}

const isName = (n: AstNode): n is A.Name => typeof (n as { text?: unknown }).text === "string" && !("kind" in n);

export function buildIndex(snap: IndexSource): SymbolIndex {
  return new IndexBuilder(snap).build();
}

class IndexBuilder {
  readonly index = new SymbolIndex();
  private readonly symbols = new Map<object, RubricSymbol>();
  /** Declarations that model nodes point at, by file and span start. */
  private readonly nodeDecls = new Map<string, Map<number, NodeDecl>>();
  private readonly replaceOwner = new Map<A.ReplaceDecl, A.RubricDecl>();
  private readonly nodeMaps = new Map<RubricModel, Map<RubricSymbol, AnyNode>>();

  constructor(private readonly snap: IndexSource) {}

  build(): SymbolIndex {
    for (const doc of this.snap.program.documents.values()) this.collectDecls(doc.file, doc.ast);
    for (const doc of this.snap.program.documents.values()) {
      for (const item of doc.ast.items) {
        if (item.kind === "Rubric") this.rubric(doc.file, item);
        else this.example(doc.file, item, undefined);
      }
    }
    return this.index;
  }

  // ---- symbols ----

  private symbol(kind: SymbolKind, file: string, name: A.Name, decl: object, declSpan: A.Span): RubricSymbol {
    let s = this.symbols.get(decl);
    if (!s) {
      s = { kind, name: name.text, file, nameSpan: name.span, declSpan, decl };
      this.symbols.set(decl, s);
    }
    return s;
  }

  private treeSymbol(file: string, d: TreeDecl): RubricSymbol {
    return this.symbol(
      d.kind === "Group" ? "group" : d.kind === "Indicator" ? "indicator" : "part",
      file,
      d.name,
      d,
      d.span,
    );
  }

  private collectDecls(file: string, root: object): void {
    const map = this.nodeDecls.get(file) ?? new Map<number, NodeDecl>();
    this.nodeDecls.set(file, map);
    const visit = (n: object, rubric?: A.RubricDecl): void => {
      const k = (n as { kind?: string }).kind;
      if (k === "Group" || k === "Indicator" || k === "Part" || k === "Score" || k === "Replace") {
        const d = n as NodeDecl;
        if (!map.has(d.span.start) || k !== "Score") map.set(d.span.start, d);
        if (k === "Replace" && rubric) this.replaceOwner.set(d as A.ReplaceDecl, rubric);
      }
      if (isExpr(n)) return;
      for (const c of childNodes(n)) visit(c, k === "Rubric" ? (n as A.RubricDecl) : rubric);
    };
    visit(root);
  }

  /** The symbol of a model node: its declaration, following `replace` back to what it replaced. */
  nodeSymbol(node: AnyNode, model: RubricModel, depth = 0): RubricSymbol | undefined {
    if (depth > 50) return undefined;
    if (node.kind === "part" && node.implicit) {
      const owner = parentOf(model.groups, node);
      return owner ? this.nodeSymbol(owner, model, depth + 1) : undefined;
    }
    const d = this.nodeDecls.get(node.file)?.get(node.span.start);
    if (!d) return undefined;
    if (d.kind === "Group" || d.kind === "Indicator" || d.kind === "Part") return this.treeSymbol(node.file, d);
    if (d.kind === "Replace") {
      const ownerDecl = this.replaceOwner.get(d);
      const owner = ownerDecl ? this.snap.rubricOf(ownerDecl) : undefined;
      const base = owner?.model.base;
      if (base) {
        const r = resolvePath(
          base.groups,
          d.target.segments.map((s) => s.text),
        );
        if (r.kind === "found") return this.nodeSymbol(r.node, base, depth + 1);
      }
      const last = d.target.segments[d.target.segments.length - 1];
      return last ? this.symbol(node.kind === "group" ? "group" : "indicator", node.file, last, d, d.span) : undefined;
    }
    return undefined;
  }

  /** Model node of a symbol in a rubric (for hovering a declaration). */
  private nodeIn(model: RubricModel | undefined, sym: RubricSymbol): AnyNode | undefined {
    if (!model) return undefined;
    let m = this.nodeMaps.get(model);
    if (!m) {
      m = new Map();
      for (const n of walkTree(model.groups)) {
        const s = this.nodeSymbol(n, model);
        if (s && !m.has(s)) m.set(s, n);
      }
      this.nodeMaps.set(model, m);
    }
    return m.get(sym);
  }

  private add(o: Occurrence): void {
    if (o.span.end <= o.span.start && o.text === "") return;
    this.index.add(o);
  }

  private declare(
    sym: RubricSymbol,
    scope: Pick<Scope, "file" | "checked" | "where" | "example">,
    node?: AnyNode,
  ): void {
    this.add({
      file: scope.file,
      span: sym.nameSpan,
      text: sym.name,
      symbol: sym,
      role: "declaration",
      ...(scope.checked ? { rubric: scope.checked } : {}),
      ...(node ? { node } : {}),
      ...(scope.where ? { where: scope.where } : {}),
    });
  }

  private refer(
    name: A.Name,
    sym: RubricSymbol,
    scope: Pick<Scope, "file" | "checked" | "where" | "example">,
    node?: AnyNode,
  ): void {
    this.add({
      file: scope.file,
      span: name.span,
      text: name.text,
      symbol: sym,
      role: "reference",
      ...(scope.checked ? { rubric: scope.checked } : {}),
      ...(node ? { node } : {}),
      ...(scope.where ? { where: scope.where } : {}),
      ...(scope.example ? { example: scope.example } : {}),
    });
  }

  // ---- rubrics ----

  private findRubric(ref: A.RubricRef): CheckedRubric | undefined {
    const year = ref.year ? Number(ref.year.digits) : undefined;
    const same = this.snap.program.rubrics.filter((r) => r.model.name === ref.name.text);
    const exact = same.filter((r) => r.model.year === year);
    if (exact.length === 1) return exact[0];
    if (year === undefined && same.length === 1) return same[0];
    return undefined;
  }

  private rubricSymbol(decl: A.RubricDecl, file: string): RubricSymbol {
    return this.symbol("rubric", file, decl.name, decl, decl.span);
  }

  private rubric(file: string, decl: A.RubricDecl): void {
    const checked = this.snap.rubricOf(decl);
    const model = checked?.model;
    const scope: Scope = { file, ...(checked ? { checked } : {}), lets: new Map(), locals: new Set() };
    if (decl.name.text !== "") this.declare(this.rubricSymbol(decl, file), scope);
    if (decl.base) this.rubricRef(decl.base, scope);
    for (const item of decl.items) {
      switch (item.kind) {
        case "Enum": {
          const sym = this.symbol("enum", file, item.name, item, item.span);
          this.declare(sym, scope);
          for (const m of item.members) this.declare(this.symbol("member", file, m, m, m.span), scope);
          break;
        }
        case "Input": {
          this.declare(this.symbol("input", file, item.name, item, item.span), scope);
          this.typeRefs(item.type, scope);
          for (const c of item.constraints) this.exprs(c, { ...scope, where: item.name.text });
          break;
        }
        case "Let":
          this.declare(this.symbol("let", file, item.name, item, item.span), scope);
          this.expr(item.value, { ...scope, where: item.name.text });
          break;
        case "Group":
        case "Indicator":
          this.tree(item, scope, []);
          break;
        case "Rule":
          this.declare(this.symbol("rule", file, item.name, item, item.span), scope);
          this.expr(item.body, {
            ...scope,
            where: item.name.text,
            locals: new Set(item.params.map((p) => p.name.text)),
          });
          break;
        case "Meta":
        case "Rounding":
        case "Grades":
        case "Note":
          break;
        case "GradeCap":
          this.expr(item.cond, { ...scope, where: item.grade.text });
          break;
        case "Example":
          this.example(file, item, checked);
          break;
        case "Scale":
          this.declare(this.symbol("scale", file, item.name, item, item.span), scope);
          for (const arm of item.arms) {
            if (arm.member) this.member(arm.member, scope);
            this.exprs(arm, { ...scope, where: item.name.text });
          }
          break;
        default:
          this.modification(item, scope, model);
      }
    }
  }

  private rubricRef(ref: A.RubricRef, scope: Scope): void {
    const target = this.findRubric(ref);
    if (target) this.refer(ref.name, this.rubricSymbol(target.model.decl, target.model.file), scope);
  }

  private typeRefs(t: A.TypeExpr, scope: Scope): void {
    const model = scope.checked?.model;
    if (t.kind === "Named") {
      const e = model?.enums.get(t.name.text);
      if (e) this.refer(t.name, this.symbol("enum", e.file, e.decl.name, e.decl, e.decl.span), scope);
    } else if (t.kind === "Array") this.typeRefs(t.element, scope);
    else if (t.kind === "List") for (const f of t.fields) this.typeRefs(f.type, scope);
  }

  private tree(d: A.GroupDecl | A.IndicatorDecl, scope: Scope, prefix: readonly string[]): void {
    const sym = this.treeSymbol(scope.file, d);
    const path = [...prefix, d.name.text];
    const node = this.nodeIn(scope.checked?.model, sym);
    const where = (node?.path ?? path).join(".");
    this.declare(sym, { ...scope, where }, node);
    if (d.kind === "Group") {
      for (const c of d.children) this.tree(c, scope, path);
      return;
    }
    this.indicatorItems(d.items, { ...scope, where }, node?.path ?? path);
  }

  private indicatorItems(
    items: readonly (A.IndicatorItem | A.GroupDecl | A.IndicatorDecl)[],
    scope: Scope,
    path: readonly string[],
  ): void {
    const lets = new Map(scope.lets);
    for (const it of items) if (it.kind === "Let") lets.set(it.name.text, it);
    const inner: Scope = { ...scope, lets };
    for (const it of items) {
      switch (it.kind) {
        case "Let":
          this.declare(this.symbol("let", scope.file, it.name, it, it.span), inner);
          this.expr(it.value, inner);
          break;
        case "Part":
          this.part(it, inner);
          break;
        case "Checklist":
          for (const p of it.items) this.part(p, inner);
          break;
        case "Score":
        case "Adjust":
          this.expr(it.rule, inner);
          break;
        case "Exempt":
        case "Veto":
          this.expr(it.cond, inner);
          break;
        case "NotApplicable":
          this.expr(it.cond, inner);
          for (const t of it.targets) this.siblingRef(t, path, scope);
          break;
        case "Group":
        case "Indicator":
          this.tree(it, scope, path);
          break;
        case "Note":
          break;
      }
    }
  }

  private part(p: A.PartDecl, scope: Scope): void {
    const sym = this.treeSymbol(scope.file, p);
    this.declare(sym, scope, this.nodeIn(scope.checked?.model, sym));
    if (p.rule) this.expr(p.rule, scope);
  }

  // ---- paths ----

  /** Issue 11, kind 1: a sibling named by `… share … among A, B`, as a reference to that node. */
  private siblingRef(name: A.Name, indicatorPath: readonly string[], scope: Scope): void {
    const m = scope.checked?.model;
    if (!m) return;
    const r = resolvePath(m.groups, [...indicatorPath.slice(0, -1), name.text]);
    if (r.kind !== "found") return;
    const sym = this.nodeSymbol(r.node, m);
    if (sym) this.refer(name, sym, scope, r.node);
  }

  /** Resolves a path in `model` (or, failing that, in its base) and records a reference for every segment. */
  private pathRefs(path: A.Path, scope: Scope, model: RubricModel | undefined): AnyNode | undefined {
    if (!model || path.segments.length === 0) return undefined;
    const segs = path.segments.map((s) => s.text);
    for (const m of [model, model.base]) {
      if (!m) continue;
      const r = resolvePath(m.groups, segs);
      if (r.kind !== "found") continue;
      const node = r.node.kind === "part" && r.node.implicit ? (parentOf(m.groups, r.node) ?? r.node) : r.node;
      const chain = ancestry(m.groups, node);
      path.segments.forEach((seg, i) => {
        const n = chain[chain.length - path.segments.length + i];
        if (!n) return;
        const sym = this.nodeSymbol(n, m);
        if (sym) this.refer(seg, sym, scope, n);
      });
      return node;
    }
    return undefined;
  }

  private modification(m: A.Modification, scope: Scope, model: RubricModel | undefined): void {
    switch (m.kind) {
      case "Reweight": {
        const target = this.pathRefs(m.target, scope, model);
        if (target && model) this.reweightEntries(m.entries, target, scope, model);
        break;
      }
      case "Replace": {
        const target = this.pathRefs(m.target, scope, model);
        const path = target?.path ?? m.target.segments.map((s) => s.text);
        this.indicatorItems(m.items, { ...scope, where: path.join(".") }, path);
        break;
      }
      case "Add": {
        const parent = this.pathRefs(m.parent, scope, model);
        this.tree(m.decl, scope, parent?.path ?? m.parent.segments.map((s) => s.text));
        break;
      }
      case "Remove":
      case "Reword":
        this.pathRefs(m.target, scope, model);
        break;
      case "Rename": {
        const node = this.pathRefs(m.target, scope, model);
        const sym =
          node && model
            ? (this.nodeSymbol(node, model) ?? (model.base ? this.nodeSymbol(node, model.base) : undefined))
            : undefined;
        if (sym && m.to.text !== "") this.refer(m.to, sym, scope, node);
        break;
      }
    }
  }

  private reweightEntries(
    entries: readonly A.ReweightEntry[],
    parent: AnyNode,
    scope: Scope,
    model: RubricModel,
  ): void {
    const kids: readonly AnyNode[] =
      parent.kind === "group" ? parent.children : parent.kind === "indicator" ? parent.parts : [];
    for (const e of entries) {
      const child = kids.find((c) => c.name === e.name.text);
      if (!child) continue;
      const sym = this.nodeSymbol(child, model) ?? (model.base ? this.nodeSymbol(child, model.base) : undefined);
      if (sym) this.refer(e.name, sym, scope, child);
      this.reweightEntries(e.children, child, scope, model);
    }
  }

  // ---- examples ----

  private example(file: string, decl: A.ExampleDecl, owner: CheckedRubric | undefined): void {
    const prepared = this.snap.exampleOf(decl);
    const checked = prepared?.rubric ?? owner;
    const scope: Scope = {
      file,
      ...(checked ? { checked } : {}),
      lets: new Map(),
      locals: new Set(),
      where: decl.title.value,
      ...(prepared ? { example: prepared } : {}),
    };
    if (decl.target) this.rubricRef(decl.target, scope);
    const model = checked?.model;
    for (const item of decl.items) {
      switch (item.kind) {
        case "Given":
          for (const g of item.entries) {
            const input = model?.inputs.get(g.name.text);
            if (input)
              this.refer(g.name, this.symbol("input", input.file, input.decl.name, input.decl, input.decl.span), scope);
            this.givenValue(g.value, scope);
          }
          break;
        case "Judge":
        case "Override":
          if (item.target) this.pathRefs(item.target, scope, model);
          break;
        case "Expect":
          if (item.target.kind === "path") this.pathRefs(item.target.path, scope, model);
          break;
        case "Meta":
          break;
      }
    }
  }

  /** Names in a given value are enum members. */
  private givenValue(root: A.Expr, scope: Scope): void {
    const stack: A.Expr[] = [root];
    while (stack.length > 0) {
      const e = stack.pop() as A.Expr;
      if (e.kind === "Ref") this.member(e.name, scope);
      else for (const c of childNodes(e)) if (isExpr(c)) stack.push(c);
    }
  }

  private member(name: A.Name, scope: Scope, enumName?: string): boolean {
    const model = scope.checked?.model;
    if (!model) return false;
    const enums = enumName ? [model.enums.get(enumName)] : [...model.enums.values()];
    for (const en of enums) {
      const m = en?.decl.members.find((x) => x.text === name.text);
      if (en && m) {
        this.refer(name, this.symbol("member", en.file, m, m, m.span), scope);
        return true;
      }
    }
    return false;
  }

  // ---- expressions ----

  /** The expressions below a non-expression node (constraints, intervals). */
  private exprs(n: object, scope: Scope): void {
    for (const c of childNodes(n)) {
      if (isExpr(c)) this.expr(c, scope);
      else if (!isName(c)) this.exprs(c, scope);
    }
  }

  /**
   * Walks an expression with an explicit stack: a sum of thousands of terms
   * is a tree thousands deep, which the front end accepts.
   */
  private expr(root: A.Expr, rootScope: Scope): void {
    const stack: { n: object; scope: Scope }[] = [{ n: root, scope: rootScope }];
    while (stack.length > 0) {
      const { n, scope } = stack.pop() as { n: object; scope: Scope };
      if (!isExpr(n)) {
        for (const c of childNodes(n)) if (!isName(c)) stack.push({ n: c, scope });
        continue;
      }
      const e = n;
      switch (e.kind) {
        case "Ref":
          this.ref(e.name, scope);
          break;
        case "Each":
          stack.push({ n: e.iterable, scope });
          stack.push({ n: e.body, scope: { ...scope, locals: new Set([...scope.locals, e.variable.text]) } });
          break;
        case "Judged":
          if (e.verdict) {
            const t = scope.checked?.analysis.info.get(e.verdict.subject)?.type;
            for (const arm of e.verdict.arms)
              if (arm.member) this.member(arm.member, scope, t?.kind === "enum" ? t.name : undefined);
            if (e.verdict.scale) this.scaleRef(e.verdict.scale, scope);
          }
          for (const c of childNodes(e)) if (!isName(c)) stack.push({ n: c, scope });
          break;
        case "Call": {
          const rule = scope.checked?.model.rules.get(e.callee.text);
          if (rule)
            this.refer(e.callee, this.symbol("rule", rule.file, rule.decl.name, rule.decl, rule.decl.span), scope);
          for (const a of e.args) stack.push({ n: a, scope });
          break;
        }
        case "Tiers": {
          if (e.scale) this.scaleRef(e.scale, scope);
          stack.push({ n: e.subject, scope });
          const t = scope.checked?.analysis.info.get(e.subject)?.type;
          for (const arm of e.arms) {
            if (arm.member) this.member(arm.member, scope, t?.kind === "enum" ? t.name : undefined);
            stack.push({ n: arm.value, scope });
          }
          break;
        }
        default:
          for (const c of childNodes(e)) if (!isName(c)) stack.push({ n: c, scope });
      }
    }
  }

  private scaleRef(name: A.Name, scope: Scope): void {
    const s = scope.checked?.model.scales.get(name.text);
    if (s) this.refer(name, this.symbol("scale", s.file, s.decl.name, s.decl, s.decl.span), scope);
  }

  private ref(name: A.Name, scope: Scope): void {
    if (scope.locals.has(name.text)) return;
    const local = scope.lets.get(name.text);
    if (local) {
      this.refer(name, this.symbol("let", scope.file, local.name, local, local.span), scope);
      return;
    }
    const model = scope.checked?.model;
    if (!model) return;
    const let_ = model.lets.get(name.text);
    if (let_) {
      this.refer(name, this.symbol("let", let_.file, let_.decl.name, let_.decl, let_.decl.span), scope);
      return;
    }
    const input = model.inputs.get(name.text);
    if (input) {
      this.refer(name, this.symbol("input", input.file, input.decl.name, input.decl, input.decl.span), scope);
      return;
    }
    this.member(name, scope);
  }
}

/** The nodes from the top of the tree down to `node`. */
export function ancestry(groups: readonly TreeNode[], node: AnyNode): AnyNode[] {
  const find = (nodes: readonly AnyNode[], trail: AnyNode[]): AnyNode[] | undefined => {
    for (const n of nodes) {
      const t = [...trail, n];
      if (n === node) return t;
      const kids: readonly AnyNode[] = n.kind === "group" ? n.children : n.kind === "indicator" ? n.parts : [];
      const r = find(kids, t);
      if (r) return r;
    }
    return undefined;
  };
  return find(groups, []) ?? [node];
}
