"use client";

import { Button, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { EyeRegular, KeyResetRegular } from "@fluentui/react-icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revealSigningSecret, rotateSigningSecret, type SecretResult } from "@/lib/actions/webhooks";
import type { WebhookView } from "@/lib/webhooks/types";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { formatTimestamp } from "./format";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: `${tokens.spacingVerticalM} 0`, maxWidth: "760px" },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type SigningSecretProps = { registry: string; webhook: WebhookView };

/** Standard Webhooks signing: generate, rotate (24 h overlap) and, on purpose, show the secret. */
export const SigningSecret = ({ registry, webhook }: SigningSecretProps) => {
  const styles = useStyles();
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const [result, setResult] = useState<SecretResult | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const run = async (action: () => Promise<SecretResult>, refresh: boolean) => {
    setIsBusy(true);
    try {
      setResult(await action());
      if (refresh) router.refresh();
    } catch {
      setResult({ ok: false, message: "The signing secret could not be changed because of an unexpected error. Try again." });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <section aria-labelledby="signing-heading" className={styles.section}>
      <h2 id="signing-heading" className={styles.heading}>
        Signing
      </h2>
      <Text>
        {webhook.isSigned
          ? "Deliveries carry Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature)."
          : "Deliveries are not signed. Generate a secret to add Standard Webhooks signatures."}
        {webhook.previousSecretExpiresAt &&
          ` The previous secret also signs until ${formatTimestamp(webhook.previousSecretExpiresAt)}.`}
      </Text>
      <div className={styles.row}>
        <Button
          icon={<KeyResetRegular />}
          disabled={isBusy || !isHydrated}
          onClick={() => run(() => rotateSigningSecret(registry, webhook.name), true)}
        >
          {webhook.isSigned ? "Rotate signing secret" : "Generate signing secret"}
        </Button>
        {webhook.isSigned && (
          <Button icon={<EyeRegular />} disabled={isBusy || !isHydrated} onClick={() => run(() => revealSigningSecret(registry, webhook.name), false)}>
            Show signing secret
          </Button>
        )}
      </div>
      {result && !result.ok && <ErrorMessage>{result.message}</ErrorMessage>}
      {result?.ok && (
        <Field label="Signing secret" hint="Verify each delivery with it; see the README for a snippet.">
          <Input className={styles.mono} readOnly value={result.secret} />
        </Field>
      )}
    </section>
  );
};
