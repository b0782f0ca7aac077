import { BladeHeader } from "@/components/shell/blade-header";
import { NewReceiverForm } from "@/components/test-receivers/new-receiver-form";
import { ReceiverTable } from "@/components/test-receivers/receiver-table";
import { env } from "@/lib/env";
import { pageCaller } from "@/lib/operations/callers";
import { allows } from "@/lib/operations/operation";
import { createTestReceiver, listTestReceivers, readTestReceiverRequests } from "@/lib/operations/test-receivers";

export const metadata = { title: "Test receivers" };

/** Request bins inside the portal: Readers see them, Contributors create, delete and open them. */
const TestReceiversPage = async () => {
  const caller = await pageCaller(listTestReceivers);
  const { role } = caller.principal;
  const canManage = allows(createTestReceiver, role);
  return (
    <>
      <BladeHeader crumbs={[{ label: "Test receivers", href: "/test-receivers" }]} title="Test receivers" subtitle="Request bins inside the portal, for trying webhooks without an outside receiver" />
      <p>
        A receiver records every request sent to its URL (its latest 100) and answers 200, 500 or too late, as you choose. It expires 7 days
        after it was created.
        {!env.PORTAL_URL && " PORTAL_URL is not set, so its URL uses the address your browser used, and deliveries to it follow OUTBOUND_ALLOWLIST like any other URL."}
      </p>
      <ReceiverTable receivers={await listTestReceivers(caller)} canManage={canManage} canReadRequests={allows(readTestReceiverRequests, role)} />
      {canManage && (
        <>
          <h2 className="section-heading">New test receiver</h2>
          <NewReceiverForm />
        </>
      )}
    </>
  );
};

export default TestReceiversPage;
