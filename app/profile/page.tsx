import { ApiTokenTable } from "@/components/profile/api-token-table";
import { NewApiTokenForm } from "@/components/profile/new-api-token-form";
import { BladeHeader } from "@/components/shell/blade-header";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { listOwnApiTokens } from "@/lib/operations/api-tokens";
import { pageCaller } from "@/lib/operations/callers";

export const metadata = { title: "Profile" };

/** Who you are, and your personal API tokens for the REST API and the CLI. */
const ProfilePage = async () => {
  const caller = await pageCaller(listOwnApiTokens);
  const user = caller.principal;
  return (
    <>
      <BladeHeader crumbs={[{ label: "Profile", href: "/profile" }]} title={user.name} subtitle={`${user.email} · ${ROLE_LABELS[user.role]}`} />
      <h2 className="section-heading">API tokens</h2>
      <p>Send a token as <code>Authorization: Bearer &lt;token&gt;</code> to the REST API, or set it as REGISTRY_WEBHOOKS_TOKEN for the CLI.</p>
      <ApiTokenTable tokens={await listOwnApiTokens(caller)} />
      <h2 className="section-heading">New API token</h2>
      <NewApiTokenForm role={user.role} />
    </>
  );
};

export default ProfilePage;
