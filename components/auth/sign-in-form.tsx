"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signIn } from "@/lib/actions/session";
import { signInSchema, type SignInInput } from "@/lib/auth/schema";
import { applyServerErrors } from "../forms/apply-server-errors";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";

export const useAuthFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "400px" },
  submit: { alignSelf: "flex-start" },
});

/** Email and password; on success the server action redirects to where the user was going. */
export const SignInForm = ({ next }: { next: string }) => {
  const styles = useAuthFormStyles();
  const isHydrated = useIsHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
    mode: "onTouched",
  });

  const onSubmit = async (values: SignInInput) => {
    setFormError(null);
    const result = await signIn(values, next).catch(() => ({
      ok: false as const,
      message: "Signing in failed because of an unexpected error. Try again.",
    }));
    // A successful sign-in redirects and never gets here.
    if (result) setFormError(applyServerErrors(setError, result));
  };

  return (
    <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)}>
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      <TextField control={control} name="email" label="Email" type="email" autoComplete="username" isRequired />
      <TextField control={control} name="password" label="Password" type="password" autoComplete="current-password" isRequired />
      <Button className={styles.submit} type="submit" appearance="primary" disabled={formState.isSubmitting || !isHydrated}>
        Sign in
      </Button>
    </form>
  );
};
