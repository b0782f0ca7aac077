/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native module: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
