import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    // Written whole under a name of its own, then linked into place (which fails if the file
    // exists): two processes started at once on a fresh folder never see the other's file
    // created but not yet written, which read as an empty key, different from everyone else's.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    try {
      linkSync(draft, file);
      console.warn(`[registry-webhooks] SECRET_KEY is not set: generated a key in ${file}. Back it up with the database, or set SECRET_KEY.`);
    } catch (error) {
      // Another server process on the same data folder wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  const text = readFileSync(file, "utf8").trim();
  if (text === "") throw new Error(`${file} is empty: restore it from the backup of the database, or set SECRET_KEY to the key the data was encrypted with.`);
  return (cached = keyFrom(text));
};
