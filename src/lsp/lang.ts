/**
 * The language of messages: the `rubric.lang` setting, else the client's
 * `initializationOptions.lang`, else `rubric lsp --lang`, else the client's
 * locale (zh* → Chinese), else English.
 */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";

function asLang(v: unknown): Lang | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim().toLowerCase();
  if (s.startsWith("zh")) return "zh";
  if (s.startsWith("en")) return "en";
  return undefined;
}

export interface LangSources {
  readonly setting?: unknown;
  readonly initializationOption?: unknown;
  readonly commandLine?: unknown;
  readonly locale?: unknown;
}

export function chooseLang(s: LangSources): Lang {
  return asLang(s.setting) ?? asLang(s.initializationOption) ?? asLang(s.commandLine) ?? asLang(s.locale) ?? "en";
}

/** Picks the message of the chosen language from a bilingual pair. */
export function say(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}
