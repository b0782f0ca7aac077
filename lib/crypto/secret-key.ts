import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";
import { keyFrom } from "./secret-box";

let cached: Buffer | null = null;

/**
 * The key secrets are encrypted with: SECRET_KEY when set, otherwise one generated once into
 * secret.key beside the database (with a warning: it must be backed up with the database).
 */
export const secretKey = (): Buffer => {
  if (cached) return cached;
  if (env.SECRET_KEY) return (cached = keyFrom(env.SECRET_KEY));
  const file = path.join(path.dirname(env.DATABASE_URL.slice("file:".length)), "secret.key");
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
      console.warn(`[registry-webhooks] SECRET_KEY is not set: generated a key in ${file}. Back it up with the database, or set SECRET_KEY.`);
    } catch (error) {
      // Another server process on the same data folder wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return (cached = keyFrom(readFileSync(file, "utf8").trim()));
};
