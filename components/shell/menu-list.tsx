"use client";

import {
  renderMenuList_unstable,
  useMenuListContextValues_unstable,
  useMenuListStyles_unstable,
  useMergedRefs,
  type MenuListProps,
} from "@fluentui/react-components";
import { useMenuListBase_unstable } from "@fluentui/react-menu";
import { forwardRef } from "react";
import { useRovingTabStop, withRovingHandlers } from "../hooks/use-roving-tab-stop";

/**
 * Fluent UI's MenuList (same look, same MenuItems inside, inside Fluent's Menu and
 * MenuPopover) with the arrow-key navigation of useRovingTabStop instead of Tabster's, whose
 * focusable aria-hidden elements around the items fail axe's aria-hidden-focus. The arrow
 * keys, Home and End move between the enabled items; Escape and Tab close the menu as before.
 */
export const MenuList = forwardRef<HTMLDivElement, MenuListProps>((props, ref) => {
  const roving = useRovingTabStop<HTMLDivElement>({ items: '[role="menuitem"]', orientation: "vertical" });
  const state = useMenuListBase_unstable(withRovingHandlers(props, roving), useMergedRefs(ref, roving.ref));
  const contextValues = useMenuListContextValues_unstable(state);
  useMenuListStyles_unstable(state);
  return renderMenuList_unstable(state, contextValues);
});
MenuList.displayName = "MenuList";
