import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade-header";
import { ReceiverUrl } from "@/components/test-receivers/receiver-url";
import { ModeSelect } from "@/components/test-receivers/mode-select";
import { ReceiverRequests } from "@/components/test-receivers/receiver-requests";
import { formatTimestamp } from "@/components/webhooks/format";
import { pageCaller } from "@/lib/operations/callers";
import { readTestReceiverRequests } from "@/lib/operations/test-receivers";

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: "Test receiver" };

/** One receiver: its URL, how it answers, and what it got, live. */
const TestReceiverPage = async ({ params }: Props) => {
  const caller = await pageCaller(readTestReceiverRequests);
  const result = await readTestReceiverRequests(caller, (await params).id);
  if (result.kind === "missing") notFound();
  const { receiver, requests } = result;
  return (
    <>
      <BladeHeader
        crumbs={[
          { label: "Test receivers", href: "/test-receivers" },
          { label: receiver.name, href: `/test-receivers/${receiver.id}` },
        ]}
        title={receiver.name}
        subtitle={`Test receiver · expires ${formatTimestamp(receiver.expiresAt)}`}
      />
      <ReceiverUrl url={receiver.url} />
      <ModeSelect receiverId={receiver.id} mode={receiver.mode} />
      <h2 className="section-heading">Received requests</h2>
      <ReceiverRequests receiverId={receiver.id} initial={{ receiver, requests }} />
    </>
  );
};

export default TestReceiverPage;
