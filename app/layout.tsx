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
        </header>
        <main className="portal-main">{children}</main>
      </Providers>
    </body>
  </html>
);

export default RootLayout;
