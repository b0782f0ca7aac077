import type { PayloadFormat } from "../webhooks/payload-format";

// The body a webhook receives, in its payload format, built once when the event is recorded
// (ingest, Ping) and stored as the delivery's payload: every attempt and Redeliver send those
// same bytes, and the events table's Request tab shows what was sent. Plain code: the sender
// thread imports contentTypeOf.

/** ACR's body as it always was: the delivery id, a timestamp, the action and what it is about. */
export type AcrBody = { id: string; timestamp: string; action: "push" | "delete" | "ping" } & Record<string, unknown>;

/**
 * What the other formats need besides ACR's body (which CloudEvents carries as its data).
 * `isSample`: a made-up event sent from the blade ("Send sample"), marked in each format.
 */
export type BodyFacts = (
  | { action: "push"; acr: AcrBody; repository: string; tag: string; digest: string }
  | { action: "delete"; acr: AcrBody; repository: string; digest: string }
  | { action: "ping"; acr: AcrBody; webhook: string }
) & { isSample?: boolean };

/** Where the event comes from: the registry's name, and the CloudEvents source (cloudEventSource). */
export type BodyContext = { registry: string; source: string };

export const CLOUDEVENTS_CONTENT_TYPE = "application/cloudevents+json";
export const JSON_CONTENT_TYPE = "application/json";

/** CloudEvents `type` of each action, reverse-DNS as the specification recommends. */
export const CLOUDEVENT_TYPES = {
  push: "io.registrywebhooks.image.pushed",
  delete: "io.registrywebhooks.image.deleted",
  ping: "io.registrywebhooks.webhook.pinged",
} as const;

/**
 * The CloudEvents `source`: the registry's page in the portal, absolute when PORTAL_URL is
 * set, else the path alone (a URI-reference, which the specification allows). It does not
 * depend on who sent the request, so a ping and a push of one registry share it.
 */
export const cloudEventSource = (portalUrl: string | undefined, registry: string) =>
  `${(portalUrl ?? "").replace(/\/+$/, "")}/registries/${encodeURIComponent(registry)}`;

const SHORT_DIGEST_HEX = 12;

/** "sha256:" and the first 12 hex digits, as `docker images` shortens ids; "…" marks the cut. */
export const shortDigest = (digest: string) => {
  const colon = digest.indexOf(":");
  const hex = digest.slice(colon + 1);
  return hex.length > SHORT_DIGEST_HEX ? `${digest.slice(0, colon + 1)}${hex.slice(0, SHORT_DIGEST_HEX)}…` : digest;
};

/** What a chat line about a sample starts with, so nobody in the channel takes it for a real push. */
export const SAMPLE_CHAT_PREFIX = "[Sample] ";

const chatLine = (facts: BodyFacts, context: BodyContext) => {
  switch (facts.action) {
    case "push":
      return `Pushed ${facts.repository}:${facts.tag} (${shortDigest(facts.digest)}) to ${context.registry}`;
    case "delete":
      return `Deleted ${facts.repository} (${shortDigest(facts.digest)}) from ${context.registry}`;
    case "ping":
      return `Ping from webhook ${facts.webhook} of ${context.registry}`;
  }
};

/** The one line a chat channel shows (Slack and Mattermost incoming webhooks take `{ text }`). */
export const chatText = (facts: BodyFacts, context: BodyContext) => `${facts.isSample ? SAMPLE_CHAT_PREFIX : ""}${chatLine(facts, context)}`;

/**
 * CloudEvents 1.0 in structured JSON mode; `specversion` first, which contentTypeOf relies on.
 * A sample carries the extension attribute `sample: true` (a lowercase name under 20
 * characters with a boolean value, as the specification and the SDK accept).
 */
export const cloudEvent = (facts: BodyFacts, context: BodyContext) => ({
  specversion: "1.0",
  id: facts.acr.id,
  source: context.source,
  type: CLOUDEVENT_TYPES[facts.action],
  ...(facts.action === "push" ? { subject: `${facts.repository}:${facts.tag}` } : {}),
  ...(facts.action === "delete" ? { subject: `${facts.repository}@${facts.digest}` } : {}),
  time: facts.acr.timestamp,
  datacontenttype: JSON_CONTENT_TYPE,
  ...(facts.isSample ? { sample: true } : {}),
  data: facts.acr,
});

/** The body to store and send, as text. */
export const formatBody = (format: PayloadFormat, facts: BodyFacts, context: BodyContext): string => {
  switch (format) {
    case "cloudevents":
      return JSON.stringify(cloudEvent(facts, context));
    case "chat":
      return JSON.stringify({ text: chatText(facts, context) });
    case "acr":
      return JSON.stringify(facts.acr);
  }
};

const CLOUDEVENT_OPENING = '{"specversion":';

/**
 * The Content-Type a stored body is sent with. Only formatBody writes payloads, and only its
 * CloudEvents begin with "specversion", so the body itself says its type: the delivery queue
 * needs no column for it, and a Redeliver sends what the first attempt sent.
 */
export const contentTypeOf = (payload: string) =>
  payload.startsWith(CLOUDEVENT_OPENING) ? CLOUDEVENTS_CONTENT_TYPE : JSON_CONTENT_TYPE;
