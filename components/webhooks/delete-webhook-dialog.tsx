"use client";

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteWebhook } from "@/lib/actions/webhooks";
import { ErrorMessage } from "../shell/error-message";

type DeleteWebhookDialogProps = { registry: string; webhook: string; isOpen: boolean; onClose: () => void };

export const DeleteWebhookDialog = ({ registry, webhook, isOpen, onClose }: DeleteWebhookDialogProps) => {
  const router = useRouter();
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onDelete = async () => {
    setIsDeleting(true);
    setError(null);
    try {
      const result = await deleteWebhook(registry, webhook);
      if (result.ok) {
        router.push(result.href);
        return;
      }
      setError(result.message);
    } catch {
      setError("The webhook could not be deleted because of an unexpected error. Try again.");
    }
    setIsDeleting(false);
  };

  return (
    <Dialog open={isOpen} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete webhook</DialogTitle>
          <DialogContent>
            Do you want to delete the webhook &quot;{webhook}&quot;? Its events are deleted with it, and it stops
            receiving notifications at once.
            {error && <ErrorMessage>{error}</ErrorMessage>}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={isDeleting} onClick={onDelete}>
              Delete
            </Button>
            <Button appearance="secondary" disabled={isDeleting} onClick={onClose}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
};
