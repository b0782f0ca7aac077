"use client";

import { Field, Select } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useController, type Control, type FieldValues, type Path } from "react-hook-form";

type SelectFieldProps<Values extends FieldValues, Output> = {
  control: Control<Values, unknown, Output>;
  name: Path<Values>;
  label: string;
  hint?: string;
  /** The <option>s. */
  children: ReactNode;
};

/** A required Fluent drop-down bound to the form, with its error under it (like TextField). */
export const SelectField = <Values extends FieldValues, Output>({ control, name, label, hint, children }: SelectFieldProps<Values, Output>) => {
  const { field, fieldState } = useController({ control, name });
  const message = fieldState.error?.message;
  return (
    <Field label={label} hint={hint} required validationMessage={message} validationState={message ? "error" : "none"}>
      <Select value={field.value} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur}>
        {children}
      </Select>
    </Field>
  );
};
