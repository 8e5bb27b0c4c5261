// Loader hooks for module-log.mjs: they run on the loader thread, so they write to the file directly.
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  const log = process.env["RUBRIC_MODULE_LOG"];
  if (log) appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
