import "server-only";
import { listAuditEntries } from "../audit/queries";
import { defineOperation, type Caller } from "./operation";

/** Owners only: one page of every sign-in, change, ping and secret read, newest first. */
export const readAuditLog = defineOperation("audit.read", "owner", async (_caller: Caller, page: number) => listAuditEntries(page));
