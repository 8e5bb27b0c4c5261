/**
 * JSON text to values for department input, stricter than JSON.parse where
 * JSON.parse loses something silently:
 *   - a number is read from its text: when a double holds exactly the value
 *     written it is a JS number, otherwise (`0.89999999999999999`, `1e400`)
 *     it is kept as its text, which the validator reads exactly;
 *   - a key given twice in one object is an error, not "the last one wins";
 *   - a `__proto__` key is an error (assigned to an object it would be lost);
 *   - nesting deeper than MAX_DEPTH is an error, not a stack overflow.
 * Errors name the file line.
 */
import type { Text } from "../../runtime/report.js";

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Text };

/** Objects and arrays nested deeper than this are refused. */
export const MAX_DEPTH = 200;

class Fail {
  constructor(
    readonly at: number,
    readonly zh: string,
    readonly en: string,
  ) {}
}

/** Sign, significant digits and exponent: equal keys mean equal values. */
function decimalKey(s: string): string | undefined {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[3] ?? "";
  let digits = `${m[2] ?? ""}${frac}`.replace(/^0+/, "");
  let exp = Number(m[4] ?? "0") - frac.length;
  const trimmed = digits.replace(/0+$/, "");
  exp += digits.length - trimmed.length;
  digits = trimmed;
  if (digits === "") return "0";
  return `${m[1]}${digits}e${exp}`;
}

/** A JS number when it is exactly the value written, else the text itself. */
export function jsonNumber(text: string): number | string {
  const n = Number(text);
  const shortest = String(n);
  if (shortest === text) return n;
  if (Number.isFinite(n) && decimalKey(shortest) === decimalKey(text)) return n;
  return text;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  private unexpected(): Fail {
    if (this.i >= this.s.length) return new Fail(this.i, "JSON 不完整（意外结束）", "unexpected end of JSON");
    const ch = JSON.stringify(this.s[this.i]);
    return new Fail(this.i, `JSON 中意外的字符 ${ch}`, `unexpected character ${ch} in JSON`);
  }

  document(): unknown {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.i < this.s.length) throw this.unexpected();
    return v;
  }

  private value(depth: number): unknown {
    const c = this.s[this.i];
    if (c === "{" || c === "[") {
      if (depth >= MAX_DEPTH)
        throw new Fail(this.i, `JSON 嵌套超过 ${MAX_DEPTH} 层`, `JSON nested more than ${MAX_DEPTH} levels deep`);
      return c === "{" ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return this.string();
    if (c === "t" && this.s.startsWith("true", this.i)) return ((this.i += 4), true);
    if (c === "f" && this.s.startsWith("false", this.i)) return ((this.i += 5), false);
    if (c === "n" && this.s.startsWith("null", this.i)) return ((this.i += 4), null);
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m) {
      this.i += m[0].length;
      return jsonNumber(m[0]);
    }
    throw this.unexpected();
  }

  private object(depth: number): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.s[this.i] === "}") return (this.i++, o);
    for (;;) {
      if (this.s[this.i] !== '"') throw this.unexpected();
      const at = this.i;
      const k = this.string();
      if (k === "__proto__") throw new Fail(at, "不允许使用键「__proto__」", "the key '__proto__' is not allowed");
      if (Object.prototype.hasOwnProperty.call(o, k))
        throw new Fail(
          at,
          `键「${k}」重复出现（同一对象中每个键只能出现一次）`,
          `duplicate key '${k}' (each key may appear once in an object)`,
        );
      this.ws();
      if (this.s[this.i] !== ":") throw this.unexpected();
      this.i++;
      this.ws();
      o[k] = this.value(depth);
      this.ws();
      const c = this.s[this.i];
      if (c === "}") return (this.i++, o);
      if (c !== ",") throw this.unexpected();
      this.i++;
      this.ws();
    }
  }

  private array(depth: number): unknown[] {
    const a: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === "]") return (this.i++, a);
    for (;;) {
      a.push(this.value(depth));
      this.ws();
      const c = this.s[this.i];
      if (c === "]") return (this.i++, a);
      if (c !== ",") throw this.unexpected();
      this.i++;
      this.ws();
    }
  }

  private string(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = "";
    let from = i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (Number.isNaN(c)) throw new Fail(this.i, "字符串没有结束的引号", "unterminated string");
      if (c === 34) break;
      if (c < 0x20) throw new Fail(i, "字符串中有未转义的控制字符", "unescaped control character in a string");
      if (c !== 92) {
        i++;
        continue;
      }
      out += s.slice(from, i);
      const e = s[i + 1] ?? "";
      if (e === "u") {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail(i, "无效的 \\u 转义", "invalid \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const r = ESCAPES[e];
        if (r === undefined) throw new Fail(i, `无效的转义 \\${e}`, `invalid escape \\${e}`);
        out += r;
        i += 2;
      }
      from = i;
    }
    out += s.slice(from, i);
    this.i = i + 1;
    return out;
  }
}

/** Parses `text`, whose first character is on file line `line`. */
export function parseJson(text: string, line: number): JsonParse {
  try {
    return { ok: true, value: new Parser(text).document() };
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    let at = line;
    for (let k = text.indexOf("\n"); k >= 0 && k < e.at; k = text.indexOf("\n", k + 1)) at++;
    return {
      ok: false,
      error: { zh: `JSON 格式错误（文件第 ${at} 行）：${e.zh}`, en: `invalid JSON (line ${at}): ${e.en}` },
    };
  }
}
