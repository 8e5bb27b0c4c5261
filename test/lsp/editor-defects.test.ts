/**
 * Defects found by using the server from a real editor (Neovim) and over
 * raw stdio, each reproduced over real stdio against `node bin/rubric.js lsp
 * --stdio`: a blocking prompt on refused formatting, a saved-and-closed base
 * forgotten, broken framing silencing the server, an unreadable base skipped
 * without a word.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, LspClient, ROOT } from "./lsp-client.js";
import { BASE, DERIVED } from "./fixtures.js";
import { positionOf } from "./cursor.js";

let dir: string;
const clients: LspClient[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "rubric-lsp-defects-"));
}, 120_000);

afterEach(async () => {
  for (const c of clients.splice(0)) if (c.alive) await c.stop().catch(() => c.child.kill("SIGKILL"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(): LspClient {
  const c = LspClient.start(["--lang", "en"]);
  clients.push(c);
  return c;
}

/** A workspace folder of its own for one test. */
function folder(files: Record<string, string | Buffer>): {
  uri: string;
  file: (n: string) => string;
  path: (n: string) => string;
} {
  const d = mkdtempSync(join(dir, "ws-"));
  for (const [n, text] of Object.entries(files)) writeFileSync(join(d, n), text);
  return { uri: pathToFileURL(d).href, file: (n) => pathToFileURL(join(d, n)).href, path: (n) => join(d, n) };
}

describe("editor defects", () => {
  it("refusing to format is a window/showMessage notification, never a prompt the user must answer", async () => {
    const c = start();
    const shown: { type: number; message: string }[] = [];
    const prompts: unknown[] = [];
    c.connection.onNotification("window/showMessage", (m: { type: number; message: string }) => shown.push(m));
    c.connection.onRequest("window/showMessageRequest", (p: unknown) => {
      prompts.push(p);
      return null;
    });
    await c.initialize(null);
    const uri = "file:///fmt/broken.rubric";
    c.notify("textDocument/didOpen", {
      textDocument: { uri, languageId: "rubric", version: 1, text: "rubric R {\n  total 10\n  group g 10 {\n" },
    });
    const edits = await c.request<unknown[]>("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits).toEqual([]);
    // A later request is answered after the notification was sent: both are in by then.
    await c.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 1 } });
    expect(prompts).toEqual([]);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.type).toBe(2);
    expect(shown[0]?.message).toMatch(/broken\.rubric|syntax|expected/i);
  }, 240_000);

  it("re-reads a base from the disk when it is closed after being saved", async () => {
    const ws = folder({ "base.rubric": BASE, "derived.rubric": DERIVED });
    const baseUri = ws.file("base.rubric");
    const derivedUri = ws.file("derived.rubric");
    const c = start();
    await c.initialize(ws.uri);
    c.notify("textDocument/didOpen", {
      textDocument: { uri: derivedUri, languageId: "rubric", version: 1, text: DERIVED },
    });
    expect((await c.waitForVersion(derivedUri, 1)).diagnostics).toEqual([]);
    c.notify("textDocument/didOpen", { textDocument: { uri: baseUri, languageId: "rubric", version: 1, text: BASE } });
    const p = positionOf(BASE, "满意度: ratio");
    c.notify("textDocument/didChange", {
      textDocument: { uri: baseUri, version: 2 },
      contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 3 } }, text: "满意率" }],
    });
    await c.waitFor(derivedUri, (x) => x.diagnostics.some((d) => d.code === "unknown-name"));
    // The editor saves the base, then closes it; the client sends no watched-file event (it has none registered).
    writeFileSync(ws.path("base.rubric"), BASE.replace("满意度: ratio", "满意率: ratio"));
    c.notify("textDocument/didClose", { textDocument: { uri: baseUri } });
    await c.waitFor(baseUri, (x) => x.diagnostics.length === 0);
    await new Promise((r) => setTimeout(r, 300));
    const after = c.latest(derivedUri);
    expect(after?.diagnostics.map((d) => d.message)).toContain("unknown input '满意度'; did you mean '满意率'?");
  }, 240_000);

  it("registers the watcher for .rubric files only with a client that supports dynamic registration", async () => {
    const seen = async (dynamic: boolean): Promise<string[]> => {
      const c = start();
      const registered: string[] = [];
      c.connection.onRequest("client/registerCapability", (p: { registrations: { method: string }[] }) => {
        registered.push(...p.registrations.map((r) => r.method));
        return null;
      });
      await c.request(
        "initialize",
        {
          processId: process.pid,
          rootUri: null,
          capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: dynamic } } },
        },
        90_000,
      );
      c.notify("initialized", {});
      await new Promise((r) => setTimeout(r, 300));
      await c.request("textDocument/hover", {
        textDocument: { uri: "file:///x.rubric" },
        position: { line: 0, character: 0 },
      });
      return registered;
    };
    expect(await seen(true)).toEqual(["workspace/didChangeWatchedFiles"]);
    expect(await seen(false)).toEqual([]);
  }, 240_000);

  it("says why a base in the workspace is not loaded when it is not valid UTF-8", async () => {
    const bytes = Buffer.from(BASE.replace("采购执行情况", "采购执行X情况"), "utf8");
    const bad = bytes.indexOf(Buffer.from("X"));
    bytes[bad] = 0xff;
    const ws = folder({ "base.rubric": bytes, "derived.rubric": DERIVED });
    const derivedUri = ws.file("derived.rubric");
    const c = start();
    await c.initialize(ws.uri);
    c.notify("textDocument/didOpen", {
      textDocument: { uri: derivedUri, languageId: "rubric", version: 1, text: DERIVED },
    });
    const got = await c.waitForVersion(derivedUri, 1);
    const unknown = got.diagnostics.find((d) => d.code === "unknown-rubric");
    expect(unknown?.message).toContain("no rubric named '基础 2023' is loaded");
    expect(unknown?.message).toContain(`base.rubric: not valid UTF-8 text (invalid byte 0xFF at offset ${bad})`);
  }, 240_000);
});

