"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import {
  Button,
  Checkbox,
  Field,
  makeStyles,
  Switch,
  tokens,
} from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { createWebhook, updateWebhook } from "@/lib/actions/webhooks";
import {
  WEBHOOK_ACTIONS,
  webhookSchema,
  type WebhookFormValues,
  type WebhookInput,
} from "@/lib/webhooks/schema";
import { PAYLOAD_FORMAT_LABELS, PAYLOAD_FORMATS } from "@/lib/webhooks/payload-format";
import type { ActionResult } from "@/lib/webhooks/types";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { applyServerErrors } from "../forms/apply-server-errors";
import { FormFooter } from "../forms/form-footer";
import { SelectField } from "../forms/select-field";
import { TextField } from "../forms/text-field";
import { ErrorMessage } from "../shell/error-message";
import { ReceiverPicker } from "../test-receivers/receiver-picker";
import { ScopePreview } from "./scope-preview";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "640px",
  },
  fieldset: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightRegular },
  actionsError: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

const ACTION_LABELS = { push: "Push", delete: "Delete" } as const;

/** hasRegistryApi: the registry has an API address, so the Scope field previews its matches. */
type WebhookFormProps =
  | { mode: "create"; registry: string; defaultValues: WebhookFormValues; hasRegistryApi: boolean }
  | { mode: "configure"; registry: string; defaultValues: WebhookFormValues; webhookName: string; hasRegistryApi: boolean };

/** Create and Configure share this form; Configure shows the name read-only. */
export const WebhookForm = (props: WebhookFormProps) => {
  const { mode, registry, defaultValues } = props;
  const styles = useStyles();
  const router = useRouter();
  const actionsErrorId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const isHydrated = useIsHydrated();
  const {
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<WebhookFormValues, unknown, WebhookInput>({
    resolver: zodResolver(webhookSchema),
    defaultValues,
    mode: "onTouched",
  });
  const scope = useWatch({ control, name: "scope" });

  const showServerResult = (result: ActionResult) => {
    if (result.ok) {
      router.push(result.href);
      return;
    }
    setFormError(applyServerErrors(setError, result));
  };

  const onSubmit = async (values: WebhookInput) => {
    setFormError(null);
    try {
      const result =
        props.mode === "create"
          ? await createWebhook(registry, values)
          : await updateWebhook(registry, props.webhookName, values);
      showServerResult(result);
    } catch {
      setFormError("The webhook could not be saved because of an unexpected error. Try again.");
    }
  };

  return (
    <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)}>
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      <TextField control={control} name="name" label="Webhook name" isRequired={mode === "create"}
        isReadOnly={mode === "configure"}
        hint={mode === "create" ? "5 to 50 lowercase letters and digits, unique in this registry." : undefined} />
      <TextField control={control} name="serviceUri" label="Service URI" isRequired
        placeholder="https://example.com/webhook"
        hint="The portal POSTs a JSON notification to this http:// or https:// URL." />
      <ReceiverPicker onPick={(url) => setValue("serviceUri", url, { shouldDirty: true, shouldTouch: true, shouldValidate: true })} />
      <TextField control={control} name="customHeaders" label="Custom headers" isMultiline
        hint="Optional. One header per line, as key: value (for example Authorization: Bearer abc)." />
      <Controller
        control={control}
        name="actions"
        render={({ field }) => (
          <fieldset className={styles.fieldset} aria-describedby={errors.actions ? actionsErrorId : undefined}>
            <legend className={styles.legend}>Trigger actions</legend>
            {WEBHOOK_ACTIONS.map((action) => (
              <Checkbox
                key={action}
                label={ACTION_LABELS[action]}
                checked={field.value.includes(action)}
                aria-invalid={errors.actions ? true : undefined}
                aria-describedby={errors.actions ? actionsErrorId : undefined}
                onChange={(_, data) => {
                  field.onChange(
                    data.checked ? [...field.value, action] : field.value.filter((value) => value !== action),
                  );
                  // A checkbox has no typing to wait for: mark it touched so the rule shows at once.
                  field.onBlur();
                }}
              />
            ))}
            {errors.actions && (
              <span id={actionsErrorId} role="alert" className={styles.actionsError}>
                {errors.actions.message}
              </span>
            )}
          </fieldset>
        )}
      />
      <Controller
        control={control}
        name="status"
        render={({ field }) => (
          <Field label="Status" hint="A disabled webhook receives no events, but can still be pinged.">
            <Switch
              checked={field.value === "enabled"}
              label={field.value === "enabled" ? "Enabled" : "Disabled"}
              onChange={(_, data) => field.onChange(data.checked ? "enabled" : "disabled")}
            />
          </Field>
        )}
      />
      <TextField control={control} name="scope" label="Scope" placeholder="hello-world:*"
        hint="Optional. repo:tag for one tag, repo:* for every tag of a repository, repo for repo:latest; empty for the whole registry." />
      {props.hasRegistryApi && <ScopePreview registry={registry} scope={scope ?? ""} />}
      <SelectField control={control} name="payloadFormat" label="Payload format"
        hint="The body's shape: ACR's JSON, a CloudEvents 1.0 event, or a { text } message for Slack and Mattermost incoming webhooks.">
        {PAYLOAD_FORMATS.map((format) => (
          <option key={format} value={format}>
            {PAYLOAD_FORMAT_LABELS[format]}
          </option>
        ))}
      </SelectField>
      <FormFooter>
        <Button type="submit" appearance="primary" disabled={isSubmitting || !isHydrated}>
          {mode === "create" ? "Create" : "Save"}
        </Button>
      </FormFooter>
    </form>
  );
};
