"use client";

import { Field, Input, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({ field: { maxWidth: "640px" } });

/** The receiver's address, read-only and selectable, to paste into a webhook's Service URI. */
export const ReceiverUrl = ({ url }: { url: string }) => {
  const styles = useStyles();
  return (
    <Field className={styles.field} label="Receiver URL" hint="Anyone who knows this URL can send to the receiver.">
      <Input readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
    </Field>
  );
};