/** A raw stdio peer: writes bytes as given, reads the server's frames. */
class RawPeer {
  private out = Buffer.alloc(0);
  readonly frames: { id?: unknown; result?: unknown; error?: { code: number } }[] = [];
  readonly child = spawn(process.execPath, [join(ROOT, "bin/rubric.js"), "lsp", "--stdio"], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });

  constructor() {
    this.child.stdout.on("data", (d: Buffer) => {
      this.out = Buffer.concat([this.out, d]);
      for (;;) {
        const end = this.out.indexOf("\r\n\r\n");
        if (end < 0) return;
        const m = /Content-Length: (\d+)/i.exec(this.out.subarray(0, end).toString("latin1"));
        const n = Number(m?.[1] ?? 0);
        if (this.out.length < end + 4 + n) return;
        this.frames.push(JSON.parse(this.out.subarray(end + 4, end + 4 + n).toString("utf8")) as RawPeer["frames"][0]);
        this.out = this.out.subarray(end + 4 + n);
      }
    });
  }

  send(raw: string): void {
    this.child.stdin.write(raw);
  }

  frame(body: string, length = Buffer.byteLength(body)): string {
    return `Content-Length: ${length}\r\n\r\n${body}`;
  }

  request(id: number, method: string, params: unknown): string {
    return this.frame(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
  }

  async waitFor(ok: (f: RawPeer["frames"][0]) => boolean, ms = 15_000): Promise<RawPeer["frames"][0]> {
    const until = Date.now() + ms;
    for (;;) {
      const f = this.frames.find(ok);
      if (f) return f;
      if (Date.now() > until) throw new Error(`no such frame; got ${JSON.stringify(this.frames)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe("stdio framing", () => {
  it("resynchronises after a bad length, a header without a length, and a short length; answers bad JSON with -32700", async () => {
    const peer = new RawPeer();
    try {
      const hover = (id: number): string =>
        peer.request(id, "textDocument/hover", {
          textDocument: { uri: "file:///none.rubric" },
          position: { line: 0, character: 0 },
        });
      peer.send(peer.request(1, "initialize", { processId: null, rootUri: null, capabilities: {} }));
      await peer.waitFor((f) => f.id === 1, 90_000);
      peer.send(peer.frame(JSON.stringify({ jsonrpc: "2.0", method: "initialized", params: {} })));

      peer.send(`Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":90,"method":"shutdown"}`);
      peer.send(hover(2));
      expect((await peer.waitFor((f) => f.id === 2)).result).toBeNull();

      peer.send(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":91}`);
      peer.send(hover(3));
      expect((await peer.waitFor((f) => f.id === 3)).result).toBeNull();

      const body = JSON.stringify({ jsonrpc: "2.0", id: 92, method: "textDocument/hover", params: {} });
      peer.send(peer.frame(body, 10));
      peer.send(hover(4));
      expect((await peer.waitFor((f) => f.id === 4)).result).toBeNull();

      peer.send(peer.frame(`{"jsonrpc": "2.0", "id": 93, "method": `));
      peer.send(hover(5));
      expect((await peer.waitFor((f) => f.id === 5)).result).toBeNull();

      const parseErrors = peer.frames.filter((f) => f.error?.code === -32700);
      // The truncated body and the invalid JSON; never an answer to a request inside a skipped frame.
      expect(parseErrors).toHaveLength(2);
      expect(parseErrors.every((f) => f.id === null)).toBe(true);
      expect(peer.frames.some((f) => typeof f.id === "number" && f.id >= 90)).toBe(false);
    } finally {
      peer.child.kill();
    }
  }, 240_000);
});
