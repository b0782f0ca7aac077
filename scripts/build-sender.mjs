// Bundles the sender thread (lib/delivery/sender-thread.ts) into the build directory, beside
// Next.js's output, where lib/delivery/senders.ts starts it from. Part of `npm run build`:
// Next.js bundles pages and route handlers but has no entry for a worker thread of our own.
// Packages stay in node_modules (better-sqlite3 is native; pg and zod are loaded as they are);
// "server-only" is a marker for Next.js's bundler and is left out here.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const outfile = path.join(root, distDir, "sender-thread.cjs");

const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(bundler) {
    bundler.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    bundler.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: ["lib/delivery/sender-thread.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  plugins: [serverOnlyIsEmpty],
  sourcemap: "linked",
  logLevel: "warning",
});
console.log(`Bundled the delivery sender thread into ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
