"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createRegistry, type TokenResult } from "@/lib/actions/registries";
import { registrySchema, type RegistryFormValues } from "@/lib/registry/schema";
import { webhooksPath } from "@/lib/webhooks/paths";
import { applyServerErrors } from "../forms/apply-server-errors";
import { FormFooter } from "../forms/form-footer";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { TokenReveal } from "./token-reveal";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "640px" },
  done: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

/** Add registry: name and host; on success, the token and config are shown once. */
export const RegistryForm = () => {
  const styles = useStyles();
  const isHydrated = useIsHydrated();
  const [created, setCreated] = useState<Extract<TokenResult, { ok: true }> | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<RegistryFormValues>({
    resolver: zodResolver(registrySchema),
    defaultValues: { name: "", host: "", apiAddress: "", apiUsername: "", apiPassword: "" },
    mode: "onTouched",
  });

  const onSubmit = async (values: RegistryFormValues) => {
    setFormError(null);
    try {
      const result = await createRegistry(values);
      if (result.ok) return setCreated(result);
      setFormError(applyServerErrors(setError, result));
    } catch {
      setFormError("The registry could not be added because of an unexpected error. Try again.");
    }
  };

  if (created) {
    return (
      <div className={styles.done}>
        <MessageBar intent="success" role="status">
          <MessageBarBody>Registry {created.registry} added. Point its notifications at {created.endpoint}.</MessageBarBody>
        </MessageBar>
        <TokenReveal token={created.token} yaml={created.yaml} />
        <Link href={webhooksPath(created.registry)}>Go to the webhooks of {created.registry}</Link>
      </div>
    );
  }

  return (
    <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)}>
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      <TextField control={control} name="name" label="Registry name" isRequired
        hint="5 to 50 lowercase letters and digits; it names the registry in the portal's URLs." />
      <TextField control={control} name="host" label="Host" isRequired placeholder="registry.example.com:5000"
        hint="Where clients reach the registry; sent to webhooks as request.host." />
      <TextField control={control} name="apiAddress" label="API address" placeholder="https://registry.example.com"
        hint="Optional. Where the portal reads /v2/_catalog and tag lists to preview webhook scopes (http:// or https://, no path)." />
      <TextField control={control} name="apiUsername" label="API username" hint="Optional. For a registry API that needs a login." />
      <TextField control={control} name="apiPassword" label="API password" type="password" autoComplete="new-password"
        hint="Optional. Stored encrypted, never shown again." />
      <FormFooter>
        <Button type="submit" appearance="primary" disabled={formState.isSubmitting || !isHydrated}>
          Add registry
        </Button>
      </FormFooter>
    </form>
  );
};
