import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { BladeHeader } from "@/components/shell/blade-header";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/next-path";
import { hasAnyUser } from "@/lib/auth/users";

export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

const SignInPage = async ({ searchParams }: Props) => {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  // A portal with no user yet has nobody to sign in as: the setup page makes the first Owner.
  if (!(await hasAnyUser())) redirect("/setup");
  return (
    <>
      <BladeHeader crumbs={[]} title="Sign in" subtitle="Registry webhooks" />
      <SignInForm next={next} />
    </>
  );
};

export default SignInPage;
