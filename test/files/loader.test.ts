/**
 * Which `.rubric` files the CLI reads: regular files only (a symbolic link is
 * followed to one, the same way for named files, siblings and directory
 * walks), at most 16 MB. A pipe, a device, a broken link or a huge file is
 * not read, and a diagnostic names it and says why: an error for a file the
 * user named (or found in a named directory), a warning for a sibling read
 * only as context. The language server's workspace scan reads the same way.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { mainAsync } from "../../src/cli/main.js";
import { nodeHost } from "../../src/lsp/node-host.js";

const good = "rubric T {\n  total 1\n  group a 1 {\n    indicator b 1 {\n      score = judged\n    }\n  }\n}\n";
/** Checks with one error: the weights do not add up. */
const wrongWeights = good.replace("group a 1", "group a 2").replace("rubric T", "rubric W");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The real command in its own process: a file that blocks or never ends must not take the test run down with it. */
function cli(...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ["bin/rubric.js", ...argv], {
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 1 << 20,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function scratch(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "rubric-load-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("siblings that are not regular files", () => {
  it("a named pipe beside the checked file is skipped with a warning, not waited on", () => {
    const dir = scratch({ "a.rubric": good });
    execFileSync("mkfifo", [join(dir, "pipe.rubric")]);
    const r = cli("check", "--lang", "en", join(dir, "a.rubric"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /pipe\.rubric warning sibling-not-loaded file not loaded .*not a regular file \(a named pipe\)/,
    );
    expect(r.out).toContain("0 error(s), 1 warning(s)");
  }, 180_000);

  it("a link to /dev/zero beside the checked file is not read", () => {
    const dir = scratch({ "a.rubric": good });
    symlinkSync("/dev/zero", join(dir, "zero.rubric"));
    const r = cli("check", "--lang", "zh", join(dir, "a.rubric"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/zero\.rubric warning sibling-not-loaded 未读取此文件.*不是普通文件（是设备）/);
  }, 180_000);

  it("fmt, test and compile load the same way (and fmt does not report siblings)", () => {
    const dir = scratch({ "a.rubric": good });
    execFileSync("mkfifo", [join(dir, "pipe.rubric")]);
    symlinkSync("/dev/zero", join(dir, "zero.rubric"));
    const f = cli("fmt", "--check", "--lang", "en", join(dir, "a.rubric"));
    expect(f.code).toBe(0);
    expect(f.err).not.toContain("pipe.rubric");
    expect(cli("test", join(dir, "a.rubric")).code).toBe(0);
    expect(cli("compile", join(dir, "a.rubric"), "-o", join(dir, "out")).code).toBe(0);
  }, 180_000);
});

describe("named files", () => {
  it("a named link to /dev/zero or a pipe is an error naming it", () => {
    const dir = scratch();
    symlinkSync("/dev/zero", join(dir, "zero.rubric"));
    execFileSync("mkfifo", [join(dir, "pipe.rubric")]);
    const r = cli("check", "--lang", "en", join(dir, "zero.rubric"), join(dir, "pipe.rubric"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/zero\.rubric error file-not-loaded file not loaded: not a regular file \(a device\)/);
    expect(r.out).toMatch(/pipe\.rubric error file-not-loaded file not loaded: not a regular file \(a named pipe\)/);
  }, 180_000);

  it("a file over 16 MB is not read: an error when named, a warning beside a named file", async () => {
    const dir = scratch({ "a.rubric": good });
    writeFileSync(join(dir, "big.rubric"), "");
    truncateSync(join(dir, "big.rubric"), 17 * 1024 * 1024);
    const named = await run("check", "--lang", "en", join(dir, "big.rubric"));
    expect(named.code).toBe(1);
    expect(named.out).toMatch(
      /big\.rubric error file-not-loaded file not loaded: too large \(17825792 bytes; the limit is 16 MB\)/,
    );
    const beside = await run("check", "--lang", "en", join(dir, "a.rubric"));
    expect(beside.code).toBe(0);
    expect(beside.out).toMatch(/big\.rubric warning sibling-not-loaded .*too large/);
  });

  it("a named link to a rubric file is read through", async () => {
    const dir = scratch({ "w.rubric": wrongWeights });
    mkdirSync(join(dir, "sub"));
    symlinkSync(join(dir, "w.rubric"), join(dir, "sub", "link.rubric"));
    const r = await run("check", "--lang", "en", join(dir, "sub", "link.rubric"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/link\.rubric:\d+:\d+ error weight-sum/);
  });
});

describe("links inside a checked directory", () => {
  it("a link to a rubric file is checked like the file itself", async () => {
    const elsewhere = scratch({ "w.rubric": wrongWeights });
    const dir = scratch({ "a.rubric": good });
    symlinkSync(join(elsewhere, "w.rubric"), join(dir, "linked.rubric"));
    const r = await run("check", "--lang", "en", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/linked\.rubric:\d+:\d+ error weight-sum/);
    expect(r.out).toContain("2 error(s)");
  });

  it("a broken link is an error naming its target, not a silent pass", async () => {
    const dir = scratch({ "a.rubric": good });
    symlinkSync(join(dir, "gone.rubric"), join(dir, "broken.rubric"));
    const r = await run("check", "--lang", "en", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /broken\.rubric error file-not-loaded file not loaded: a broken symbolic link \(to .*gone\.rubric, which does not exist\)/,
    );
  });

  it("a missing named file is still reported as missing", async () => {
    const r = await run("check", "--lang", "en", join(scratch(), "nope.rubric"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nope\.rubric/);
  });
});

describe("the language server's workspace scan", () => {
  it("finds linked rubric files and does not read pipes or devices", async () => {
    const elsewhere = scratch({ "w.rubric": wrongWeights });
    const dir = scratch({ "a.rubric": good });
    symlinkSync(join(elsewhere, "w.rubric"), join(dir, "linked.rubric"));
    symlinkSync("/dev/zero", join(dir, "zero.rubric"));
    execFileSync("mkfifo", [join(dir, "pipe.rubric")]);
    const uris = await nodeHost.findRubricFiles(pathToFileURL(dir).href);
    expect(uris.map((u) => u.slice(u.lastIndexOf("/") + 1))).toEqual([
      "a.rubric",
      "linked.rubric",
      "pipe.rubric",
      "zero.rubric",
    ]);
    const texts = await Promise.all(uris.map((u) => nodeHost.readFile(u)));
    // A pipe or device is never opened: the host says why it was not read, without blocking on it.
    expect(texts.slice(0, 2)).toEqual([good, wrongWeights]);
    expect(texts.slice(2).map((t) => (typeof t === "object" ? t.unreadable.en : t))).toEqual([
      "not a regular file (a named pipe)",
      "not a regular file (a device)",
    ]);
  });
});
