/**
 * A streaming XML scanner for the parts of SpreadsheetML that XLSX input
 * needs: start and end tags with their attributes, and text (entities and
 * CDATA decoded), fed in chunks and handed on as it comes, so memory stays
 * bounded by the longest tag. Namespace prefixes are dropped (`x:c` is `c`).
 * Comments, processing instructions and DOCTYPE are skipped.
 */
import type { Text } from "../../runtime/report.js";

export interface XmlHandler {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(s: string): void;
}

export class XmlError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** A tag (with its attributes) longer than this is refused (1 MiB). */
const MAX_TAG = 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

const localName = (n: string): string => n.slice(n.indexOf(":") + 1);
const ATTR = /([^\s=/]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

export class XmlScanner {
  private buf = "";
  constructor(private readonly h: XmlHandler) {}

  push(chunk: string): void {
    this.buf += chunk;
    const s = this.buf;
    let i = 0;
    for (;;) {
      const lt = s.indexOf("<", i);
      if (lt < 0) {
        // Text up to the end, but not a possibly cut entity.
        const amp = s.lastIndexOf("&");
        const end = amp >= i && s.indexOf(";", amp) < 0 ? amp : s.length;
        if (end > i) this.h.text(decodeEntities(s.slice(i, end)));
        i = end;
        break;
      }
      if (lt > i) this.h.text(decodeEntities(s.slice(i, lt)));
      i = lt;
      let close: number;
      if (s.startsWith("<!--", i)) {
        close = s.indexOf("-->", i + 4);
        if (close < 0) break;
        i = close + 3;
        continue;
      }
      if (s.startsWith("<![CDATA[", i)) {
        close = s.indexOf("]]>", i + 9);
        if (close < 0) break;
        this.h.text(s.slice(i + 9, close));
        i = close + 3;
        continue;
      }
      close = s.indexOf(">", i);
      if (close < 0) break;
      const tag = s.slice(i + 1, close);
      i = close + 1;
      if (tag[0] === "?" || tag[0] === "!") continue;
      if (tag[0] === "/") {
        this.h.close(localName(tag.slice(1).trim()));
        continue;
      }
      const selfClosing = tag.endsWith("/");
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const sp = body.search(/\s/);
      const name = localName(sp < 0 ? body : body.slice(0, sp));
      const attrs: Record<string, string> = {};
      if (sp >= 0) {
        ATTR.lastIndex = sp;
        for (let m = ATTR.exec(body); m; m = ATTR.exec(body))
          attrs[localName(m[1] as string)] = decodeEntities(m[3] ?? m[4] ?? "");
      }
      this.h.open(name, attrs, selfClosing);
      if (selfClosing) this.h.close(name);
    }
    this.buf = s.slice(i);
    if (this.buf.length > MAX_TAG)
      throw new XmlError({
        zh: "XLSX 文件中的 XML 标记过长（超过 1 MiB），文件可能已损坏",
        en: "an XML tag in the XLSX file is longer than 1 MiB; the file may be damaged",
      });
  }
}
