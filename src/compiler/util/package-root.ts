/**
 * Where this package is installed, from any of its modules: run from source (src/…), from tsc's output
 * (dist/…) or from the CLI bundle (dist/bundle/…, where a module's own path says nothing about the folder
 * layout it came from). The nearest folder above with the package's package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface PackageRoot {
  readonly root: string;
  readonly version: string;
  /** `src` when running from the TypeScript sources, else `dist`. */
  readonly tree: "src" | "dist";
}

export function packageRoot(moduleUrl: string): PackageRoot {
  const file = fileURLToPath(moduleUrl);
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkgFile = join(dir, "package.json");
    if (existsSync(pkgFile)) {
      const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "rubric") {
        const tree = file.startsWith(join(dir, "src")) ? "src" : "dist";
        return { root: dir, version: String(pkg.version), tree };
      }
    }
    if (dirname(dir) === dir) throw new Error(`no rubric package.json above ${file}`);
  }
}
