/**
 * A JSON-RPC client for the end-to-end tests: spawns `node bin/rubric.js
 * lsp --stdio`, speaks LSP over the child's stdin/stdout, records every
 * publishDiagnostics, and bounds every wait in time.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node.js";
import type { Diagnostic } from "vscode-languageserver";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ and its CLI bundle (as `npm run build` does) when either is missing or older than src/. */
export function ensureBuilt(): void {
  // The bundle is built last, from tsc's output: it is as new as the build.
  const bundle = join(ROOT, "dist/bundle/rubric.js");
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > 0 && built >= Math.max(newest(join(ROOT, "src")), statSync(join(ROOT, "scripts/bundle-cli.mjs")).mtimeMs))
    return;
  const main = join(ROOT, "dist/cli/main.js");
  const emitted = statSync(main, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")],
      { cwd: ROOT, stdio: "pipe", timeout: 120_000 },
    );
  } catch (e) {
    // tsc still emits on type errors (which `npm run typecheck` reports); only a build that wrote nothing is fatal here.
    if ((statSync(main, { throwIfNoEntry: false })?.mtimeMs ?? 0) <= emitted) throw e;
  }
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle-cli.mjs")], {
    cwd: ROOT,
    stdio: "pipe",
    timeout: 120_000,
  });
}

export interface Published {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export class LspClient {
  readonly published: Published[] = [];
  /** Errors the server logged (a feature that failed and was guarded). */
  readonly errors: string[] = [];
  stderr = "";
  exitCode: number | null | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    /** What `workspace/configuration` answers for the section `rubric`. */
    public settings: Record<string, unknown> = {},
  ) {
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    void this.exited.then((c) => (this.exitCode = c));
    child.stderr?.on("data", (d: Buffer) => (this.stderr += d.toString()));
    connection.onNotification("textDocument/publishDiagnostics", (p: Published) => {
      this.published.push(p);
      for (const l of [...this.listeners]) l();
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === "rubric" ? this.settings : null)),
    );
    connection.onNotification("window/logMessage", (m: { type: number; message: string }) => {
      if (m.type === 1) this.errors.push(m.message);
    });
    connection.listen();
  }

  static start(args: readonly string[] = []): LspClient {
    const child = spawn(process.execPath, [join(ROOT, "bin/rubric.js"), "lsp", "--stdio", ...args], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (!child.stdout || !child.stdin) throw new Error("no stdio");
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.onError(() => undefined);
    return new LspClient(child, connection);
  }

  request<R>(method: string, params: unknown, ms = 20_000): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), ms, method);
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  async initialize(
    rootUri: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<{ capabilities: Record<string, unknown> }> {
    const r = await this.request<{ capabilities: Record<string, unknown> }>(
      "initialize",
      {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: "ws" }] : null,
        capabilities: {
          workspace: {
            configuration: true,
            didChangeWatchedFiles: { dynamicRegistration: true },
            workspaceFolders: true,
          },
          textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
        },
        ...extra,
      },
      // Start-up (loading the compiler) takes seconds on a loaded machine.
      90_000,
    );
    this.notify("initialized", {});
    return r;
  }

  /** The last diagnostics published for `uri`. */
  latest(uri: string): Published | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i]?.uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits until the latest diagnostics for `uri` satisfy `ok`. */
  waitFor(uri: string, ok: (p: Published) => boolean, ms = 20_000): Promise<Published> {
    const check = (): Published | undefined => {
      const l = this.latest(uri);
      return l && ok(l) ? l : undefined;
    };
    const now = check();
    if (now) return Promise.resolve(now);
    let listener: (() => void) | undefined;
    const p = new Promise<Published>((resolve) => {
      listener = () => {
        const r = check();
        if (r) resolve(r);
      };
      this.listeners.add(listener);
    });
    return withTimeout(p, ms, `diagnostics for ${uri}`).finally(() => {
      if (listener) this.listeners.delete(listener);
    });
  }

  waitForVersion(uri: string, version: number, ms = 20_000): Promise<Published> {
    return this.waitFor(uri, (p) => p.version === version, ms);
  }

  /** shutdown → exit, then waits for the process to end (killing it if it does not). */
  async stop(): Promise<number | null> {
    try {
      if (this.exitCode === undefined) {
        await this.request("shutdown", null, 5_000);
        this.notify("exit", null);
      }
      return await withTimeout(this.exited, 5_000, "exit");
    } catch (e) {
      this.child.kill("SIGKILL");
      throw e;
    } finally {
      this.connection.dispose();
    }
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }
}
