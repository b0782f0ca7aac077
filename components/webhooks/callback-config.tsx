"use client";

import { Button, Field, Input, makeStyles, Textarea, tokens } from "@fluentui/react-components";
import { EyeRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { getCallbackConfig, type CallbackConfig as Config } from "@/lib/actions/webhooks";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, maxWidth: "760px" },
  button: { alignSelf: "flex-start" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** Service URI and custom headers are write-only; this reveals them on purpose, like `get-config`. */
export const CallbackConfig = ({ registry, webhook }: { registry: string; webhook: string }) => {
  const styles = useStyles();
  const isHydrated = useIsHydrated();
  const [config, setConfig] = useState<Config | null>(null);

  const onShow = async () => {
    try {
      setConfig(await getCallbackConfig(registry, webhook));
    } catch {
      setConfig({ ok: false, message: "The callback config could not be loaded because of an unexpected error. Try again." });
    }
  };

  return (
    <div className={styles.box}>
      {!config?.ok && (
        <Button className={styles.button} icon={<EyeRegular />} disabled={!isHydrated} onClick={onShow}>
          Show callback config
        </Button>
      )}
      {config && !config.ok && <ErrorMessage>{config.message}</ErrorMessage>}
      {config?.ok && (
        <>
          <Field label="Callback service URI">
            <Input className={styles.mono} readOnly value={config.serviceUri} />
          </Field>
          <Field label="Callback custom headers">
            <Textarea className={styles.mono} readOnly value={config.customHeaders || "(none)"} rows={3} />
          </Field>
        </>
      )}
    </div>
  );
};
