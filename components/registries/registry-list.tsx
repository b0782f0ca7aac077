"use client";

import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  ToolbarButton,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { useRouter } from "next/navigation";
import type { RegistryListItem } from "@/lib/registry/queries";
import { webhooksPath } from "@/lib/webhooks/paths";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ResourceLink } from "../shell/resource-link";
import { Toolbar } from "../shell/toolbar";
import { usePermissions } from "../auth/permissions";

export const RegistryList = ({ registries }: { registries: RegistryListItem[] }) => {
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const { canManage } = usePermissions();
  return (
    <>
      <Toolbar aria-label="Registry commands">
        {canManage && (
          <ToolbarButton icon={<AddRegular />} disabled={!isHydrated} onClick={() => router.push("/registries/new")}>
            Add registry
          </ToolbarButton>
        )}
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
                <ResourceLink href={`/registries/${registry.name}`}>{registry.name}</ResourceLink>
              </TableCell>
              <TableCell>{registry.host || "Not set"}</TableCell>
              <TableCell>
                <ResourceLink href={webhooksPath(registry.name)}>
                  {registry.webhookCount} {registry.webhookCount === 1 ? "webhook" : "webhooks"}
                </ResourceLink>
              </TableCell>
              <TableCell>{registry.hasToken ? "Token set" : "No token"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
