import { RegistryForm } from "@/components/registries/registry-form";
import { BladeHeader } from "@/components/shell/blade-header";
import { requireUser } from "@/lib/auth/guards";

export const metadata = { title: "Add registry" };

const NewRegistryPage = async () => {
  await requireUser("contributor");
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
