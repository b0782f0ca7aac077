"use client";

import {
  renderToolbar_unstable,
  useMergedRefs,
  useToolbarStyles_unstable,
  type ToolbarProps,
  type ToolbarState,
} from "@fluentui/react-components";
import { useToolbarBase_unstable, useToolbarContextValues_unstable } from "@fluentui/react-toolbar";
import { forwardRef } from "react";
import { useRovingTabStop, withRovingHandlers } from "../hooks/use-roving-tab-stop";

/**
 * Fluent UI's Toolbar (same look, same ToolbarButtons inside) with the arrow-key navigation of
 * useRovingTabStop instead of Tabster's, whose focusable aria-hidden elements around the
 * buttons fail axe's aria-hidden-focus. One Tab stop; the arrow keys, Home and End move
 * between the buttons.
 */
export const Toolbar = forwardRef<HTMLDivElement, ToolbarProps>(({ size = "medium", ...props }, ref) => {
  const roving = useRovingTabStop<HTMLDivElement>({ items: "button", orientation: "both" });
  const base = useToolbarBase_unstable(withRovingHandlers(props, roving), useMergedRefs(ref, roving.ref));
  const state: ToolbarState = { ...base, size };
  const contextValues = useToolbarContextValues_unstable(state);
  useToolbarStyles_unstable(state);
  return renderToolbar_unstable(state, contextValues);
});
Toolbar.displayName = "Toolbar";
