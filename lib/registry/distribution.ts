import { z } from "zod";
import { isDigest, isRepository, isTag, REPOSITORY_MAX_LENGTH } from "../oci/grammar";
import { nestsDeeperThan } from "./json-depth";

// The notification envelope CNCF Distribution POSTs to its configured endpoints, read in two
// steps. A body that is not an envelope ({"events": [...]} of objects) is refused whole: the
// sender is not a registry. Each event is then checked on its own, and one that fails is
// ignored with a reason while the rest are stored: Distribution retries a refused batch
// forever, so one odd event must not block the others. We read only what we map; unknown
// fields are allowed, as newer registries add some.

export const ENVELOPE_MEDIA_TYPES = [
  "application/vnd.docker.distribution.events.v1+json",
  "application/vnd.docker.distribution.events.v2+json",
  "application/json",
];

export const MAX_ENVELOPE_BYTES = 1024 * 1024;
export const MAX_ENVELOPE_EVENTS = 10_000;
/** Distribution nests about five levels (envelope, events, event, target, references): far deeper is not an envelope. */
export const MAX_ENVELOPE_DEPTH = 32;

const EVENTS_MESSAGE = 'expected {"events": [...]}';

const envelopeSchema = z.looseObject(
  {
    events: z
      .array(z.looseObject({}, { error: "each event must be a JSON object" }), { error: EVENTS_MESSAGE })
      .max(MAX_ENVELOPE_EVENTS, { error: `at most ${MAX_ENVELOPE_EVENTS} events in one notification` }),
  },
  { error: EVENTS_MESSAGE },
);

/** One event as the registry sent it, not yet checked. */
export type RawEvent = Record<string, unknown>;

export type EnvelopeParse = { ok: true; events: RawEvent[] } | { ok: false; code: "InvalidJson" | "InvalidEnvelope"; message: string };

/** The body's events, or why the body is not a Distribution envelope at all. */
export const parseEnvelope = (body: string): EnvelopeParse => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, code: "InvalidJson", message: "The body is not valid JSON." };
  }
  const refuse = (where: string, why: string) =>
    ({ ok: false, code: "InvalidEnvelope", message: `Not a Distribution notification envelope${where}: ${why}.` }) as const;
  if (nestsDeeperThan(body, MAX_ENVELOPE_DEPTH)) return refuse("", `nested more than ${MAX_ENVELOPE_DEPTH} levels deep`);
  const envelope = envelopeSchema.safeParse(json);
  if (envelope.success) return { ok: true, events: envelope.data.events };
  const issue = envelope.error.issues[0];
  return refuse(issue.path.length ? ` at ${issue.path.join(".")}` : "", issue.message);
};

// --- One event -----------------------------------------------------------------------------

const DIGEST_MESSAGE = "expected a digest of lowercase hex: sha256:<64>, sha384:<96>, sha512:<128> or blake3:<64> characters";
const EVENT_ID_PATTERN = /^[\x21-\x7e]{1,200}$/;
const ID_MESSAGE = "expected 1 to 200 printable ASCII characters without spaces";
/** Request details only describe the event; longer ones are cut rather than cost the event. */
const MAX_REQUEST_FIELD_LENGTH = 1024;

const requestField = z
  .string({ error: "expected text" })
  .transform((value) => value.slice(0, MAX_REQUEST_FIELD_LENGTH))
  .optional();
const byteCount = z.number({ error: "expected a whole number of bytes" }).int({ error: "expected a whole number of bytes" }).nonnegative({ error: "expected a whole number of bytes" });

const distributionEvent = z.looseObject({
  id: z.string({ error: ID_MESSAGE }).regex(EVENT_ID_PATTERN, { error: ID_MESSAGE }),
  timestamp: z.iso.datetime({ offset: true, error: "expected an RFC 3339 date and time" }).optional(),
  action: z.string({ error: "expected a lowercase word such as push" }).regex(/^[a-z]{1,32}$/, { error: "expected a lowercase word such as push" }),
  target: z
    .looseObject(
      {
        mediaType: z.string({ error: "expected a media type" }).max(255, { error: "expected a media type of at most 255 characters" }).optional(),
        digest: z
          .string({ error: "expected a digest" })
          .refine(isDigest, { error: DIGEST_MESSAGE })
          .optional(),
        size: byteCount.optional(),
        length: byteCount.optional(),
        repository: z
          .string({ error: "expected a repository name" })
          .refine(isRepository, { error: `expected a repository name in the OCI distribution grammar, at most ${REPOSITORY_MAX_LENGTH} characters` })
          .optional(),
        url: z.string({ error: "expected text" }).optional(),
        tag: z
          .string({ error: "expected a tag" })
          .refine(isTag, { error: "expected a tag in the OCI distribution grammar, at most 128 characters" })
          .optional(),
      },
      { error: "expected an object" },
    )
    .optional(),
  request: z
    .looseObject(
      { id: requestField, addr: z.string({ error: "expected text" }).optional(), host: requestField, method: requestField, useragent: requestField },
      { error: "expected an object" },
    )
    .optional(),
});

export type DistributionEvent = z.output<typeof distributionEvent>;

export type EventParse = { ok: true; event: DistributionEvent } | { ok: false; id: string | null; reason: string };

/** One event checked: its fields, or why it is ignored (the first problem, with where it is). */
export const parseDistributionEvent = (raw: RawEvent): EventParse => {
  const parsed = distributionEvent.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  // An id that breaks the rule is not echoed: it may be huge or hold control characters.
  const id = typeof raw.id === "string" && EVENT_ID_PATTERN.test(raw.id) ? raw.id : null;
  return { ok: false, id, reason: `${issue.path.join(".")}: ${issue.message}` };
};
