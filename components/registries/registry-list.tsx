"use client";

import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Toolbar,
  ToolbarButton,
  tokens,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { RegistryListItem } from "@/lib/registry/queries";
import { webhooksPath } from "@/lib/webhooks/paths";
import { useIsHydrated } from "../hooks/use-is-hydrated";

const useStyles = makeStyles({
  link: { color: tokens.colorBrandForegroundLink, textDecorationLine: "none", ":hover": { textDecorationLine: "underline" } },
});

export const RegistryList = ({ registries }: { registries: RegistryListItem[] }) => {
  const styles = useStyles();
  const router = useRouter();
  const isHydrated = useIsHydrated();
  return (
    <>
      <Toolbar aria-label="Registry commands">
        <ToolbarButton icon={<AddRegular />} disabled={!isHydrated} onClick={() => router.push("/registries/new")}>
          Add registry
        </ToolbarButton>
      </Toolbar>
      <Table aria-label="Registries" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Host</TableHeaderCell>
            <TableHeaderCell>Webhooks</TableHeaderCell>
            <TableHeaderCell>Notifications</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {registries.map((registry) => (
            <TableRow key={registry.name}>
              <TableCell>
                <Link className={styles.link} href={`/registries/${registry.name}`}>
                  {registry.name}
                </Link>
              </TableCell>
              <TableCell>{registry.host || "Not set"}</TableCell>
              <TableCell>
                <Link className={styles.link} href={webhooksPath(registry.name)}>
                  {registry.webhookCount} {registry.webhookCount === 1 ? "webhook" : "webhooks"}
                </Link>
              </TableCell>
              <TableCell>{registry.hasToken ? "Token set" : "No token"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
