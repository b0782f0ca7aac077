"use client";

import { Button, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { KeyResetRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { regenerateToken, type TokenResult } from "@/lib/actions/registries";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { TokenReveal } from "./token-reveal";
import { ErrorMessage } from "../shell/error-message";
import { usePermissions } from "../auth/permissions";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "760px" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

type NotificationSetupProps = { registry: string; endpoint: string; hasToken: boolean };

/** Where Distribution sends its notifications, and the token it must present. */
export const NotificationSetup = ({ registry, endpoint, hasToken }: NotificationSetupProps) => {
  const styles = useStyles();
  const isHydrated = useIsHydrated();
  const { canManage } = usePermissions();
  const [result, setResult] = useState<TokenResult | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onRegenerate = async () => {
    setIsBusy(true);
    try {
      setResult(await regenerateToken(registry));
    } catch {
      setResult({ ok: false, message: "A new token could not be generated because of an unexpected error. Try again." });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className={styles.box}>
      <Field label="Notifications endpoint">
        <Input className={styles.mono} readOnly value={endpoint} />
      </Field>
      <div className={styles.row}>
        <Text>
          {hasToken || result?.ok
            ? "A token is set. It was shown once, when it was generated."
            : "No token yet: the endpoint refuses every notification until you generate one."}
        </Text>
        {canManage && (
          <Button icon={<KeyResetRegular />} disabled={isBusy || !isHydrated} onClick={onRegenerate}>
            Regenerate token
          </Button>
        )}
      </div>
      {result && !result.ok && <ErrorMessage>{result.message}</ErrorMessage>}
      {result?.ok && <TokenReveal token={result.token} yaml={result.yaml} />}
    </div>
  );
};
