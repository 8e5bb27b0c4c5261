/**
 * Neovim as a real LSP client: Debian's `nvim` (0.7.2 in Debian 12),
 * headless, configured as the README's 0.7 snippet says, against `node
 * bin/rubric.js lsp --stdio`. A copy of a bundled rubric is opened; a
 * keystroke breaks a rule and an error appears; undo clears it; hover over
 * an indicator describes it; a mis-indented line is put right by formatting.
 *
 * Skipped, saying so, where `nvim` is not installed (CI: `apt-get install neovim`).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./lsp-client.js";

const NVIM = process.env["RUBRIC_TEST_NVIM"] ?? "nvim";
const nvimVersion = ((): string | undefined => {
  const r = spawnSync(NVIM, ["--version"], { encoding: "utf8", timeout: 20_000 });
  return r.status === 0 ? r.stdout.split("\n")[0] : undefined;
})();
if (!nvimVersion)
  console.warn(`test/lsp/neovim.test.ts skipped: '${NVIM}' not found (install Debian's neovim package to run it)`);

/** The session, in Lua that Neovim 0.7 understands (no vim.lsp.start, no vim.fs, no vim.lsp.buf.format). */
const SCRIPT = String.raw`
local result = {}
local function save() vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.RUBRIC_OUT) end
local ok, err = pcall(function()
  local publishes = {}
  local show = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(e, r, ctx, config)
    local errors = 0
    for _, d in ipairs(r.diagnostics) do if d.severity == 1 then errors = errors + 1 end end
    table.insert(publishes, { version = r.version, errors = errors })
    return show(e, r, ctx, config)
  end
  local function wait(what, ms, cond)
    if not vim.wait(ms, cond, 20) then error("timed out waiting for " .. what) end
  end
  local function last() return publishes[#publishes] end

  -- The README's snippet for Neovim 0.7, with the command pointing at this checkout.
  vim.cmd("autocmd BufRead,BufNewFile *.rubric setfiletype rubric")
  local client_id
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "rubric",
    callback = function(args)
      if not client_id then
        client_id = vim.lsp.start_client({
          name = "rubric",
          cmd = { vim.env.RUBRIC_NODE, vim.env.RUBRIC_BIN, "lsp", "--stdio" },
          root_dir = vim.env.RUBRIC_DIR,
          init_options = { lang = "en" },
        })
      end
      vim.lsp.buf_attach_client(args.buf, client_id)
    end,
  })

  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.RUBRIC_FILE))
  local buf = vim.api.nvim_get_current_buf()
  wait("the first diagnostics", 90000, function() return last() ~= nil end)
  result.opened = { filetype = vim.bo.filetype, errors = last().errors }

  -- Break a rule: a stray ')' typed at the end of its line.
  local line = vim.fn.search("score = 10 \\* min(", "w")
  vim.cmd("normal! A)")
  wait("an error", 30000, function() return last().errors > 0 end)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })) do
    table.insert(shown, { line = d.lnum + 1, message = d.message })
  end
  result.broken = { line = line, errors = shown }

  vim.cmd("undo")
  wait("the error to clear", 30000, function() return last().errors == 0 end)
  result.undone = { errors = #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) }

  -- Hover over an indicator's name.
  local at = vim.fn.search("indicator 预算执行率", "w")
  local col = vim.fn.getline(at):find("预算执行率", 1, true)
  vim.api.nvim_win_set_cursor(0, { at, col + 2 })
  local hovers = vim.lsp.buf_request_sync(buf, "textDocument/hover", vim.lsp.util.make_position_params(), 20000)
  local hover = hovers and hovers[client_id] and hovers[client_id].result
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- Mis-indent a line, then format the buffer.
  vim.fn.search("score = 10 \\* min(", "w")
  local before = #publishes
  vim.cmd("normal! 0i     ")
  wait("the indented text to be analysed", 30000, function() return #publishes > before end)
  vim.lsp.buf.formatting_sync(nil, 20000)
  result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"

  vim.lsp.stop_client(client_id)
  wait("the server to stop", 10000, function() return vim.lsp.get_client_by_id(client_id) == nil end)
  result.stopped = true
end)
if not ok then result.error = tostring(err) end
save()
vim.cmd("qa!")
`;

let dir: string;

beforeAll(() => {
  if (!nvimVersion) return;
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "rubric-nvim-"));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Session {
  opened?: { filetype: string; errors: number };
  broken?: { line: number; errors: { line: number; message: string }[] };
  undone?: { errors: number };
  hover?: string;
  formatted?: string;
  stopped?: boolean;
  error?: string;
}

function runNvim(file: string): Promise<{ session: Session; stderr: string }> {
  const script = join(dir, "session.lua");
  const out = join(dir, "session.json");
  writeFileSync(script, SCRIPT);
  return new Promise((resolve, reject) => {
    const child = spawn(NVIM, ["--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE", "-c", `luafile ${script}`], {
      cwd: dir,
      env: {
        ...process.env,
        RUBRIC_OUT: out,
        RUBRIC_FILE: file,
        RUBRIC_DIR: dir,
        RUBRIC_NODE: process.execPath,
        RUBRIC_BIN: join(ROOT, "bin/rubric.js"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("exit", () => {
      clearTimeout(timer);
      try {
        resolve({ session: JSON.parse(readFileSync(out, "utf8")) as Session, stderr });
      } catch {
        reject(new Error(`nvim wrote no result (stderr: ${stderr.slice(0, 2000)})`));
      }
    });
  });
}

describe.skipIf(!nvimVersion)(`Neovim (${nvimVersion ?? "not installed"}) as the client`, () => {
  it("shows an error for a broken line, clears it on undo, hovers an indicator and formats", async () => {
    const original = readFileSync(join(ROOT, "rubrics/national-project-form.rubric"), "utf8");
    const file = join(dir, "form.rubric");
    copyFileSync(join(ROOT, "rubrics/national-project-form.rubric"), file);
    const { session } = await runNvim(file);
    expect(session.error).toBeUndefined();
    expect(session.opened).toEqual({ filetype: "rubric", errors: 0 });
    const brokenLine = original.split("\n").findIndex((l) => l.includes("score = 10 * min(")) + 1;
    expect(session.broken?.line).toBe(brokenLine);
    expect(session.broken?.errors.length).toBeGreaterThan(0);
    // The error is on the broken line and names the stray bracket.
    expect(session.broken?.errors[0]?.line).toBe(brokenLine);
    expect(session.broken?.errors[0]?.message).toContain("')'");
    expect(session.undone).toEqual({ errors: 0 });
    expect(session.hover).toContain("预算执行率");
    // The bundled rubric is canonical: formatting the mis-indented copy gives it back exactly.
    expect(session.formatted).not.toBeUndefined();
    expect(session.formatted).toBe(original);
    expect(session.stopped).toBe(true);
  }, 180_000);
});
