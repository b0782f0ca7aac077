import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { listWebhooks } from "@/lib/webhooks/queries";
import { findRegistry } from "@/lib/registry/queries";
import { webhooksPath } from "@/lib/webhooks/paths";
import { readRegistryParams, type RegistryParams } from "@/lib/http/route-params";
import { requireUser } from "@/lib/auth/guards";

type Props = { params: RegistryParams };

export const generateMetadata = async ({ params }: Props) => ({
  title: `${(await readRegistryParams(params)).registry} | Webhooks`,
});

const WebhooksPage = async ({ params }: Props) => {
  await requireUser();
  const registry = await findRegistry((await readRegistryParams(params)).registry);
  if (!registry) notFound();
  const webhooks = await listWebhooks(registry.id);
  return (
    <>
      <BladeHeader
        crumbs={[{ label: `${registry.name} | Webhooks`, href: webhooksPath(registry.name) }]}
        title={`${registry.name} | Webhooks`}
        subtitle="Container registry"
      />
      <WebhookList registry={registry.name} webhooks={webhooks} />
    </>
  );
};

export default WebhooksPage;
