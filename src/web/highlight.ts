/**
 * Highlighting for the playground's editor, derived from the keyword table
 * (the same source as the lexer and the TextMate grammar): keywords in both
 * spellings, strings, comments, numbers with their units.
 */
import { StreamLanguage, type StringStream } from "@codemirror/language";
import { KEYWORDS } from "../compiler/syntax/keywords.js";

const words: string[] = KEYWORDS.flatMap((k) => [...k.en, ...k.zh]);
const english = new Set<string>(words.filter((w) => /^[a-z-]+$/.test(w)));
// Longest first: a Chinese keyword is matched as a prefix of the text at the cursor (Chinese has no word breaks).
const chinese = words.filter((w) => !/^[a-z-]+$/.test(w)).sort((a, b) => b.length - a.length);

export const rubricLanguage = StreamLanguage.define<{ inString: boolean }>({
  name: "rubric",
  startState: () => ({ inString: false }),
  token(stream: StringStream, state) {
    if (state.inString) {
      while (!stream.eol()) {
        const ch = stream.next();
        if (ch === "\\") stream.next();
        else if (ch === '"') {
          state.inString = false;
          break;
        }
      }
      return "string";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.peek() === '"') {
      stream.next();
      state.inString = true;
      return "string";
    }
    if (stream.match(/^\d+(\.\d+)?(%|万元|元|分)?/)) return "number";
    const en = stream.match(/^[A-Za-z_][A-Za-z0-9_-]*/) as RegExpMatchArray | null;
    if (en) return english.has(en[0]) ? "keyword" : "variableName";
    // A keyword only where a name does not go on (目标 in 目标设置 is part of the name).
    for (const w of chinese) {
      const rest = stream.string.slice(stream.pos + w.length);
      if (stream.string.startsWith(w, stream.pos) && !/^[\p{L}\p{N}_]/u.test(rest)) {
        stream.pos += w.length;
        return "keyword";
      }
    }
    if (stream.match(/^[\p{L}\p{N}_]+/u)) return "variableName";
    stream.next();
    return "operator";
  },
  languageData: { commentTokens: { line: "//" } },
});
