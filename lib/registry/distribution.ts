import { z } from "zod";

// The notification envelope CNCF Distribution POSTs to its configured endpoints. We read
// only what we map; unknown fields are allowed, as newer registries add some.

export const ENVELOPE_MEDIA_TYPES = [
  "application/vnd.docker.distribution.events.v1+json",
  "application/vnd.docker.distribution.events.v2+json",
  "application/json",
];

export const MAX_ENVELOPE_BYTES = 1024 * 1024;

const distributionEvent = z.looseObject({
  id: z.string().min(1).max(200),
  timestamp: z.string().optional(),
  action: z.string(),
  target: z
    .looseObject({
      mediaType: z.string().optional(),
      digest: z.string().optional(),
      size: z.number().optional(),
      length: z.number().optional(),
      repository: z.string().optional(),
      url: z.string().optional(),
      tag: z.string().optional(),
    })
    .optional(),
  request: z
    .looseObject({
      id: z.string().optional(),
      addr: z.string().optional(),
      host: z.string().optional(),
      method: z.string().optional(),
      useragent: z.string().optional(),
    })
    .optional(),
});

export const envelopeSchema = z.object({
  events: z.array(distributionEvent, { error: 'Expected {"events": [...]}' }).max(10_000),
});

export type DistributionEvent = z.infer<typeof distributionEvent>;
