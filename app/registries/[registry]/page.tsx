import Link from "next/link";
import { notFound } from "next/navigation";
import { NotificationSetup } from "@/components/registries/notification-setup";
import { BladeHeader } from "@/components/shell/blade-header";
import { notificationsEndpoint } from "@/lib/registry/notifications-config";
import { portalUrl } from "@/lib/registry/portal-url";
import { webhooksPath } from "@/lib/webhooks/paths";
import { findRegistry } from "@/lib/registry/queries";
import { readRegistryParams, type RegistryParams } from "@/lib/http/route-params";
import { requireUser } from "@/lib/auth/guards";

type Props = { params: RegistryParams };

const RegistryPage = async ({ params }: Props) => {
  await requireUser();
  const registry = await findRegistry((await readRegistryParams(params)).registry);
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
        endpoint={notificationsEndpoint(await portalUrl(), registry.name)}
        hasToken={registry.tokenHash !== ""}
      />
    </>
  );
};

export default RegistryPage;
