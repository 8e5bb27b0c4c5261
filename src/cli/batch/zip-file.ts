/** A zip archive on disk, read with positioned reads and inflated with node:zlib as it streams. */
import { createReadStream, promises as fs } from "node:fs";
import { createInflateRaw } from "node:zlib";
import type { ZipSource } from "./zip-read.js";

export function zipFile(path: string): ZipSource {
  return {
    async size() {
      return (await fs.stat(path)).size;
    },
    async read(offset, length) {
      const fh = await fs.open(path, "r");
      try {
        const b = Buffer.alloc(length);
        const { bytesRead } = await fh.read(b, 0, length, offset);
        return b.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
    async *stream(start, length, deflated) {
      if (length === 0) return;
      const raw = createReadStream(path, { start, end: start + length - 1 });
      const source = deflated ? raw.pipe(createInflateRaw()) : raw;
      raw.on("error", (err) => source.destroy(err));
      try {
        for await (const chunk of source) yield chunk as Buffer;
      } finally {
        raw.destroy();
        source.destroy();
      }
    },
  };
}
