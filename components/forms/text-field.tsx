"use client";

import { Field, Input, Textarea } from "@fluentui/react-components";
import { useController, type Control, type FieldValues, type Path } from "react-hook-form";

type TextFieldProps<Values extends FieldValues, Output> = {
  control: Control<Values, unknown, Output>;
  name: Path<Values>;
  label: string;
  hint?: string;
  placeholder?: string;
  isRequired?: boolean;
  isReadOnly?: boolean;
  isMultiline?: boolean;
  type?: "text" | "email" | "password";
  /** Off by default (webhook fields are not personal data); sign-in forms name theirs. */
  autoComplete?: string;
};

/**
 * A controlled Fluent text field bound to the form. Controlled, so the server HTML already
 * holds the prefilled values; Field sets aria-invalid and aria-describedby from the error.
 */
export const TextField = <Values extends FieldValues, Output>({
  control,
  name,
  label,
  hint,
  placeholder,
  isRequired,
  isReadOnly,
  isMultiline,
  type = "text",
  autoComplete = "off",
}: TextFieldProps<Values, Output>) => {
  const { field, fieldState } = useController({ control, name });
  const message = fieldState.error?.message;
  const inputProps = {
    name: field.name,
    value: field.value,
    onChange: (_: unknown, data: { value: string }) => field.onChange(data.value),
    onBlur: field.onBlur,
    ref: field.ref,
    readOnly: isReadOnly,
    placeholder,
    autoComplete,
  };
  return (
    <Field
      label={label}
      hint={hint}
      required={isRequired}
      validationMessage={message}
      validationState={message ? "error" : "none"}
    >
      {isMultiline ? <Textarea {...inputProps} rows={4} resize="vertical" /> : <Input {...inputProps} type={type} />}
    </Field>
  );
};
