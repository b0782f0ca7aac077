import { configureWebhookPath, webhookPath, webhooksPath } from "@/lib/webhooks/paths";
import { BladeHeader } from "../shell/blade-header";
import { UnreadableWebhookNotice } from "./unreadable-webhook";

type UnreadableWebhookBladeProps = { registry: string; webhook: string; message: string; page: "detail" | "configure" };

/**
 * The detail or Configure page of a webhook whose secrets cannot be opened: its heading as
 * usual, then why and what to do, with Delete (both pages need the secrets to show anything else).
 */
export const UnreadableWebhookBlade = ({ registry, webhook, message, page }: UnreadableWebhookBladeProps) => {
  const crumbs = [
    { label: `${registry} | Webhooks`, href: webhooksPath(registry) },
    { label: webhook, href: webhookPath(registry, webhook) },
  ];
  if (page === "configure") crumbs.push({ label: "Configure", href: configureWebhookPath(registry, webhook) });
  return (
    <>
      <BladeHeader crumbs={crumbs} title={page === "configure" ? `Configure ${webhook}` : webhook} subtitle="Webhook" />
      <UnreadableWebhookNotice registry={registry} webhook={webhook} message={message} />
    </>
  );
};
