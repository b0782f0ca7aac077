import Link from "next/link";
import { notFound } from "next/navigation";
import { NotificationSetup } from "@/components/registries/notification-setup";
import { RegistryApiSettings } from "@/components/registries/registry-api-settings";
import { BladeHeader } from "@/components/shell/blade-header";
import { webhooksPath } from "@/lib/webhooks/paths";
import { pageCaller } from "@/lib/operations/callers";
import { getRegistry } from "@/lib/operations/registries";
import { readRegistryParams, type RegistryParams } from "@/lib/http/route-params";

type Props = { params: RegistryParams };

const RegistryPage = async ({ params }: Props) => {
  const caller = await pageCaller(getRegistry);
  const registry = await getRegistry(caller, (await readRegistryParams(params)).registry);
  if (!registry) notFound();
  return (
    <>
      <BladeHeader
        crumbs={[
          { label: "Registries", href: "/registries" },
          { label: registry.name, href: `/registries/${registry.name}` },
        ]}
        title={registry.name}
        subtitle={`Container registry${registry.host ? ` at ${registry.host}` : ""}`}
      />
      <p>
        <Link href={webhooksPath(registry.name)}>Webhooks of {registry.name}</Link>
      </p>
      <NotificationSetup
        registry={registry.name}
        endpoint={registry.endpoint}
        hasToken={registry.hasToken}
      />
      <RegistryApiSettings registry={registry.name} view={registry.api} />
    </>
  );
};

export default RegistryPage;
