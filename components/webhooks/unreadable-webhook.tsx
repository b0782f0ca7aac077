"use client";

import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import { usePermissions } from "../auth/permissions";
import { useMountedOnceOpened } from "../hooks/use-mounted-once-opened";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";

type UnreadableWebhookProps = { registry: string; webhook: string; message: string };

/**
 * A webhook whose secrets cannot be opened (saved under another SECRET_KEY): what went wrong and
 * what to do, instead of the detail page (which needs them), with Delete still offered.
 */
export const UnreadableWebhookNotice = ({ registry, webhook, message }: UnreadableWebhookProps) => {
  const { canManage } = usePermissions();
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const isDeleteMounted = useMountedOnceOpened(isDeleteOpen);
  return (
    <>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This webhook cannot be opened</MessageBarTitle>
          {message}
        </MessageBarBody>
      </MessageBar>
      {canManage && (
        <p>
          <Button onClick={() => setIsDeleteOpen(true)}>Delete webhook</Button>
        </p>
      )}
      {isDeleteMounted && <DeleteWebhookDialog registry={registry} webhook={webhook} isOpen={isDeleteOpen} onClose={() => setIsDeleteOpen(false)} />}
    </>
  );
};
