import { z } from "zod";
import { typedUrlProblem } from "../http/typed-url";

// The registry's /v2/ API address and credentials, read by the scope preview
// (lib/registry-api/). One schema for the Add registry form, the registry page's "Registry API"
// section and their server actions. The password is write-only: a form never receives it, and
// an empty password field on a change keeps the stored one.

export const API_ADDRESS_MAX_LENGTH = 2048;
export const API_USERNAME_MAX_LENGTH = 256;
export const API_PASSWORD_MAX_LENGTH = 1024;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** "" is allowed: the registry has no API address and the preview is off. */
export const apiAddressProblem = (value: string): string | null => {
  if (value === "") return null;
  if (value.length > API_ADDRESS_MAX_LENGTH) return `The API address has at most ${API_ADDRESS_MAX_LENGTH} characters.`;
  const typed = typedUrlProblem(value, "The API address");
  if (typed) return typed;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "Start the API address with http:// or https://, for example http://127.0.0.1:5000.";
  if (!URL.canParse(value)) return "Enter an absolute URL, for example https://registry.example.com or http://127.0.0.1:5000.";
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return "The API address must start with http:// or https://.";
  if (url.username !== "" || url.password !== "") return "Put the credentials in the username and password fields, not in the address.";
  // Distribution and OCI registries serve /v2/ at the root of their host.
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "") return "Enter only the scheme, host and port, without a path, query or fragment.";
  return null;
};

export const apiUsernameProblem = (value: string): string | null => {
  if (value.length > API_USERNAME_MAX_LENGTH) return `The username has at most ${API_USERNAME_MAX_LENGTH} characters.`;
  if (CONTROL_CHARACTER.test(value)) return "The username cannot contain control characters.";
  // Basic authentication joins username and password with a colon.
  if (value.includes(":")) return 'The username cannot contain ":".';
  return null;
};

export const apiPasswordProblem = (value: string): string | null => {
  if (value.length > API_PASSWORD_MAX_LENGTH) return `The password has at most ${API_PASSWORD_MAX_LENGTH} characters.`;
  if (CONTROL_CHARACTER.test(value)) return "The password cannot contain control characters.";
  return null;
};

const checked = (problem: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const message = problem(value);
  if (message) ctx.addIssue({ code: "custom", message });
};

export const registryApiFields = {
  apiAddress: z.string({ error: "The API address must be text." }).trim().default("").superRefine(checked(apiAddressProblem)),
  apiUsername: z.string({ error: "The username must be text." }).trim().default("").superRefine(checked(apiUsernameProblem)),
  // Not trimmed: a password may start or end with a space.
  apiPassword: z.string({ error: "The password must be text." }).default("").superRefine(checked(apiPasswordProblem)),
};

/** Rules across the fields, for every schema that holds them. */
export const checkApiPairing = (values: { apiAddress: string; apiUsername: string; apiPassword: string }, ctx: z.RefinementCtx) => {
  if (values.apiUsername !== "" && values.apiAddress === "") {
    ctx.addIssue({ code: "custom", path: ["apiAddress"], message: "Enter the API address the credentials are for." });
  }
  if (values.apiPassword !== "" && values.apiUsername === "") {
    ctx.addIssue({ code: "custom", path: ["apiUsername"], message: "Enter the username that goes with the password." });
  }
};

export const registryApiSchema = z.object(registryApiFields).superRefine(checkApiPairing);

export type RegistryApiFormValues = z.input<typeof registryApiSchema>;
export type RegistryApiValues = z.output<typeof registryApiSchema>;

/** What a form may show of the stored settings: never the password, only whether one is set. */
export type RegistryApiView = { apiAddress: string; apiUsername: string; hasApiPassword: boolean };

export const apiPasswordMissingMessage = "Enter the password for this username.";
