import { z } from "zod";
import type { ErrorDetail, WebhookResource } from "../arm-shapes";
import { issuesToDetails, parseWebhookBody, webhookCreateBodySchema, webhookUpdateBodySchema } from "../webhook-input";

// What ARM wraps around the portal's webhook resource: `location` and `tags` (a tracked
// resource's envelope). The ARM adapters take them off the body, hand the rest to the portal's
// own handlers unchanged, and put them back on every answer.

/** ARM's limits on tags: 50 a resource, names up to 512 characters, values up to 256. */
export const MAX_TAGS = 50;
const tagsSchema = z
  .record(z.string().max(512, { error: "Tag names have at most 512 characters." }), z.string({ error: "Tag values are text." }).max(256, { error: "Tag values have at most 256 characters." }), {
    error: 'Tags are a JSON object of names and text values, such as {"team": "build"}.',
  })
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, { error: `A resource has at most ${MAX_TAGS} tags.` });

const locationSchema = z
  .string({ error: 'Send the resource\'s location, such as "westus" (the portal has no regions: any name is kept and echoed).' })
  .trim()
  .min(1, { error: 'Send the resource\'s location, such as "westus".' })
  .max(90, { error: "The location has at most 90 characters." });

/** PUT: ARM requires location; tags replace the stored ones (none sent: none kept). */
const createEnvelopeSchema = z.object({ location: locationSchema, tags: tagsSchema.default({}) });
/** PATCH (WebhookUpdateParameters): no location; tags, when sent, replace the stored ones. */
const updateEnvelopeSchema = z.object({ tags: tagsSchema.optional() });

export type ArmEnvelope = { location?: string; tags?: Record<string, string> };
export type EnvelopeSplit = { ok: true; envelope: ArmEnvelope; body: Record<string, unknown> } | { ok: false; details: ErrorDetail[] };

/**
 * Splits an ARM body into its envelope and the portal's body. A refusal lists every problem at
 * once, the envelope's and the properties' (each named by its field), as one 400 does.
 */
export const splitArmBody = (kind: "create" | "update", json: Record<string, unknown>): EnvelopeSplit => {
  const { location, tags, ...body } = json;
  const envelope = (kind === "create" ? createEnvelopeSchema : updateEnvelopeSchema).safeParse(kind === "create" ? { location, tags } : { tags });
  if (envelope.success) return { ok: true, envelope: envelope.data, body };
  const inner = parseWebhookBody(kind === "create" ? webhookCreateBodySchema : webhookUpdateBodySchema, body);
  return { ok: false, details: [...issuesToDetails(envelope.error.issues, json), ...(inner.ok ? [] : inner.details)] };
};

/** The location answered for a webhook never given one through ARM (made on the blade): ARM's word for "no region". */
export const UNSET_LOCATION = "global";

export type ArmWebhook = Omit<WebhookResource, "id"> & { id: string; location: string; tags: Record<string, string> };

/** The portal's resource as ARM answers it: the caller's path as id, with location and tags. */
export const toArmWebhook = (resource: WebhookResource, id: string, stored: { location: string; tags: Record<string, string> } | undefined): ArmWebhook => ({
  id,
  name: resource.name,
  type: resource.type,
  location: stored?.location || UNSET_LOCATION,
  tags: stored?.tags ?? {},
  properties: resource.properties,
});

/** A nextLink the portal made, moved onto the ARM path the caller used, keeping its api-version. */
export const toArmNextLink = (nextLink: string, armPath: string, apiVersion: string) => {
  const link = new URL(nextLink);
  link.pathname = armPath;
  link.searchParams.set("api-version", apiVersion);
  return link.href;
};

/**
 * ValidationFailed's message names the fields at fault, so a client that shows only the
 * message (the SDK's RestError, `az rest`) tells what to fix.
 */
export const withFieldsInMessage = (error: { code: string; message: string; details?: ErrorDetail[] }) =>
  error.details && error.details.length > 0
    ? { ...error, message: `${error.message} ${error.details.map((detail) => `${detail.target}: ${detail.message}`).join(" ")}` }
    : error;
