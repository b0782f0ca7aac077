import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { BladeHeader } from "@/components/shell/blade-header";
import { hasAnyUser } from "@/lib/auth/users";

export const metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** One time only: while the portal has no user (and ADMIN_EMAIL was not given), create the first Owner. */
const SetupPage = async () => {
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <>
      <BladeHeader crumbs={[]} title="Set up registry webhooks" subtitle="Create the first Owner" />
      <SetupForm />
    </>
  );
};

export default SetupPage;
