import { ApiTokenTable } from "@/components/profile/api-token-table";
import { NewApiTokenForm } from "@/components/profile/new-api-token-form";
import { BladeHeader } from "@/components/shell/blade-header";
import { requireUser } from "@/lib/auth/guards";
import { roleOf, ROLE_LABELS } from "@/lib/auth/roles";
import { db } from "@/lib/db";

export const metadata = { title: "Profile" };

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Who you are, and your personal API tokens for the REST API and the CLI. */
const ProfilePage = async () => {
  const user = await requireUser();
  const tokens = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  return (
    <>
      <BladeHeader crumbs={[{ label: "Profile", href: "/profile" }]} title={user.name} subtitle={`${user.email} · ${ROLE_LABELS[user.role]}`} />
      <h2 className="section-heading">API tokens</h2>
      <p>Send a token as <code>Authorization: Bearer &lt;token&gt;</code> to the REST API, or set it as REGISTRY_WEBHOOKS_TOKEN for the CLI.</p>
      <ApiTokenTable
        tokens={tokens.map((token) => ({
          id: token.id,
          name: token.name,
          prefix: token.prefix,
          role: roleOf(token.role),
          createdAt: token.createdAt.toISOString(),
          expiresAt: iso(token.expiresAt),
          lastUsedAt: iso(token.lastUsedAt),
        }))}
      />
      <h2 className="section-heading">New API token</h2>
      <NewApiTokenForm role={user.role} />
    </>
  );
};

export default ProfilePage;
