"use client";

import { Field, makeStyles, Select } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setTestReceiverMode } from "@/lib/actions/test-receivers";
import { RECEIVER_MODE_LABELS, RECEIVER_MODES, type ReceiverMode } from "@/lib/test-receivers/schema";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({ field: { maxWidth: "400px" } });

/** How the receiver answers, changed at once (the next request gets the new answer). */
export const ModeSelect = ({ receiverId, mode }: { receiverId: string; mode: ReceiverMode }) => {
  const styles = useStyles();
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const [value, setValue] = useState<ReceiverMode>(mode);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onChange = async (next: ReceiverMode) => {
    const previous = value;
    setValue(next);
    setIsSaving(true);
    setError(null);
    const result = await setTestReceiverMode(receiverId, next).catch(() => ({ ok: false as const, message: "The answer could not be changed. Try again." }));
    setIsSaving(false);
    if (!result.ok) {
      setValue(previous);
      setError(result.message);
    }
    router.refresh();
  };

  return (
    <>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <Field className={styles.field} label="Answers with" hint={isSaving ? "Saving…" : "Applies to the next request."}>
        <Select value={value} disabled={!isHydrated || isSaving} onChange={(_, data) => void onChange(data.value as ReceiverMode)}>
          {RECEIVER_MODES.map((choice) => (
            <option key={choice} value={choice}>
              {RECEIVER_MODE_LABELS[choice]}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
};
