"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { MIN_PASSWORD_LENGTH, newUserSchema, type NewUserInput } from "@/lib/auth/schema";
import { addUser } from "@/lib/actions/users";
import { RoleOptions } from "../auth/role-options";
import { applyServerErrors } from "../forms/apply-server-errors";
import { SelectField } from "../forms/select-field";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "400px" },
  submit: { alignSelf: "flex-start" },
});

const EMPTY: NewUserInput = { name: "", email: "", password: "", role: "reader" };

/** Add user: the Owner sets a first password and tells it to the person. */
export const AddUserForm = () => {
  const styles = useStyles();
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<NewUserInput>({
    resolver: zodResolver(newUserSchema),
    defaultValues: EMPTY,
    mode: "onTouched",
  });

  const onSubmit = async (values: NewUserInput) => {
    setFormError(null);
    setAdded(null);
    const result = await addUser(values).catch(() => ({ ok: false as const, message: "The user could not be added because of an unexpected error. Try again." }));
    if (!result.ok) return setFormError(applyServerErrors(setError, result));
    setAdded(values.email.trim().toLowerCase());
    reset(EMPTY);
    router.refresh();
  };

  return (
    <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)} aria-label="Add user">
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      {added && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Added {added}.</MessageBarBody>
        </MessageBar>
      )}
      <TextField control={control} name="name" label="Name" isRequired />
      <TextField control={control} name="email" label="Email" type="email" isRequired />
      <TextField control={control} name="password" label="Password" type="password" autoComplete="new-password" isRequired
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} />
      <SelectField control={control} name="role" label="Role">
        <RoleOptions />
      </SelectField>
      <Button className={styles.submit} type="submit" appearance="primary" disabled={formState.isSubmitting || !isHydrated}>
        Add user
      </Button>
    </form>
  );
};
