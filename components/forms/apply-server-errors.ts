import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";

type FailedResult = { message: string; fieldErrors?: Record<string, string> };

/**
 * Shows a server action's refusal: each field error under its field, or else one message.
 * Only the first field takes focus: moving focus blurs a field, and a blur re-runs the
 * browser's check, which would wipe a server-only error (such as a taken name) from it.
 * Returns the message to show above the form, or null when the fields carry it.
 */
export const applyServerErrors = <Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  result: FailedResult,
): string | null => {
  const fieldErrors = Object.entries(result.fieldErrors ?? {});
  fieldErrors.forEach(([field, message], index) => {
    setError(field as FieldPath<Values>, { type: "server", message }, { shouldFocus: index === 0 });
  });
  return fieldErrors.length === 0 ? result.message : null;
};
