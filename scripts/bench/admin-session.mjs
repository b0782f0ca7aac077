// A signed-in admin for the page probe. The portal makes its first Owner from ADMIN_EMAIL and
// ADMIN_PASSWORD (lib/auth/users.ts ensureAdminFromEnv; the benchmark sets both, see
// portal-process.mjs). It has no /api/auth route: signing in is the server action `signIn` of
// lib/actions/session.ts, which the sign-in form calls. The benchmark calls it the way the
// form's browser does: a POST to /sign-in with the action's id (from the build's
// server-reference-manifest.json) in a Next-Action header and the arguments as a JSON array.
// On success the action redirects (303) and better-auth's session cookie comes with it.

import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fmtS } from "./format.mjs";
import { ADMIN_EMAIL, ADMIN_PASSWORD, DIST_DIR, HOST, LIMITS, REGISTRY_NAME, ROOT } from "./settings.mjs";

/** The id of the `signIn` server action in the build the portals run. */
const signInActionId = () => {
  const file = path.join(ROOT, DIST_DIR, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  const entries = Object.entries(manifest.node ?? {});
  const found = entries.find(([, entry]) => entry.exportedName === "signIn" && entry.filename === "lib/actions/session.ts");
  if (!found) throw new Error(`no signIn action of lib/actions/session.ts in ${file}`);
  return found[0];
};

/** The webhooks list page of the benchmark's registry (what an admin opens first). */
export const webhooksPagePath = () => `/registries/${REGISTRY_NAME}/webhooks`;

/** Signs the admin in on the portal at `port`; resolves with the Cookie header value to send. */
export const signInAdmin = (port) =>
  new Promise((resolve, reject) => {
    const origin = `http://${HOST}:${port}`;
    const body = JSON.stringify([{ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, webhooksPagePath()]);
    const req = http.request(`${origin}/sign-in`, {
      method: "POST",
      agent: false,
      headers: {
        "Next-Action": signInActionId(),
        Accept: "text/x-component",
        "Content-Type": "text/plain;charset=UTF-8",
        "Content-Length": Buffer.byteLength(body),
        // Next.js refuses a server action whose Origin is not the host it was sent to.
        Origin: origin,
      },
    });
    const timer = setTimeout(() => req.destroy(new Error(`sign-in timed out after ${fmtS(LIMITS.requestMs)}`)), LIMITS.requestMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        // name=value of each cookie set; attributes (Path, HttpOnly, ...) do not go back.
        const cookies = (res.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]).filter((pair) => !pair.endsWith("="));
        if (!cookies.some((pair) => pair.includes("session_token"))) {
          const text = Buffer.concat(chunks).toString("utf8").slice(0, 300);
          reject(new Error(`signing in as ${ADMIN_EMAIL} set no session cookie (HTTP ${res.statusCode}): ${text}`));
          return;
        }
        resolve(cookies.join("; "));
      });
    });
    req.end(body);
  });
