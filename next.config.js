/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets the benchmark keep its own build beside the one the e2e tests use.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native module: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
