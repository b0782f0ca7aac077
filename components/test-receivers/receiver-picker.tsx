"use client";

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import Link from "next/link";
import { useState } from "react";
import { createTestReceiver, listTestReceivers } from "@/lib/actions/test-receivers";
import { RECEIVER_MODE_LABELS } from "@/lib/test-receivers/schema";
import type { ReceiverSummary } from "@/lib/test-receivers/types";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { useMountedOnceOpened } from "../hooks/use-mounted-once-opened";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  trigger: { alignSelf: "flex-start" },
});

type ReceiverPickerProps = { onPick: (url: string) => void };

/**
 * "Use a test receiver": lists the live test receivers, or creates one, and hands its URL to
 * the form's Service URI (README, "Test receivers").
 */
export const ReceiverPicker = ({ onPick }: ReceiverPickerProps) => {
  const styles = useStyles();
  const isHydrated = useIsHydrated();
  const [isOpen, setIsOpen] = useState(false);
  const isMounted = useMountedOnceOpened(isOpen);
  const [receivers, setReceivers] = useState<ReceiverSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isCreating, setIsCreating] = useState(false);

  const load = async () => {
    setReceivers(null);
    setError(null);
    try {
      setReceivers(await listTestReceivers());
    } catch {
      setError("The test receivers could not be loaded. Try again.");
      setReceivers([]);
    }
  };

  const pick = (receiver: ReceiverSummary) => {
    onPick(receiver.url);
    setIsOpen(false);
  };

  const createAndPick = async () => {
    setIsCreating(true);
    setError(null);
    try {
      const result = await createTestReceiver({ name: `Receiver ${new Date().toISOString().slice(0, 16).replace("T", " ")}`, mode: "ok" });
      if (result.ok) pick(result.receiver);
      else setError(result.message);
    } catch {
      setError("The test receiver could not be created because of an unexpected error. Try again.");
    }
    setIsCreating(false);
  };

  const open = () => {
    setIsOpen(true);
    void load();
  };

  // Mounted at the first open and then kept, for the reasons useMountedOnceOpened gives.
  return (
    <>
      <Button className={styles.trigger} size="small" disabled={!isHydrated} onClick={open}>
        Use a test receiver
      </Button>
      {isMounted && (
        <Dialog open={isOpen} onOpenChange={(_, data) => setIsOpen(data.open)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Use a test receiver</DialogTitle>
              <DialogContent>
                <Text as="p">A test receiver is a request bin inside this portal: it records what the webhook sends. Manage them on the <Link href="/test-receivers" target="_blank">Test receivers</Link> (opens in a new tab) page.</Text>
                {error && <ErrorMessage>{error}</ErrorMessage>}
                {receivers === null ? (
                  <Spinner size="tiny" label="Loading test receivers" />
                ) : receivers.length === 0 ? (
                  <Text as="p">No test receivers yet.</Text>
                ) : (
                  <ul className={styles.list} aria-label="Test receivers">
                    {receivers.map((receiver) => (
                      <li key={receiver.id} className={styles.item}>
                        <span>
                          {receiver.name} <Text size={200}>({RECEIVER_MODE_LABELS[receiver.mode]})</Text>
                        </span>
                        <Button size="small" aria-label={`Use ${receiver.name}`} onClick={() => pick(receiver)}>
                          Use
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" disabled={isCreating} onClick={createAndPick}>
                  Create a new receiver and use it
                </Button>
                <Button appearance="secondary" onClick={() => setIsOpen(false)}>
                  Cancel
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
};
