/**
 * A zip archive held in memory (a file dropped into the browser), inflated
 * with the platform's DecompressionStream — no node:zlib, so the playground's
 * worker reads XLSX with the same reader as `rubric score`.
 */
import type { ZipSource } from "./zip-read.js";

const CHUNK = 64 * 1024;

export function zipBytes(bytes: Uint8Array): ZipSource {
  return {
    size: () => Promise.resolve(bytes.length),
    read: (offset, length) => Promise.resolve(bytes.subarray(Math.max(0, offset), Math.max(0, offset + length))),
    async *stream(start, length, deflated) {
      const data = bytes.subarray(start, start + length);
      if (!deflated) {
        for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
        return;
      }
      const inflate = new DecompressionStream("deflate-raw");
      const writer = inflate.writable.getWriter();
      // A copy: the stream may take over the buffer it is given, and `bytes` must stay readable.
      // A write or close fails only with damaged data, which the reader below reports.
      writer
        .write(data.slice())
        .then(() => writer.close())
        .catch(() => undefined);
      const reader: ReadableStreamDefaultReader<Uint8Array> = inflate.readable.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}
