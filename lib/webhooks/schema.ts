import { z } from "zod";
import { typedUrlProblem } from "../http/typed-url";
import { parseCustomHeaders } from "./headers";
import { nameProblem } from "./names";
import { DEFAULT_PAYLOAD_FORMAT, PAYLOAD_FORMAT_MESSAGE, PAYLOAD_FORMATS } from "./payload-format";
import { parseScope } from "./scope";

// One schema for the Create/Configure form: the browser resolves it with zodResolver as the
// admin types, and the server action parses it again before anything is written.

export const WEBHOOK_ACTIONS = ["push", "delete"] as const;
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];
export const WEBHOOK_STATUSES = ["enabled", "disabled"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];
export const SERVICE_URI_MAX_LENGTH = 2048;

const fromProblem = (problem: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  };


export const serviceUriProblem = (value: string): string | null => {
  if (value.length === 0) return "Enter the service URI the webhook will POST to.";
  if (value.length > SERVICE_URI_MAX_LENGTH) {
    return `The service URI has at most ${SERVICE_URI_MAX_LENGTH} characters.`;
  }
  // The URL parser silently drops tabs and line breaks, so "/ok\r\nX-Evil: 1" would be stored as
  // typed but sent to "/okX-Evil:%201": the text is checked before it is parsed.
  const typed = typedUrlProblem(value, "The service URI");
  if (typed) return typed;
  if (!URL.canParse(value)) return "Enter an absolute URL, for example https://example.com/webhook.";
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return "The service URI must start with http:// or https://.";
  }
  return null;
};

const nameField = z
  .string({ error: "Enter a webhook name." })
  .trim()
  .superRefine(fromProblem((name) => (name === "" ? "Enter a webhook name." : nameProblem(name))));

const serviceUriField = z
  .string({ error: "Enter the service URI the webhook will POST to." })
  .trim()
  .superRefine(fromProblem(serviceUriProblem));

const customHeadersField = z
  .string({ error: "Custom headers must be text, one key: value per line." })
  .superRefine(
    fromProblem((text) => {
      const parsed = parseCustomHeaders(text);
      return parsed.ok ? null : parsed.message;
    }),
  );

const actionsField = z
  .array(z.enum(WEBHOOK_ACTIONS, { error: 'Trigger actions are "push" and "delete".' }), {
    error: "Select at least one trigger action.",
  })
  .min(1, "Select at least one trigger action.")
  .transform((actions) => WEBHOOK_ACTIONS.filter((action) => actions.includes(action)));

const statusField = z.enum(WEBHOOK_STATUSES, { error: 'Status is "enabled" or "disabled".' });

const scopeField = z
  .string({ error: "The scope must be text such as repo:tag." })
  .trim()
  .superRefine(
    fromProblem((scope) => {
      const parsed = parseScope(scope);
      return parsed.ok ? null : parsed.message;
    }),
  );

/** Without its default, so that the REST API's PATCH can leave it out and keep the stored one. */
export const payloadFormatField = z.enum(PAYLOAD_FORMATS, { error: PAYLOAD_FORMAT_MESSAGE });

export const webhookSchema = z.object({
  name: nameField,
  serviceUri: serviceUriField,
  customHeaders: customHeadersField,
  actions: actionsField,
  status: statusField,
  scope: scopeField,
  // Omitted: ACR's body, as before the field existed.
  payloadFormat: payloadFormatField.default(DEFAULT_PAYLOAD_FORMAT),
});

/** Configure edits everything but the name, which identifies the webhook. */
export const webhookUpdateSchema = webhookSchema.omit({ name: true });

export type WebhookFormValues = z.input<typeof webhookSchema>;
export type WebhookInput = z.output<typeof webhookSchema>;
export type WebhookUpdateInput = z.output<typeof webhookUpdateSchema>;

export const emptyWebhookForm: WebhookFormValues = {
  name: "",
  serviceUri: "",
  customHeaders: "",
  actions: ["push"],
  status: "enabled",
  scope: "",
  payloadFormat: DEFAULT_PAYLOAD_FORMAT,
};
