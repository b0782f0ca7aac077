import { RegistryForm } from "@/components/registries/registry-form";
import { BladeHeader } from "@/components/shell/blade-header";
import { pageCaller } from "@/lib/operations/callers";
import { createRegistry } from "@/lib/operations/registries";

export const metadata = { title: "Add registry" };

const NewRegistryPage = async () => {
  await pageCaller(createRegistry);
  return (
    <>
      <BladeHeader
        crumbs={[
          { label: "Registries", href: "/registries" },
          { label: "Add registry", href: "/registries/new" },
        ]}
        title="Add registry"
        subtitle="Connect a CNCF Distribution registry"
      />
      <RegistryForm />
    </>
  );
};

export default NewRegistryPage;
