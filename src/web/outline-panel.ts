/** The outline panel: the language server's document symbols as a tree; a click puts the cursor on the name. */
import { el, replace } from "./dom.js";
import type { Lang } from "./panels.js";

/** The parts of an LSP DocumentSymbol the panel shows. */
export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly selectionRange: { readonly start: { readonly line: number; readonly character: number } };
  readonly children?: readonly OutlineSymbol[];
}

export function outlinePanel(
  target: Element,
  symbols: readonly OutlineSymbol[],
  lang: Lang,
  go: (at: { line: number; character: number }) => void,
): void {
  if (symbols.length === 0) {
    replace(
      target,
      el("p", { class: "muted" }, lang === "zh" ? "当前文件没有可列出的声明" : "nothing declared in this file"),
    );
    return;
  }
  const list = (xs: readonly OutlineSymbol[]): HTMLUListElement =>
    el(
      "ul",
      {},
      ...xs.map((s) => {
        const b = el(
          "button",
          { class: "symbol" },
          s.name,
          s.detail ? el("span", { class: "muted" }, ` ${s.detail}`) : null,
        );
        b.addEventListener("click", () => go(s.selectionRange.start));
        return el("li", {}, b, s.children?.length ? list(s.children) : null);
      }),
    );
  replace(target, el("nav", { class: "outline", "aria-label": lang === "zh" ? "大纲" : "Outline" }, list(symbols)));
}
