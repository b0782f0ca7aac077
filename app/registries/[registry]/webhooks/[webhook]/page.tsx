import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { UnreadableWebhookBlade } from "@/components/webhooks/unreadable-webhook-blade";
import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { blockedReason } from "@/lib/delivery/destination-check";
import { env } from "@/lib/env";
import { getDeliveryHealth } from "@/lib/events/health";
import { listEvents } from "@/lib/events/queries";
import { webhookPath, webhooksPath } from "@/lib/webhooks/paths";
import { pageCaller } from "@/lib/operations/callers";
import { getWebhook } from "@/lib/operations/webhooks";
import { findWebhookOrWhyUnreadable, UnreadableWebhook } from "@/lib/webhooks/queries";
import { readWebhookParams, type WebhookParams } from "@/lib/http/route-params";

type Props = { params: WebhookParams };

export const generateMetadata = async ({ params }: Props) => ({
  title: `${(await readWebhookParams(params)).webhook} | Webhook`,
});

const WebhookPage = async ({ params }: Props) => {
  await pageCaller(getWebhook);
  const { registry, webhook: name } = await readWebhookParams(params);
  const webhook = await findWebhookOrWhyUnreadable(registry, name);
  if (!webhook) notFound();
  if (webhook instanceof UnreadableWebhook) return <UnreadableWebhookBlade registry={registry} webhook={name} message={webhook.message} page="detail" />;
  const [initialEvents, initialHealth, policyWarning] = await Promise.all([
    listEvents(webhook.row.id),
    getDeliveryHealth(webhook.row.id, "24h"),
    blockedReason(webhook.row.serviceUri, env.OUTBOUND_ALLOWLIST, env.PORTAL_URL),
  ]);
  return (
    <>
      <BladeHeader
        crumbs={[
          { label: `${registry} | Webhooks`, href: webhooksPath(registry) },
          { label: webhook.view.name, href: webhookPath(registry, webhook.view.name) },
        ]}
        title={webhook.view.name}
        subtitle="Webhook"
      />
      <WebhookDetail registry={registry} webhook={webhook.view} initialEvents={initialEvents} initialHealth={initialHealth} policyWarning={policyWarning} />
    </>
  );
};

export default WebhookPage;
