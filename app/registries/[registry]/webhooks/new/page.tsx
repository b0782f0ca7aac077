import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { webhooksPath, newWebhookPath } from "@/lib/webhooks/paths";
import { pageCaller } from "@/lib/operations/callers";
import { createWebhook } from "@/lib/operations/webhooks";
import { findRegistry } from "@/lib/registry/queries";
import { readRegistryParams, type RegistryParams } from "@/lib/http/route-params";
import { emptyWebhookForm } from "@/lib/webhooks/schema";

type Props = { params: RegistryParams };

export const metadata = { title: "Create webhook" };

const NewWebhookPage = async ({ params }: Props) => {
  await pageCaller(createWebhook);
  const registry = await findRegistry((await readRegistryParams(params)).registry);
  if (!registry) notFound();
  return (
    <>
      <BladeHeader
        crumbs={[
          { label: `${registry.name} | Webhooks`, href: webhooksPath(registry.name) },
          { label: "Create webhook", href: newWebhookPath(registry.name) },
        ]}
        title="Create webhook"
        subtitle={`In registry ${registry.name}`}
      />
      <WebhookForm mode="create" registry={registry.name} defaultValues={emptyWebhookForm} hasRegistryApi={registry.apiAddress !== ""} />
    </>
  );
};

export default NewWebhookPage;
