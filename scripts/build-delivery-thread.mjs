// Bundles the delivery thread (lib/delivery/delivery-thread.ts) into the build directory, beside
// Next.js's output, where lib/delivery/delivery-threads.ts starts it from. Part of `npm run build`:
// Next.js bundles pages and route handlers but has no entry for a worker thread of our own.
// Packages stay in node_modules (better-sqlite3 is native; pg, undici and zod are loaded as they are);
// "server-only" is a marker for Next.js's bundler and is left out here.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(bundler) {
    bundler.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    bundler.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

/** Writes the bundle to `outfile` (the unit tests bundle it too, into a temporary directory). */
export const bundleDeliveryThread = (outfile) =>
  build({
    absWorkingDir: root,
    entryPoints: ["lib/delivery/delivery-thread.ts"],
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

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outfile = path.join(root, process.env.NEXT_DIST_DIR || ".next", "delivery-thread.cjs");
  const started = performance.now();
  await bundleDeliveryThread(outfile);
  console.log(`Bundled the delivery thread into ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
