import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { formatCustomHeaders } from "@/lib/webhooks/headers";
import { configureWebhookPath, webhookPath, webhooksPath } from "@/lib/webhooks/paths";
import { pageCaller } from "@/lib/operations/callers";
import { updateWebhook } from "@/lib/operations/webhooks";
import { findRegistry } from "@/lib/registry/queries";
import { findWebhookOrWhyUnreadable, UnreadableWebhook } from "@/lib/webhooks/queries";
import { UnreadableWebhookBlade } from "@/components/webhooks/unreadable-webhook-blade";
import { readWebhookParams, type WebhookParams } from "@/lib/http/route-params";

type Props = { params: WebhookParams };

export const metadata = { title: "Configure webhook" };

const ConfigureWebhookPage = async ({ params }: Props) => {
  await pageCaller(updateWebhook);
  const { registry, webhook: name } = await readWebhookParams(params);
  const [webhook, registryRow] = await Promise.all([findWebhookOrWhyUnreadable(registry, name), findRegistry(registry)]);
  if (!webhook || !registryRow) notFound();
  // The form needs the service URI and headers in plaintext: say why they cannot be shown, as the detail page does.
  if (webhook instanceof UnreadableWebhook) return <UnreadableWebhookBlade registry={registry} webhook={name} message={webhook.message} page="configure" />;
  const { view } = webhook;
  return (
    <>
      <BladeHeader
        crumbs={[
          { label: `${registry} | Webhooks`, href: webhooksPath(registry) },
          { label: view.name, href: webhookPath(registry, view.name) },
          { label: "Configure", href: configureWebhookPath(registry, view.name) },
        ]}
        title={`Configure ${view.name}`}
        subtitle="Webhook"
      />
      <WebhookForm
        mode="configure"
        registry={registry}
        webhookName={view.name}
        hasRegistryApi={registryRow.apiAddress !== ""}
        defaultValues={{
          name: view.name,
          serviceUri: view.serviceUri,
          customHeaders: formatCustomHeaders(view.customHeaders),
          actions: view.actions,
          status: view.status,
          scope: view.scope,
          payloadFormat: view.payloadFormat,
        }}
      />
    </>
  );
};

export default ConfigureWebhookPage;
