// `node --import ./test/support/module-log.mjs …`: appends the URL of every module the process loads to the
// file named by RUBRIC_MODULE_LOG (test/cli-startup.test.ts asserts which packages a command loads).
import { register } from "node:module";

register("./module-log-hooks.mjs", import.meta.url);
