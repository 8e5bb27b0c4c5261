/**
 * Every file the CLI writes (`fmt` in place, `compile -o`, `score -o`) is
 * replaced whole or not at all: a full disk leaves the old bytes and no
 * temporary file behind, and a reader running at the same time never sees
 * an empty or partial file.
 */
import * as fs from "node:fs";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mainAsync } from "../../src/cli/main.js";
import { fsCalls, writeFileAtomic } from "../../src/cli/write-file-atomic.js";
import { score } from "../batch/helpers.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // As bin/rubric.js does: an exception is an internal error, exit 70.
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false }).catch(
    () => 70,
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const scratch = (): string => mkdtempSync(join(tmpdir(), "rubric-atomic-"));
const enospc = (): NodeJS.ErrnoException =>
  Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

/** The disk fills up after `room` bytes: the first write goes partly through, the next fails, as on a real full disk. */
function diskFullAfter(room: number): void {
  let left = room;
  vi.spyOn(fsCalls, "writeSync").mockImplementation((fd, bytes, offset, length) => {
    if (left <= 0) throw enospc();
    const n = Math.min(left, length);
    left -= n;
    return fs.writeSync(fd, bytes, offset, n);
  });
}

const untidy = "rubric T{total 1\n group a 1{indicator b 1{score=judged}}}\n";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("writeFileAtomic", () => {
  it("on a full disk leaves the original byte-identical and removes its temporary file", () => {
    const dir = scratch();
    const file = join(dir, "a.txt");
    const original = Buffer.from("old contents\r\n\u00e9\n");
    writeFileSync(file, original);
    diskFullAfter(10);
    expect(() => writeFileAtomic(file, "x".repeat(100_000))).toThrow(/ENOSPC/);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });

  it("a failed rename leaves the original and no temporary file", () => {
    const dir = scratch();
    const file = join(dir, "a.txt");
    writeFileSync(file, "old");
    vi.spyOn(fsCalls, "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EACCES: permission denied, rename"), { code: "EACCES" });
    });
    expect(() => writeFileAtomic(file, "new")).toThrow(/EACCES/);
    expect(readFileSync(file, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });

  it("keeps the file's permissions and writes through a symbolic link, not over it", () => {
    const dir = scratch();
    const real = join(dir, "real.txt");
    writeFileSync(real, "old");
    fs.chmodSync(real, 0o640);
    fs.symlinkSync("real.txt", join(dir, "link.txt"));
    writeFileAtomic(join(dir, "link.txt"), "new");
    expect(fs.lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("new");
    expect(fs.statSync(real).mode & 0o777).toBe(0o640);
  });

  it.runIf(process.getuid?.() === 0)("keeps the file's owner (when run as root, who can give files away)", () => {
    const file = join(scratch(), "owned.txt");
    writeFileSync(file, "old");
    fs.chownSync(file, 1234, 4321);
    writeFileAtomic(file, "new");
    expect([fs.statSync(file).uid, fs.statSync(file).gid]).toEqual([1234, 4321]);
  });

  it("a concurrent reader sees the old file or the new one, never a part", async () => {
    const dir = scratch();
    const file = join(dir, "big.txt");
    // Two versions of different sizes: a reader catching a write half-way sees a length that is neither.
    const a = "a".repeat(3_000_000);
    const b = "b".repeat(2_000_000);
    writeFileSync(file, a);
    const reader = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("fs"); const seen = new Set(); const end = Date.now() + 1500; let n = 0;
         while (Date.now() < end) { try { seen.add(fs.readFileSync(process.argv[1]).length); n++; } catch (e) { seen.add(e.code); } }
         process.stdout.write(JSON.stringify({ seen: [...seen], n }));`,
        file,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    reader.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => reader.on("close", () => resolve()));
    let i = 0;
    const writer = setInterval(() => writeFileAtomic(file, i++ % 2 === 0 ? b : a), 5);
    await exited;
    clearInterval(writer);
    const result = JSON.parse(out) as { seen: (number | string)[]; n: number };
    expect(result.n).toBeGreaterThan(0);
    expect(i).toBeGreaterThan(10);
    for (const size of result.seen) expect([a.length, b.length]).toContain(size);
  }, 20_000);
});

describe("commands writing files on a full disk", () => {
  it("rubric fmt leaves the rubric byte-identical, with no temporary file", async () => {
    const dir = scratch();
    const file = join(dir, "a.rubric");
    writeFileSync(file, untidy);
    diskFullAfter(20);
    const r = await run("fmt", "--lang", "en", file);
    expect(r.code).not.toBe(0);
    expect(readFileSync(file, "utf8")).toBe(untidy);
    expect(readdirSync(dir)).toEqual(["a.rubric"]);
  });

  it("rubric compile -o leaves earlier outputs as they were", async () => {
    const dir = scratch();
    const out = join(dir, "out");
    fs.mkdirSync(out);
    writeFileSync(join(dir, "a.rubric"), untidy);
    for (const ext of ["ts", "js", "d.ts", "schema.json"]) writeFileSync(join(out, `a.${ext}`), `previous ${ext}`);
    diskFullAfter(100);
    const r = await run("compile", "--lang", "en", join(dir, "a.rubric"), "-o", out);
    expect(r.code).not.toBe(0);
    for (const ext of ["ts", "js", "d.ts", "schema.json"])
      expect(readFileSync(join(out, `a.${ext}`), "utf8")).toBe(`previous ${ext}`);
    expect(readdirSync(out).sort()).toEqual(["a.d.ts", "a.js", "a.schema.json", "a.ts"]);
  });

  it("rubric score -o leaves an existing output file as it was, says so and exits 1", async () => {
    const dir = scratch();
    const out = join(dir, "scores.csv");
    writeFileSync(out, "yesterday's scores\n");
    // The output stream's writes fail as on a full disk.
    vi.spyOn(fsCalls, "createWriteStream").mockImplementation((path) =>
      fs.createWriteStream(path, {
        fs: {
          open: fs.open,
          close: fs.close,
          write: (_fd: number, _b: Buffer, _o: number, _l: number, _p: number, cb: (e: Error) => void) => cb(enospc()),
          writev: (_fd: number, _b: Buffer[], _p: number, cb: (e: Error) => void) => cb(enospc()),
        },
      } as never),
    );
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "--lang", "en", "-o", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no space left/);
    expect(r.err).toContain("was not written (an existing file is left as it was)");
    expect(readFileSync(out, "utf8")).toBe("yesterday's scores\n");
    expect(readdirSync(dir)).toEqual(["scores.csv"]);
  });

  it("rubric score -o replaces the output file when the run completes", async () => {
    const dir = scratch();
    const out = join(dir, "scores.csv");
    writeFileSync(out, "yesterday's scores\n");
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "-o", out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("大鹏新区政数局 2021,93.76,优");
    expect(readdirSync(dir)).toEqual(["scores.csv"]);
  });
});
