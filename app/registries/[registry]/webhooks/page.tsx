import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { pageCaller } from "@/lib/operations/callers";
import { listRegistryWebhooks } from "@/lib/operations/webhooks";
import { webhooksPath } from "@/lib/webhooks/paths";
import { readRegistryParams, type RegistryParams } from "@/lib/http/route-params";

type Props = { params: RegistryParams };

export const generateMetadata = async ({ params }: Props) => ({
  title: `${(await readRegistryParams(params)).registry} | Webhooks`,
});

const WebhooksPage = async ({ params }: Props) => {
  const caller = await pageCaller(listRegistryWebhooks);
  const list = await listRegistryWebhooks(caller, (await readRegistryParams(params)).registry);
  if (list.kind === "registry-missing") notFound();
  const { registry, webhooks } = list;
  return (
    <>
      <BladeHeader
        crumbs={[{ label: `${registry} | Webhooks`, href: webhooksPath(registry) }]}
        title={`${registry} | Webhooks`}
        subtitle="Container registry"
      />
      <WebhookList registry={registry} webhooks={webhooks} />
    </>
  );
};

export default WebhooksPage;
