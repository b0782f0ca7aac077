import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/ is layered: a module may import its own domain and the domains listed before it, never
// one listed after it (README, "Layout"). Shared helpers therefore live low (forms, http,
// security) instead of in the domain that happened to need them first, and the operations
// (the one door every page, action and route goes through) sit above every domain they use.

const LAYERS = [
  // Foundations: no knowledge of webhooks or users.
  "config",
  "database-url",
  "env",
  "generated",
  "oci",
  "forms",
  "http",
  "crypto",
  "lifecycle",
  // Storage and what every domain may use.
  "db",
  "security",
  "audit",
  "health",
  "metrics",
  // Domains.
  "auth",
  "webhooks",
  "events",
  "test-receivers",
  "delivery",
  "registry",
  "registry-api",
  // The door, then its adapters.
  "operations",
  "api",
  "actions",
];

/** Top-level files that belong to a domain folder's layer. */
const DOMAIN_OF_FILE: Record<string, string> = { "db.ts": "db", "db-raw.ts": "db", "db-setup.ts": "db", "db-errors.ts": "db", "env.ts": "env", "database-url.mjs": "database-url" };

const LIB = path.resolve(import.meta.dirname);
const isSource = (file: string) => /\.(ts|tsx|mjs)$/.test(file) && !/\.(test|suite)\.(ts|mjs)$/.test(file);

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return ["generated", "testing"].includes(entry.name) && folder === LIB ? [] : sourceFiles(full);
    return isSource(entry.name) ? [full] : [];
  });

const domainOf = (file: string) => {
  const [first, ...rest] = path.relative(LIB, file).split(path.sep);
  return rest.length > 0 ? first : (DOMAIN_OF_FILE[first] ?? first.replace(/\.\w+$/, ""));
};

/** Every lib/ module a file imports (static, re-exported or dynamic), resolved to its path. */
const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\s*\(\s*)["']((?:\.\.?\/|@\/lib\/)[^"']+)["']/g)]
    .map(([, specifier]) => (specifier.startsWith("@/lib/") ? path.join(LIB, specifier.slice("@/lib/".length)) : path.resolve(path.dirname(file), specifier)))
    .filter((target) => target.startsWith(`${LIB}${path.sep}`));

describe("lib/ layering", () => {
  it("knows every domain folder", () => {
    const folders = readdirSync(LIB, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== "testing");
    expect(folders.map((entry) => entry.name).filter((name) => !LAYERS.includes(name))).toEqual([]);
  });

  it("has no import from a domain to one above it", () => {
    const upward: string[] = [];
    for (const file of sourceFiles(LIB)) {
      const from = domainOf(file);
      for (const target of importsOf(file)) {
        const to = domainOf(target);
        if (from !== to && LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${path.relative(LIB, file)} (${from}) imports ${path.relative(LIB, target)} (${to})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
