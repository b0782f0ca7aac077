"use client";

import { createContext, useContext, type ReactNode } from "react";
import { can, type Role } from "@/lib/auth/roles";

// What the signed-in user's role lets them do, for hiding controls. Hiding is for clarity
// only: every server action and route checks the role again.

type Permissions = { canManage: boolean; canRevealSecrets: boolean; canAdminister: boolean };

const NONE: Permissions = { canManage: false, canRevealSecrets: false, canAdminister: false };

const PermissionsContext = createContext<Permissions>(NONE);

export const PermissionsProvider = ({ role, children }: { role: Role | null; children: ReactNode }) => (
  <PermissionsContext.Provider
    value={role ? { canManage: can.manage(role), canRevealSecrets: can.revealSecrets(role), canAdminister: can.administer(role) } : NONE}
  >
    {children}
  </PermissionsContext.Provider>
);

export const usePermissions = () => useContext(PermissionsContext);
