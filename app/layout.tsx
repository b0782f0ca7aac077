import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Registry webhooks",
  description: "Manage container registry webhooks, like the Azure Container Registry Webhooks blade.",
};

const RootLayout = ({ children }: { children: ReactNode }) => (
  <html lang="en">
    <body>
      <Providers>
        <header className="portal-header">
          <Link href="/">Registry webhooks</Link>
          <nav aria-label="Portal" className="portal-nav">
            <Link href="/registries">Registries</Link>
          </nav>
        </header>
        <main className="portal-main">{children}</main>
      </Providers>
    </body>
  </html>
);

export default RootLayout;
