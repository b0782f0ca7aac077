import { RegistryList } from "@/components/registries/registry-list";
import { BladeHeader } from "@/components/shell/blade-header";
import { listRegistries } from "@/lib/registry/queries";

export const metadata = { title: "Registries" };
export const dynamic = "force-dynamic";

const RegistriesPage = async () => (
  <>
    <BladeHeader crumbs={[{ label: "Registries", href: "/registries" }]} title="Registries" subtitle="Container registries" />
    <RegistryList registries={await listRegistries()} />
  </>
);

export default RegistriesPage;
