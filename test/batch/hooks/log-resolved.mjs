// Loaded with `node --import`: records every module URL the process resolves (one per line) in $RESOLVED_LOG.
import { register } from "node:module";
register("./resolve-hook.mjs", import.meta.url, { data: process.env.RESOLVED_LOG });
