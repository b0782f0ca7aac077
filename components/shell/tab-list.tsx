"use client";

import {
  renderTabList_unstable,
  useMergedRefs,
  useTabListContextValues_unstable,
  useTabListStyles_unstable,
  type TabListProps,
  type TabListState,
} from "@fluentui/react-components";
import { useTabListBase_unstable } from "@fluentui/react-tabs";
import { forwardRef } from "react";
import { useRovingTabStop, withRovingHandlers } from "../hooks/use-roving-tab-stop";

/**
 * Fluent UI's TabList (same look, same Tabs inside) with the arrow-key navigation of
 * useRovingTabStop instead of Tabster's, whose focusable aria-hidden elements around the tabs
 * fail axe's aria-hidden-focus. Tab reaches the selected tab; the arrow keys, Home and End move
 * between tabs, and Enter or Space selects one.
 */
export const TabList = forwardRef<HTMLDivElement, TabListProps>(
  ({ appearance = "transparent", reserveSelectedTabSpace = true, size = "medium", ...props }, ref) => {
    const roving = useRovingTabStop<HTMLDivElement>({
      items: '[role="tab"]',
      orientation: props.vertical ? "vertical" : "horizontal",
      returnToSelected: true,
    });
    const base = useTabListBase_unstable(withRovingHandlers(props, roving), useMergedRefs(ref, roving.ref));
    const state: TabListState = { ...base, appearance, reserveSelectedTabSpace, size };
    const contextValues = useTabListContextValues_unstable(state);
    useTabListStyles_unstable(state);
    return renderTabList_unstable(state, contextValues);
  },
);
TabList.displayName = "TabList";
