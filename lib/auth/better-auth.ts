import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "../db";
import { DATABASE_KIND } from "../db/kind";
import { env } from "../env";
import { authSecret } from "./auth-secret";
import { MIN_PASSWORD_LENGTH } from "./schema";

const createAuth = () =>
  betterAuth({
    database: prismaAdapter(db, { provider: DATABASE_KIND }),
    secret: authSecret(),
    baseURL: env.PORTAL_URL,
    telemetry: { enabled: false },
    // Only errors: its start-up warning about an unset base URL concerns OAuth callbacks and
    // emailed links, which the portal does not use (sign-in is a same-origin server action).
    logger: { level: "error" },
    // Passwords are hashed with scrypt (better-auth's default KDF). Nobody signs themselves
    // up: the first Owner comes from ADMIN_EMAIL or the setup page, the rest from the Users page.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", input: false, defaultValue: "reader" } } },
    // Sessions last a week and are re-read from the database on every request (no cookie
    // cache), so a changed role or a deleted user takes effect at once.
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: {
      useSecureCookies: env.PORTAL_URL?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    // Sign-in goes through our server action, which has its own limiter (lib/auth/sign-in-limit.ts).
    rateLimit: { enabled: false },
    plugins: [nextCookies()],
  });

const globalForAuth = globalThis as unknown as { auth?: ReturnType<typeof createAuth> };

/** One instance per server process (Next.js may evaluate this module more than once). */
export const auth = () => (globalForAuth.auth ??= createAuth());
