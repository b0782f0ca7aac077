const isProduction = process.env.NODE_ENV === "production";

// Fluent UI (Griffel) and Next.js insert inline <style> and <script> tags; nothing needs
// eval in production, so 'unsafe-eval' is only there for the dev server's fast refresh.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  poweredByHeader: false,
  // forbidden() and unauthorized(): server actions and pages answer 403/401 (lib/auth/guards.ts).
  experimental: { authInterrupts: true },
  // Lets the benchmark keep its own build beside the one the e2e tests use.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native module: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
