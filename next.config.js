// The Content-Security-Policy is set per response by proxy.ts (it carries a fresh script
// nonce); these hold for every response, static files included.
const securityHeaders = Object.entries(require("./lib/security/security-headers")).map(([key, value]) => ({ key, value }));

const serverActionOrigins = require("./lib/security/server-action-origins");

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  poweredByHeader: false,
  // forbidden() and unauthorized(): server actions and pages answer 403/401 (lib/auth/guards.ts).
  // Other hosts whose pages may call server actions; proxy.ts answers the rest 403.
  experimental: { authInterrupts: true, serverActions: { allowedOrigins: serverActionOrigins } },
  // Lets the benchmark keep its own build beside the one the e2e tests use.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native module: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
