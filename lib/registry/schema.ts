import { z } from "zod";
import { nameProblem } from "../webhooks/names";
import { checkApiPairing, registryApiFields } from "./api-settings";

// One schema for the Add registry form and its server action.

/** host[:port], as a registry is addressed in image references (no scheme, no path). */
const HOST_PATTERN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

export const hostProblem = (host: string): string | null => {
  if (host === "") return "Enter the registry's host, for example registry.example.com:5000.";
  if (/^[a-z]+:\/\//i.test(host)) return "Enter the host without http:// or https://, for example registry.example.com:5000.";
  if (host.length > 253 || !HOST_PATTERN.test(host)) {
    return "Enter a host name or IP address, optionally with :port, for example registry.example.com:5000.";
  }
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port && (Number(port) < 1 || Number(port) > 65535)) return "The port must be between 1 and 65535.";
  return null;
};

const refineWith = (problem: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const message = problem(value);
  if (message) ctx.addIssue({ code: "custom", message });
};

export const registrySchema = z.object({
  name: z
    .string({ error: "Enter a registry name." })
    .trim()
    .superRefine(refineWith((name) => (name === "" ? "Enter a registry name." : nameProblem(name)))),
  host: z.string({ error: "Enter the registry's host." }).trim().superRefine(refineWith(hostProblem)),
  // Optional: where the scope preview reads the registry's repositories and tags.
  ...registryApiFields,
}).superRefine(checkApiPairing);

export type RegistryFormValues = z.input<typeof registrySchema>;
