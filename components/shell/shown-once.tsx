"use client";

import { Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Textarea, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "760px" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type ShownOnceProps = {
  label: string;
  value: string;
  /** What to do when the copy is lost, e.g. "Regenerate it if it is lost." */
  ifLost: string;
  /** More read-only fields that belong with the secret (a config that uses it). */
  children?: ReactNode;
};

/** A secret the portal keeps only as a hash: a warning to copy it now and the value itself. */
export const ShownOnce = ({ label, value, ifLost, children }: ShownOnceProps) => {
  const styles = useStyles();
  return (
    <div className={styles.box}>
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>Copy the token now.</MessageBarTitle>
          It is shown only once; the portal keeps only its hash. {ifLost}
        </MessageBarBody>
      </MessageBar>
      <Field label={label}>
        <Textarea className={styles.mono} readOnly value={value} rows={1} />
      </Field>
      {children}
    </div>
  );
};

/** The monospace read-only text area ShownOnce uses, for the fields that go with a secret. */
export const ReadOnlyText = ({ label, value }: { label: string; value: string }) => {
  const styles = useStyles();
  return (
    <Field label={label}>
      <Textarea className={styles.mono} readOnly value={value} rows={value.split("\n").length} />
    </Field>
  );
};
