// Bundles the delivery thread (lib/delivery/delivery-thread.ts), the WAL checkpoint thread
// (lib/db/sqlite/checkpoint-thread.ts) and the ingest thread (lib/registry/ingest-thread.ts) into
// the build directory, beside Next.js's output, where lib/delivery/delivery-threads.ts,
// lib/db/sqlite/wal-checkpointer.ts and lib/registry/ingest-threads.ts start them from. Part of
// `npm run build`: Next.js bundles pages and route handlers but has no entry for a worker thread
// of our own.
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

const bundleThread = (entryPoint, outfile) =>
  build({
    absWorkingDir: root,
    entryPoints: [entryPoint],
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

/** Writes the bundles to `outfile` (the unit tests bundle them too, into a temporary directory). */
export const bundleDeliveryThread = (outfile) => bundleThread("lib/delivery/delivery-thread.ts", outfile);
export const bundleCheckpointThread = (outfile) => bundleThread("lib/db/sqlite/checkpoint-thread.ts", outfile);
export const bundleIngestThread = (outfile) => bundleThread("lib/registry/ingest-thread.ts", outfile);

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
  const started = performance.now();
  await Promise.all([
    bundleDeliveryThread(path.join(distDir, "delivery-thread.cjs")),
    bundleCheckpointThread(path.join(distDir, "checkpoint-thread.cjs")),
    bundleIngestThread(path.join(distDir, "ingest-thread.cjs")),
  ]);
  console.log(`Bundled the delivery, checkpoint and ingest threads into ${path.relative(root, distDir)} in ${Math.round(performance.now() - started)} ms`);
}
