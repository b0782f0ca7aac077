import "server-only";
import type { Role } from "../auth/roles";
import { readAuditLog } from "./audit-log";
import { allows } from "./operation";
import { listUsers } from "./users";
import { getCallbackConfig, updateWebhook } from "./webhooks";

// What the signed-in user's role lets them do, read from the operations' declarations, for
// pages and components that hide controls. Hiding is for clarity only: every operation
// refuses a caller below its role itself.

export type Permissions = { canManage: boolean; canRevealSecrets: boolean; canAdminister: boolean };

export const NO_PERMISSIONS: Permissions = { canManage: false, canRevealSecrets: false, canAdminister: false };

export const permissionsOf = (role: Role | null): Permissions =>
  role
    ? {
        /** Create, configure and delete webhooks and registries; ping; redeliver; rotate secrets. */
        canManage: allows(updateWebhook, role),
        /** Read a webhook's service URI, header values or signing secret back. */
        canRevealSecrets: allows(getCallbackConfig, role),
        /** The Users page and the audit log. */
        canAdminister: allows(listUsers, role) && allows(readAuditLog, role),
      }
    : NO_PERMISSIONS;
