"use client";

import { Menu, MenuItem, MenuPopover, MenuTrigger, ToolbarButton } from "@fluentui/react-components";
import { SendRegular } from "@fluentui/react-icons";
import type { KeyboardEvent } from "react";
import type { WebhookAction } from "@/lib/webhooks/schema";
import type { SampleAction } from "@/lib/webhooks/sample-schema";
import { MenuList } from "../shell/menu-list";

type SendSampleMenuProps = {
  /** The actions the webhook gets: a sample of another one is not offered (the server refuses it too). */
  actions: readonly WebhookAction[];
  isBusy: boolean;
  onSend: (action: SampleAction) => void;
};

const ITEMS: { action: SampleAction; label: string; missing: string }[] = [
  { action: "push", label: "Sample push", missing: "This webhook does not get push events." },
  { action: "delete", label: "Sample delete", missing: "This webhook does not get delete events." },
];

/**
 * Down Arrow on a menu button opens its menu (Fluent's MenuTrigger does it): the toolbar must not
 * also move focus to the next button, which it does for Down Arrow everywhere else.
 */
const onTriggerKeyDown = (event: KeyboardEvent) => {
  if (event.key === "ArrowDown") event.stopPropagation();
};

/** "Send sample" in the webhook's toolbar: a menu button, as the Azure portal's toolbars group related commands. */
export const SendSampleMenu = ({ actions, isBusy, onSend }: SendSampleMenuProps) => (
  <Menu>
    <MenuTrigger disableButtonEnhancement>
      <ToolbarButton icon={<SendRegular />} disabled={isBusy} onKeyDown={onTriggerKeyDown}>
        Send sample
      </ToolbarButton>
    </MenuTrigger>
    <MenuPopover>
      <MenuList>
        {ITEMS.map(({ action, label, missing }) => {
          const isOffered = actions.includes(action);
          return (
            <MenuItem key={action} disabled={!isOffered} title={isOffered ? undefined : missing} onClick={() => onSend(action)}>
              {label}
            </MenuItem>
          );
        })}
      </MenuList>
    </MenuPopover>
  </Menu>
);
