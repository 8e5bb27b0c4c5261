#!/usr/bin/env node
// dist/bundle is `npm run build`'s bundle of dist/cli/main.js (scripts/bundle-cli.mjs): a few files to load
// instead of hundreds of modules.
import { run } from "../dist/bundle/rubric.js";
run();
