import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../config/password-length";
import { ROLES } from "./roles";

// One set of rules for the sign-in, setup and Users forms, used by the browser and the server.

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

const email = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .pipe(z.email("Enter an email address such as admin@example.com."))
  .transform((value) => value.toLowerCase());

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "That password is too long."),
});
export type SignInInput = z.input<typeof signInSchema>;

export const newUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  email,
  password: newPassword,
  role: z.enum(ROLES, "Choose Owner, Contributor or Reader."),
});
export type NewUserInput = z.input<typeof newUserSchema>;

/** The first Owner: no role to choose, and the password typed twice. */
export const setupSchema = newUserSchema
  .omit({ role: true })
  .extend({ confirmPassword: z.string() })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });
export type SetupInput = z.input<typeof setupSchema>;
