"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@fluentui/react-components";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { setUpFirstOwner } from "@/lib/actions/session";
import { setupSchema, MIN_PASSWORD_LENGTH, type SetupInput } from "@/lib/auth/schema";
import { applyServerErrors } from "../forms/apply-server-errors";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";
import { useAuthFormStyles } from "./sign-in-form";

/** The one-time setup: the first Owner's name, email and password (typed twice). */
export const SetupForm = () => {
  const styles = useAuthFormStyles();
  const isHydrated = useIsHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
    mode: "onTouched",
  });

  const onSubmit = async (values: SetupInput) => {
    setFormError(null);
    const result = await setUpFirstOwner(values).catch(() => ({
      ok: false as const,
      message: "Setting up failed because of an unexpected error. Try again.",
    }));
    if (result) setFormError(applyServerErrors(setError, result));
  };

  return (
    <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)}>
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      <TextField control={control} name="name" label="Name" autoComplete="name" isRequired />
      <TextField control={control} name="email" label="Email" type="email" autoComplete="username" isRequired />
      <TextField control={control} name="password" label="Password" type="password" autoComplete="new-password" isRequired
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} />
      <TextField control={control} name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" isRequired />
      <Button className={styles.submit} type="submit" appearance="primary" disabled={formState.isSubmitting || !isHydrated}>
        Create Owner
      </Button>
    </form>
  );
};
