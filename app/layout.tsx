import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PermissionsProvider } from "@/components/auth/permissions";
import { UserMenu } from "@/components/auth/user-menu";
import { Providers } from "@/components/providers";
import { currentUser } from "@/lib/auth/current-user";
import { permissionsOf } from "@/lib/operations/permissions";
import "./globals.css";

export const metadata: Metadata = {
  title: "Registry webhooks",
  description: "Manage container registry webhooks, like the Azure Container Registry Webhooks blade.",
};

const RootLayout = async ({ children }: { children: ReactNode }) => {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <Providers>
          <PermissionsProvider permissions={permissionsOf(user?.role ?? null)}>
            <header className="portal-header">
              <Link href="/">Registry webhooks</Link>
              {user && <UserMenu user={user} />}
            </header>
            <main className="portal-main">{children}</main>
          </PermissionsProvider>
        </Providers>
      </body>
    </html>
  );
};

export default RootLayout;
