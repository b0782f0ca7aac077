"use client";

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Text,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { countRecoverableEvents, recoverWebhook } from "@/lib/actions/webhook-recovery";
import { DEFAULT_RECOVER_WINDOW_MS, sinceProblem } from "@/lib/webhooks/recover-schema";
import { ErrorMessage } from "../shell/error-message";

type RecoverDialogProps = {
  registry: string;
  webhook: string;
  isOpen: boolean;
  onClose: () => void;
  /** After the events were queued: how many. */
  onQueued: (count: number) => void;
};

/** The datetime-local field's text for a time, in UTC (the portal shows every time in UTC). */
const toFieldValue = (time: number) => new Date(time).toISOString().slice(0, 16);
/** The field's text ("2026-12-02T10:00" or with seconds) as the RFC 3339 time the server wants. */
const toSince = (value: string) => `${value.length === 16 ? `${value}:00` : value}Z`;

type Count = { state: "counting" } | { state: "counted"; count: number } | { state: "invalid"; message: string };

/**
 * "Redeliver failed events…": a start time (24 hours ago by default, in UTC) and how many
 * failed events since then will be sent again, counted by the server as the time changes.
 */
export const RecoverDialog = ({ isOpen, onClose, ...body }: RecoverDialogProps) => (
  <Dialog open={isOpen} onOpenChange={(_, data) => !data.open && onClose()}>
    {/* The surface's content mounts on each opening, so the start time is "24 hours ago" anew. */}
    <DialogSurface>
      <RecoverDialogBody {...body} onClose={onClose} />
    </DialogSurface>
  </Dialog>
);

const RecoverDialogBody = ({ registry, webhook, onClose, onQueued }: Omit<RecoverDialogProps, "isOpen">) => {
  const [value, setValue] = useState(() => toFieldValue(Date.now() - DEFAULT_RECOVER_WINDOW_MS));
  /** The server's answer for one start time; any other time is still being counted. */
  const [answer, setAnswer] = useState<{ since: string; count: Count } | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const since = toSince(value);
  // Checked here first, with the server's own rule, so a bad time is never sent.
  const problem = sinceProblem(since);

  useEffect(() => {
    if (problem) return;
    let isCurrent = true;
    const answered = (count: Count) => isCurrent && setAnswer({ since, count });
    countRecoverableEvents(registry, webhook, { since })
      .then((result) => answered(result.ok ? { state: "counted", count: result.count } : { state: "invalid", message: result.message }))
      .catch(() => answered({ state: "invalid", message: "The events could not be counted because of an unexpected error. Try again." }));
    return () => {
      isCurrent = false;
    };
  }, [registry, webhook, since, problem]);

  const count: Count = problem
    ? { state: "invalid", message: problem }
    : answer?.since === since
      ? answer.count
      : { state: "counting" };

  const onRedeliver = async () => {
    setIsSending(true);
    setError(null);
    try {
      const result = await recoverWebhook(registry, webhook, { since });
      if (result.ok) {
        onQueued(result.count);
        onClose();
      } else {
        setError(result.message);
      }
    } catch {
      setError("The events could not be queued because of an unexpected error. Try again.");
    }
    setIsSending(false);
  };

  const counted = count.state === "counted" ? count.count : 0;
  return (
    <DialogBody>
      <DialogTitle>Redeliver failed events</DialogTitle>
      <DialogContent>
        <p>
          Every event of this webhook that failed since the start time is sent once more, by the delivery queue at its
          usual pace. Pings and events recorded for an earlier service URI are left out.
        </p>
        <Field
          label="Start time (UTC)"
          validationState={count.state === "invalid" ? "error" : "none"}
          validationMessage={count.state === "invalid" ? count.message : undefined}
        >
          <Input type="datetime-local" value={value} onChange={(_, data) => setValue(data.value)} />
        </Field>
        <Text role="status" block>
          {count.state === "counting" ? "Counting failed events…" : count.state === "counted" ? `${counted} ${counted === 1 ? "event" : "events"} will be sent.` : ""}
        </Text>
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" disabled={isSending || counted === 0} onClick={onRedeliver}>
          Redeliver
        </Button>
        <Button appearance="secondary" disabled={isSending} onClick={onClose}>
          Cancel
        </Button>
      </DialogActions>
    </DialogBody>
  );
};
