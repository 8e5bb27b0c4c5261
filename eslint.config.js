// typescript-eslint's type-checked rules over the project's TypeScript: they catch promises nobody
// awaits or passes where a callback's result is ignored, `any` leaking out of JSON and chevrotain,
// methods passed around detached from `this`, and values stringified as "[object Object]".
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "test/.generated/**",
      "test/.output/**",

      "editors/**",
      "grammar/**",
      "rubrics/**",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // The checks for hidden characters, file names and binary input match control characters on purpose.
      "no-control-regex": "off",
      // Comments show `*​/` with a zero-width space so that they do not end themselves.
      "no-irregular-whitespace": ["error", { skipComments: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Two hot paths throw stack-less sentinels on purpose (an Error would capture a stack per bail-out):
      // the exact-integer scorer's Bail and the JSON reader's positioned Fail.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "file", name: "Bail", path: "src/runtime/fast-num.ts" },
            { from: "file", name: "Fail", path: "src/cli/batch/json-parse.ts" },
          ],
        },
      ],
    },
  },
  {
    // Tests, benches and scripts: the rules that catch a test passing without running its assertions
    // (an unawaited promise, a promise where a callback's result is ignored) stay on; the ones about
    // tidiness and `any` from fixtures are off, as their findings there are not defects.
    files: ["test/**", "bench/**", "scripts/**"],
    rules: {
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/no-redundant-type-constituents": "off",
    },
  },
  {
    // Callbacks run inside the browser page (playwright's $eval): their DOM types come from the page, which
    // the node project's type check does not know, so the `any`-flow rules cannot judge them.
    files: ["test/render/browser.test.ts", "test/web/**"],
    rules: {
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
