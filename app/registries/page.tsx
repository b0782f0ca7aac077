import { RegistryList } from "@/components/registries/registry-list";
import { BladeHeader } from "@/components/shell/blade-header";
import { listRegistries } from "@/lib/registry/queries";
import { requireUser } from "@/lib/auth/guards";

export const metadata = { title: "Registries" };
export const dynamic = "force-dynamic";

const RegistriesPage = async () => {
  await requireUser();
  return (
    <>
      <BladeHeader crumbs={[{ label: "Registries", href: "/registries" }]} title="Registries" subtitle="Container registries" />
      <RegistryList registries={await listRegistries()} />
    </>
  );
};

export default RegistriesPage;
