import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside a React Server Components build; unit tests are server code.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "cli/**/*.test.mjs"],
    environment: "node",
    // Many tests run against real databases (SQLite files, PostgreSQL): on a loaded 2-core CI
    // machine one can take several seconds; a hung one still fails.
    testTimeout: 20_000,
    // A throw-away PostgreSQL server for the tests that run on both databases.
    globalSetup: ["lib/testing/postgres-global-setup.ts"],
  },
});
