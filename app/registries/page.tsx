import { RegistryList } from "@/components/registries/registry-list";
import { BladeHeader } from "@/components/shell/blade-header";
import { pageCaller } from "@/lib/operations/callers";
import { listRegistries } from "@/lib/operations/registries";

export const metadata = { title: "Registries" };
export const dynamic = "force-dynamic";

const RegistriesPage = async () => {
  const caller = await pageCaller(listRegistries);
  return (
    <>
      <BladeHeader crumbs={[{ label: "Registries", href: "/registries" }]} title="Registries" subtitle="Container registries" />
      <RegistryList registries={await listRegistries(caller)} />
    </>
  );
};

export default RegistriesPage;
