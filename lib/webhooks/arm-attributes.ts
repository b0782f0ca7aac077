import "server-only";
import { db } from "../db";

// ARM's `location` and `tags` of a webhook. The portal has no regions and no tag search: it keeps
// what an ARM client sent so that every answer can echo it, as ARM does. Only the ARM adapters
// (lib/api/arm/) write them, after the operation that created or changed the webhook succeeded.

export type ArmAttributes = { location: string; tags: Record<string, string> };

const parseTags = (text: string): Record<string, string> => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, string>;
  } catch {
    // A value we did not write: answer no tags rather than fail the read.
  }
  return {};
};

/** The attributes of the named webhooks of a registry, by name (missing names are absent). */
export const readArmAttributes = async (registryName: string, names: readonly string[]): Promise<Map<string, ArmAttributes>> => {
  if (names.length === 0) return new Map();
  const rows = await db.webhook.findMany({
    where: { registry: { name: registryName }, name: { in: [...names] } },
    select: { name: true, location: true, tags: true },
  });
  return new Map(rows.map((row) => [row.name, { location: row.location, tags: parseTags(row.tags) }]));
};

/** Stores what was sent; `tags` undefined keeps the stored ones (ARM's PATCH without tags). */
export const writeArmAttributes = async (registryName: string, name: string, attributes: { location?: string; tags?: Record<string, string> }) => {
  const data = {
    ...(attributes.location === undefined ? {} : { location: attributes.location }),
    ...(attributes.tags === undefined ? {} : { tags: JSON.stringify(attributes.tags) }),
  };
  if (Object.keys(data).length === 0) return;
  await db.webhook.updateMany({ where: { registry: { name: registryName }, name }, data });
};
