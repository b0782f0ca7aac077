import { createHash } from "node:crypto";

/** Identifies the service URI an event was recorded for, without storing the URI again. */
export const serviceUriHash = (uri: string) => createHash("sha256").update(uri, "utf8").digest("hex");
