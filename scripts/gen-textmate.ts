/** Writes grammar/rubric.tmLanguage.json (`npm run gen:grammar`). */
import { writeFileSync } from "node:fs";
import { grammarJson } from "./textmate-grammar.js";

const out = new URL("../grammar/rubric.tmLanguage.json", import.meta.url);
writeFileSync(out, grammarJson());
console.log(`wrote ${out.pathname}`);
