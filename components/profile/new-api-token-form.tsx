"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createApiToken } from "@/lib/actions/api-tokens";
import { apiTokenSchema, TOKEN_LIFETIMES, type ApiTokenInput } from "@/lib/auth/api-token-schema";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import { RoleOptions } from "../auth/role-options";
import { applyServerErrors } from "../forms/apply-server-errors";
import { SelectField } from "../forms/select-field";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";
import { ShownOnce } from "../shell/shown-once";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "400px" },
  submit: { alignSelf: "flex-start" },
  reveal: { marginBottom: tokens.spacingVerticalL },
});

const LIFETIME_LABELS: Record<(typeof TOKEN_LIFETIMES)[number], string> = {
  "7": "7 days",
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
  never: "Never (not recommended)",
};

/** New API token: name, role (up to one's own) and expiry; the token is shown once. */
export const NewApiTokenForm = ({ role }: { role: Role }) => {
  const styles = useStyles();
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const empty: ApiTokenInput = { name: "", role, expiresInDays: "30" };
  const { control, handleSubmit, setError, reset, formState } = useForm<ApiTokenInput>({
    resolver: zodResolver(apiTokenSchema),
    defaultValues: empty,
    mode: "onTouched",
  });

  const onSubmit = async (values: ApiTokenInput) => {
    setFormError(null);
    setCreated(null);
    const result = await createApiToken(values).catch(() => ({ ok: false as const, message: "The token could not be created because of an unexpected error. Try again." }));
    if (!result.ok) return setFormError(applyServerErrors(setError, result));
    setCreated(result.token);
    reset(empty);
    router.refresh();
  };

  return (
    <>
      {created && (
        <div className={styles.reveal}>
          <ShownOnce label="Token (shown once)" value={created} ifLost="Revoke it and create another if it is lost." />
        </div>
      )}
      <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)} aria-label="New API token">
        {formError && <ErrorMessage>{formError}</ErrorMessage>}
        <TextField control={control} name="name" label="Token name" isRequired hint="What the token is for, e.g. ci-pipeline." />
        <SelectField control={control} name="role" label="Role">
          <RoleOptions roles={ROLES.filter((choice) => hasRole(role, choice))} />
        </SelectField>
        <SelectField control={control} name="expiresInDays" label="Expires after">
          {TOKEN_LIFETIMES.map((lifetime) => (
            <option key={lifetime} value={lifetime}>
              {LIFETIME_LABELS[lifetime]}
            </option>
          ))}
        </SelectField>
        <Button className={styles.submit} type="submit" appearance="primary" disabled={formState.isSubmitting || !isHydrated}>
          Create token
        </Button>
      </form>
    </>
  );
};
