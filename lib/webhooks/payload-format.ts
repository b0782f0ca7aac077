// The shape of the body a webhook receives. ACR's own is the default (what the blade always
// sent); CloudEvents 1.0 and a chat message are for receivers that expect those instead.

export const PAYLOAD_FORMATS = ["acr", "cloudevents", "chat"] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];
export const DEFAULT_PAYLOAD_FORMAT: PayloadFormat = "acr";

/** What the form's "Payload format" dropdown and the list show for each format. */
export const PAYLOAD_FORMAT_LABELS: Record<PayloadFormat, string> = {
  acr: "ACR (default)",
  cloudevents: "CloudEvents 1.0",
  chat: "Chat message (Slack, Mattermost)",
};

export const PAYLOAD_FORMAT_MESSAGE = `Payload format is ${PAYLOAD_FORMATS.map((format) => `"${format}"`).join(", ").replace(/, ([^,]*)$/, " or $1")}.`;

/** A stored value read back; anything unknown (there should be none) counts as ACR's. */
export const payloadFormatOf = (stored: string): PayloadFormat =>
  (PAYLOAD_FORMATS as readonly string[]).includes(stored) ? (stored as PayloadFormat) : DEFAULT_PAYLOAD_FORMAT;
