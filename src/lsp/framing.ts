/**
 * The LSP base protocol over a byte stream (`Content-Length: n\r\n\r\n` then
 * n bytes of JSON), read so that a broken frame costs that frame only.
 * vscode-jsonrpc's own reader stops for good after a bad header (`abc` as a
 * length, no length at all) and after a body shorter than its length; here
 * the reader resynchronises on the next `Content-Length:` header, and a body
 * that is not JSON is reported (the server answers it with -32700) instead of
 * being dropped silently.
 */
import type { Readable } from "node:stream";
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from "vscode-languageserver";

export type Frame =
  | { readonly message: Message }
  /** A body that is not a JSON-RPC message; `code` is -32700 (not JSON) or -32600 (not a request object). */
  | { readonly invalid: string; readonly code: -32700 | -32600 }
  /** A header block that had to be skipped. */
  | { readonly skipped: string };

const HEADER_END = Buffer.from("\r\n\r\n", "ascii");
const LENGTH = Buffer.from("content-length:", "ascii");
/** Far above any real message's header block: a longer run without one is not a header. */
const MAX_HEADER = 8192;

/** Where the next `Content-Length:` (any case) starts, at or after `from`; -1 if none. */
function nextLengthHeader(buf: Buffer, from: number): number {
  for (let i = from; i + LENGTH.length <= buf.length; i++) {
    let k = 0;
    while (k < LENGTH.length && ((buf[i + k] as number) | 0x20) === (LENGTH[k] as number)) k++;
    if (k === LENGTH.length) return i;
  }
  return -1;
}

/** Splits a byte stream into frames; feed it chunks as they arrive. */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private length = -1;

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Frame[] = [];
    for (;;) {
      if (this.length < 0) {
        const end = this.buf.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buf.length > MAX_HEADER) this.resync(out);
          return out;
        }
        const length = this.headerLength(this.buf.subarray(0, end).toString("latin1"));
        if (length === undefined) {
          this.resync(out);
          continue;
        }
        this.length = length;
        this.buf = this.buf.subarray(end + HEADER_END.length);
      }
      if (this.buf.length < this.length) return out;
      const body = this.buf.subarray(0, this.length).toString("utf8");
      this.buf = this.buf.subarray(this.length);
      this.length = -1;
      out.push(parseBody(body));
    }
  }

  /** The Content-Length of a well-formed header block, or undefined. */
  private headerLength(block: string): number | undefined {
    let length: number | undefined;
    for (const line of block.split("\r\n")) {
      const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!m) return undefined;
      if ((m[1] ?? "").toLowerCase() !== "content-length") continue;
      if (!/^\d{1,10}$/.test(m[2] ?? "")) return undefined;
      length = Number(m[2]);
    }
    return length;
  }

  /** Drops the bytes before the next `Content-Length:` header (all but a possible partial one if there is none). */
  private resync(out: Frame[]): void {
    const next = nextLengthHeader(this.buf, 1);
    const cut = next >= 0 ? next : Math.max(1, this.buf.length - LENGTH.length + 1);
    out.push({ skipped: this.buf.subarray(0, cut).toString("utf8").slice(0, 200) });
    this.buf = this.buf.subarray(cut);
  }
}

function parseBody(body: string): Frame {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { invalid: `Parse error: ${e instanceof Error ? e.message : String(e)}`, code: -32700 };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { invalid: "Invalid Request: a message is a JSON object", code: -32600 };
  return { message: value as Message };
}

/** A MessageReader over a node stream that survives broken frames; `onInvalid` answers or logs them. */
export class ResilientMessageReader extends AbstractMessageReader {
  constructor(
    private readonly readable: Readable,
    private readonly onInvalid: (frame: Exclude<Frame, { message: Message }>) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const decoder = new FrameDecoder();
    const onData = (chunk: Buffer): void => {
      for (const f of decoder.push(chunk)) {
        if ("message" in f) callback(f.message);
        else this.onInvalid(f);
      }
    };
    const onError = (e: Error): void => this.fireError(e);
    const onClose = (): void => this.fireClose();
    this.readable.on("data", onData);
    this.readable.on("error", onError);
    this.readable.on("close", onClose);
    this.readable.on("end", onClose);
    return Disposable.create(() => {
      this.readable.off("data", onData);
      this.readable.off("error", onError);
      this.readable.off("close", onClose);
      this.readable.off("end", onClose);
    });
  }
}
