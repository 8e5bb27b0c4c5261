import type { Lang } from "../compiler/diagnostics/diagnostic.js";

/** `--lang`, else RUBRIC_LANG, else the locale (LC_ALL / LC_MESSAGES / LANG). */
export function pickLang(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const v = option ?? env["RUBRIC_LANG"] ?? env["LC_ALL"] ?? env["LC_MESSAGES"] ?? env["LANG"] ?? "";
  return v.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env["NO_COLOR"] !== undefined || env["CI"]) return false;
  if (env["FORCE_COLOR"]) return true;
  return stream.isTTY === true;
}
