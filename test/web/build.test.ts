/**
 * `npm run build:web` is deterministic: two builds give the same bytes, and nothing of the machine that
 * built it (its paths) is in the site, so the same commit gives the same site anywhere.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWeb } from "../../scripts/build-web.js";

const digest = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(readFileSync(join(dir, f)))
          .digest("hex"),
      ]),
  );

describe("npm run build:web", () => {
  it("gives the same bytes twice, with no path of the building machine in them", async () => {
    // Built apart from dist/web, which the playground's test serves meanwhile.
    const [a, b] = [mkdtempSync(join(tmpdir(), "web-a-")), mkdtempSync(join(tmpdir(), "web-b-"))];
    await buildWeb(a);
    await buildWeb(b);
    const first = digest(a);
    expect(digest(b)).toEqual(first);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["index.html", "playground.css", "playground.js"]));
    for (const f of Object.keys(first)) expect(readFileSync(join(a, f), "utf8")).not.toContain(process.cwd());
  }, 120_000);
});
