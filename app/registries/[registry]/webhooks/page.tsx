import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { getHealthByName } from "@/lib/events/health";
import { pageCaller } from "@/lib/operations/callers";
import { listRegistryWebhooks } from "@/lib/operations/webhooks";
import { readWebhookListParams } from "@/lib/webhooks/list-params";
import { webhooksPath } from "@/lib/webhooks/paths";
import { WEBHOOKS_PAGE_SIZE } from "@/lib/webhooks/queries";
import { readRegistryParams, type RegistryParams } from "@/lib/http/route-params";

type Props = { params: RegistryParams; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = async ({ params }: Props) => ({
  title: `${(await readRegistryParams(params)).registry} | Webhooks`,
});

const WebhooksPage = async ({ params, searchParams }: Props) => {
  const caller = await pageCaller(listRegistryWebhooks);
  const place = readWebhookListParams(await searchParams);
  const list = await listRegistryWebhooks(caller, (await readRegistryParams(params)).registry, { ...place, limit: WEBHOOKS_PAGE_SIZE });
  if (list.kind === "registry-missing") notFound();
  const { registry, webhooks, nextAfter, previousBefore } = list;
  // Only this page's webhooks: the health columns cost the same with 50 webhooks or 5,000.
  const health = await getHealthByName(registry, webhooks.map((webhook) => webhook.name));
  return (
    <>
      <BladeHeader
        crumbs={[{ label: `${registry} | Webhooks`, href: webhooksPath(registry) }]}
        title={`${registry} | Webhooks`}
        subtitle="Container registry"
      />
      <WebhookList
        registry={registry}
        webhooks={webhooks}
        health={health}
        filter={place.filter}
        isFirstPage={place.after === undefined && place.before === undefined}
        nextAfter={nextAfter}
        previousBefore={previousBefore}
      />
    </>
  );
};

export default WebhooksPage;
