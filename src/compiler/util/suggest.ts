/** "Did you mean": one rule for the compiler and the runtime (runtime code imports nothing from the compiler, so it lives there). */
export { editDistance, suggest } from "../../runtime/suggest.js";
