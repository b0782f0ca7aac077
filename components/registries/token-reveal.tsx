"use client";

import { Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Textarea, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "760px" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type TokenRevealProps = { token: string; yaml: string };

/** A freshly generated token and the Distribution config that uses it, shown this once. */
export const TokenReveal = ({ token, yaml }: TokenRevealProps) => {
  const styles = useStyles();
  return (
    <div className={styles.box}>
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>Copy the token now.</MessageBarTitle>
          It is shown only once; the portal keeps only its hash. Regenerate it if it is lost.
        </MessageBarBody>
      </MessageBar>
      <Field label="Notifications token">
        <Textarea className={styles.mono} readOnly value={token} rows={1} />
      </Field>
      <Field label="Distribution config (paste into config.yml)">
        <Textarea className={styles.mono} readOnly value={yaml} rows={yaml.split("\n").length} />
      </Field>
    </div>
  );
};
