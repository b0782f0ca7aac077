import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { parsePage } from "@/lib/api/page-param";
import { BladeHeader } from "@/components/shell/blade-header";
import { readAuditLog } from "@/lib/operations/audit-log";
import { pageCaller } from "@/lib/operations/callers";

export const metadata = { title: "Audit log" };

type Props = { searchParams: Promise<{ page?: string }> };

/** Owners only: every sign-in, change, ping and secret read, newest first. */
const AuditPage = async ({ searchParams }: Props) => {
  const caller = await pageCaller(readAuditLog);
  const page = parsePage((await searchParams).page) ?? 1;
  const { rows, hasOlder } = await readAuditLog(caller, page);
  return (
    <>
      <BladeHeader crumbs={[{ label: "Audit log", href: "/audit" }]} title="Audit log" subtitle="Who did what, when and from where" />
      <AuditTable rows={rows} />
      <nav aria-label="Audit log pages" className="pager">
        {page > 1 && <Link href={`/audit?page=${page - 1}`}>Newer</Link>}
        {hasOlder && <Link href={`/audit?page=${page + 1}`}>Older</Link>}
      </nav>
    </>
  );
};

export default AuditPage;
