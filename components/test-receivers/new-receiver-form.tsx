"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createTestReceiver } from "@/lib/actions/test-receivers";
import { RECEIVER_MODE_LABELS, RECEIVER_MODES, testReceiverSchema, type TestReceiverInput } from "@/lib/test-receivers/schema";
import { applyServerErrors } from "../forms/apply-server-errors";
import { SelectField } from "../forms/select-field";
import { TextField } from "../forms/text-field";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "400px" },
  submit: { alignSelf: "flex-start" },
});

const EMPTY: TestReceiverInput = { name: "", mode: "ok" };

/** New test receiver: a name to tell it apart, and how it answers. */
export const NewReceiverForm = () => {
  const styles = useStyles();
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<TestReceiverInput>({
    resolver: zodResolver(testReceiverSchema),
    defaultValues: EMPTY,
    mode: "onTouched",
  });

  const onSubmit = async (values: TestReceiverInput) => {
    setFormError(null);
    const result = await createTestReceiver(values).catch(() => ({
      ok: false as const,
      message: "The test receiver could not be created because of an unexpected error. Try again.",
    }));
    if (!result.ok) return setFormError(applyServerErrors(setError, result));
    reset(EMPTY);
    router.push(`/test-receivers/${result.receiver.id}`);
  };

  return (
    <form className={styles.form} noValidate onSubmit={handleSubmit(onSubmit)} aria-label="New test receiver">
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      <TextField control={control} name="name" label="Receiver name" isRequired hint="What it is for, e.g. ci-hook check." />
      <SelectField control={control} name="mode" label="Answers with">
        {RECEIVER_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {RECEIVER_MODE_LABELS[mode]}
          </option>
        ))}
      </SelectField>
      <Button className={styles.submit} type="submit" appearance="primary" disabled={formState.isSubmitting || !isHydrated}>
        Create receiver
      </Button>
    </form>
  );
};
