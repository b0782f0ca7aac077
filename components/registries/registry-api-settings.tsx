"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { updateRegistryApi } from "@/lib/actions/registries";
import { registryApiSchema, type RegistryApiFormValues, type RegistryApiView } from "@/lib/registry/api-settings";
import { usePermissions } from "../auth/permissions";
import { applyServerErrors } from "../forms/apply-server-errors";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "640px" },
  row: { display: "flex", gap: tokens.spacingHorizontalM },
});

type RegistryApiSettingsProps = { registry: string; view: RegistryApiView };

/**
 * The registry page's "Registry API": where the Create and Configure forms' scope preview reads
 * repositories and tags. The password is write-only: the page only knows whether one is set.
 */
export const RegistryApiSettings = ({ registry, view: initialView }: RegistryApiSettingsProps) => {
  const styles = useStyles();
  const isHydrated = useIsHydrated();
  const { canManage } = usePermissions();
  const [view, setView] = useState(initialView);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { control, handleSubmit, setError, setValue, formState } = useForm<RegistryApiFormValues>({
    resolver: zodResolver(registryApiSchema),
    defaultValues: { apiAddress: initialView.apiAddress, apiUsername: initialView.apiUsername, apiPassword: "" },
    mode: "onTouched",
  });

  const onSubmit = async (values: RegistryApiFormValues) => {
    setMessage(null);
    try {
      const result = await updateRegistryApi(registry, values);
      if (!result.ok) {
        const text = applyServerErrors(setError, result);
        if (text) setMessage({ ok: false, text });
        return;
      }
      setView(result.view);
      setValue("apiPassword", "");
      setMessage({ ok: true, text: "Registry API settings saved." });
    } catch {
      setMessage({ ok: false, text: "The settings could not be saved because of an unexpected error. Try again." });
    }
  };

  const passwordHint = view.hasApiPassword
    ? "A password is set; it is never shown. Leave empty to keep it, or clear the username to remove the credentials."
    : "Optional. Stored encrypted, never shown again.";

  return (
    <section aria-labelledby="registry-api-heading">
      <h2 id="registry-api-heading" className="section-heading">
        Registry API
      </h2>
      {!canManage ? (
        <Text>
          {view.apiAddress
            ? `The scope preview reads ${view.apiAddress}${view.apiUsername ? ` as ${view.apiUsername}` : ""}.`
            : "No API address: the webhook forms do not preview scopes."}
        </Text>
      ) : (
        <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)} aria-label="Registry API">
          {message && !message.ok && <ErrorMessage>{message.text}</ErrorMessage>}
          {message?.ok && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{message.text}</MessageBarBody>
            </MessageBar>
          )}
          <TextField control={control} name="apiAddress" label="API address" placeholder="https://registry.example.com"
            hint="Optional. Where the portal reads /v2/_catalog and tag lists to preview webhook scopes (http:// or https://, no path)." />
          <TextField control={control} name="apiUsername" label="API username"
            hint="Optional. For registries that need a login (htpasswd, Harbor robot accounts, token services)." />
          <TextField control={control} name="apiPassword" label="API password" type="password" autoComplete="new-password" hint={passwordHint} />
          <div className={styles.row}>
            <Button type="submit" disabled={formState.isSubmitting || !isHydrated}>
              Save registry API
            </Button>
          </div>
        </form>
      )}
    </section>
  );
};
