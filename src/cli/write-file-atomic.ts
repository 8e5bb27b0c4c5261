/**
 * Writing a file so that it is either the old contents or the new, never a
 * part of either: the bytes go to a temporary file in the target's own
 * directory (the same file system, so the rename is atomic), are flushed to
 * the disk, and the temporary file is then renamed over the target. On any
 * failure — a full disk, a read-only directory — the target is left as it
 * was and the temporary file is removed. A reader running at the same time
 * sees the old file or the new one, never an empty or half-written one.
 *
 * No dependency (write-file-atomic and the like) for this: the few calls
 * below are the whole job, and tests need to fail them one by one.
 */
import * as fs from "node:fs";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";

/** The file-system calls made here. Tests replace one to simulate a full disk (ENOSPC) or a failed rename. */
export const fsCalls = {
  openSync: fs.openSync,
  writeSync: (fd: number, bytes: Uint8Array, offset: number, length: number): number =>
    fs.writeSync(fd, bytes, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  createWriteStream: (path: string): Writable => fs.createWriteStream(path),
};

/**
 * Where the bytes really go: through a symbolic link to the file it names
 * (replacing the link with a file would cut it), else the path itself. A
 * device or a pipe (`-o /dev/stdout`) is written directly: it cannot be
 * replaced, and renaming over `/dev/null` would be a disaster.
 */
interface Target {
  readonly path: string;
  /** The existing file's permissions and owner, which the replacement keeps. */
  readonly existing: { mode: number; uid: number; gid: number } | undefined;
  readonly special: boolean;
}

function targetOf(path: string): Target {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    // A link to a file not yet there: the file is created where it points.
    const link = fs.lstatSync(path, { throwIfNoEntry: false });
    const to = link?.isSymbolicLink() ? resolve(dirname(path), fs.readlinkSync(path)) : path;
    return { path: to, existing: undefined, special: false };
  }
  if (st.isDirectory())
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
      code: "EISDIR",
      path,
    });
  // `/dev/stdout` leads to a pipe that has no path of its own: a device or pipe is opened by the name given.
  if (!st.isFile()) return { path, existing: undefined, special: true };
  return {
    path: fs.realpathSync(path),
    existing: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid },
    special: false,
  };
}

/** Gives the new file the old one's permissions and, where allowed (the owner or root), its owner. */
function keepAttributes(fd: number, target: Target): void {
  if (!target.existing) return;
  fs.fchmodSync(fd, target.existing.mode);
  try {
    fs.fchownSync(fd, target.existing.uid, target.existing.gid);
  } catch {
    /* only root may give a file away: then it stays the writer's */
  }
}

/** A fresh name beside `target`, short so that it fits wherever the target's name fits. */
function temporaryBeside(target: string): string {
  return join(dirname(target), `.rubric-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
}

function removeQuietly(path: string): void {
  try {
    fsCalls.unlinkSync(path);
  } catch {
    /* already gone, or never created */
  }
}

/** Flushes the directory entry of a rename too; not every system allows opening a directory, so failures are ignored. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/** Replaces `path` with `data`, atomically. Throws the system error (with its `code`) and leaves `path` untouched on failure. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const target = targetOf(path);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  if (target.special) {
    fs.writeFileSync(target.path, bytes);
    return;
  }
  const tmp = temporaryBeside(target.path);
  let fd: number | undefined;
  try {
    fd = fsCalls.openSync(tmp, "wx", target.existing?.mode ?? 0o666);
    // Set explicitly: the umask applied by `openSync` could narrow an existing file's permissions.
    keepAttributes(fd, target);
    let done = 0;
    while (done < bytes.length) done += fsCalls.writeSync(fd, bytes, done, bytes.length - done);
    fsCalls.fsyncSync(fd);
    fsCalls.closeSync(fd);
    fd = undefined;
    fsCalls.renameSync(tmp, target.path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the write error is the one to report */
      }
    }
    removeQuietly(tmp);
    throw e;
  }
  syncDirectory(dirname(target.path));
}

/** An output file written as a stream: nothing replaces the target until `commit`. */
export interface AtomicOutput {
  readonly stream: Writable;
  /** Waits for the stream to finish, flushes it to the disk and renames it over the target. Throws (target untouched) on failure. */
  commit(): Promise<void>;
  /** Drops what was written; the target is left as it was. */
  abort(): Promise<void>;
}

async function closed(stream: Writable): Promise<void> {
  if (stream.closed || stream.destroyed) return;
  await once(stream, "close").catch(() => undefined);
}

/** Opens a temporary file beside `path` for streaming; rejects (with the system error) if it cannot be created. */
export async function openAtomicOutput(path: string): Promise<AtomicOutput> {
  const target = targetOf(path);
  if (target.special) return directOutput(target.path);
  const tmp = temporaryBeside(target.path);
  const stream = fsCalls.createWriteStream(tmp);
  let failure: Error | undefined;
  // Later failures (a full disk) also reject the pending write; this keeps the first for `commit`.
  stream.on("error", (e: Error) => {
    failure ??= e;
  });
  try {
    await once(stream, "open");
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  return {
    stream,
    async commit() {
      try {
        if (!stream.writableEnded) stream.end();
        if (!stream.writableFinished && !failure) await once(stream, "finish");
        await closed(stream);
        if (failure) throw failure;
        const fd = fsCalls.openSync(tmp, "r+");
        try {
          keepAttributes(fd, target);
          fsCalls.fsyncSync(fd);
        } finally {
          fsCalls.closeSync(fd);
        }
        fsCalls.renameSync(tmp, target.path);
      } catch (e) {
        stream.destroy();
        await closed(stream);
        removeQuietly(tmp);
        throw failure ?? e;
      }
      syncDirectory(dirname(target.path));
    },
    async abort() {
      stream.destroy();
      await closed(stream);
      removeQuietly(tmp);
    },
  };
}

/** A device or a pipe: written in place, nothing to rename. */
async function directOutput(path: string): Promise<AtomicOutput> {
  const stream = fs.createWriteStream(path);
  let failure: Error | undefined;
  stream.on("error", (e: Error) => {
    failure ??= e;
  });
  await once(stream, "open");
  return {
    stream,
    async commit() {
      if (!stream.writableEnded) stream.end();
      if (!stream.writableFinished && !failure) await once(stream, "finish");
      await closed(stream);
      if (failure) throw failure;
    },
    async abort() {
      stream.destroy();
      await closed(stream);
    },
  };
}
