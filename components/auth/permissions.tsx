"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Permissions } from "@/lib/operations/permissions";

// What the signed-in user's role lets them do (lib/operations/permissions.ts, computed on the
// server from the operations' declarations), for hiding controls.

// Signed out until the layout says otherwise.
const PermissionsContext = createContext<Permissions>({ canManage: false, canRevealSecrets: false, canAdminister: false });

export const PermissionsProvider = ({ permissions, children }: { permissions: Permissions; children: ReactNode }) => (
  <PermissionsContext.Provider value={permissions}>{children}</PermissionsContext.Provider>
);

export const usePermissions = () => useContext(PermissionsContext);
