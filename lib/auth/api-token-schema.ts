import { z } from "zod";
import { ROLES } from "./roles";

/** How long a new token lives, as GitHub offers it; "never" is allowed but not the default. */
export const TOKEN_LIFETIMES = ["7", "30", "90", "365", "never"] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];

export const apiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name that says what the token is for.")
    .max(50, "Use at most 50 characters."),
  role: z.enum(ROLES, "Choose Owner, Contributor or Reader."),
  expiresInDays: z.enum(TOKEN_LIFETIMES, "Choose when the token expires."),
});
export type ApiTokenInput = z.input<typeof apiTokenSchema>;

export const expiryDate = (lifetime: TokenLifetime, now = Date.now()) =>
  lifetime === "never" ? null : new Date(now + Number(lifetime) * 24 * 60 * 60 * 1000);
