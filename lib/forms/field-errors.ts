import type { z } from "zod";

// Every form's server-side refusal has one shape, whatever the domain: the first message per
// field, shown under that field by components/forms/apply-server-errors.ts.

export type FieldErrors = Record<string, string>;

/** Flattens zod issues to the first message per top-level field, the shape the form shows. */
export const fieldErrorsOf = (error: z.ZodError): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
};

/** A server action's refusal of a form: the errors go under their fields. */
export const invalidFields = (fieldErrors: FieldErrors) => ({
  ok: false as const,
  message: "Some fields need attention.",
  fieldErrors,
});
