import { appendFileSync } from "node:fs";
let log;
export function initialize(file) {
  log = file;
}
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (log) appendFileSync(log, `${r.url}\n`);
  return r;
}
