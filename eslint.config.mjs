// ESLint (flat config), run by `npm run lint` and by `npm test` before the unit tests.
// Next.js's rules (React, hooks, accessibility, Core Web Vitals) plus typescript-eslint's
// recommended rules, on everything in the repository but generated and run-time output.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // `const { secret: _secret, ...rest } = value` is how the code drops a property before
      // passing the rest on: the dropped one is unused on purpose. Still a warning, which
      // `--max-warnings=0` fails, as in Next.js's config. An operation that does not need its
      // caller still takes it first (every operation has the same shape): `_caller`.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright's fixtures hand over their value with a callback named `use`; the rule takes
    // it for React's use() hook. No React code runs in the end-to-end tests or the QA kit.
    files: ["e2e/**", "testing/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Next.js loads this file as CommonJS (package.json has no "type": "module"), so it reads
    // the server-action origins (shared with proxy.ts) with require().
    files: ["next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  globalIgnores([
    // Build output: `next build` (the benchmark builds into .next-bench, or NEXT_DIST_DIR) and export.
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    // Prisma's generated clients.
    "lib/generated/**",
    // Run-time data and test output.
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "test-reports/**",
  ]),
]);
