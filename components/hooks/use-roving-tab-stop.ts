"use client";

import { mergeCallbacks } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, type FocusEvent, type KeyboardEvent } from "react";

type Orientation = "horizontal" | "vertical" | "both";

const NEXT_KEYS: Record<Orientation, string[]> = {
  horizontal: ["ArrowRight"],
  vertical: ["ArrowDown"],
  both: ["ArrowRight", "ArrowDown"],
};
const PREVIOUS_KEYS: Record<Orientation, string[]> = {
  horizontal: ["ArrowLeft"],
  vertical: ["ArrowUp"],
  both: ["ArrowLeft", "ArrowUp"],
};

const isEnabled = (element: HTMLElement) =>
  !element.matches(":disabled") && element.getAttribute("aria-disabled") !== "true";

type RovingTabStopOptions = {
  /** The widget's items, e.g. `button` or `[role="tab"]`. */
  items: string;
  orientation: Orientation;
  /**
   * Tab lists: Tab brings focus back to the selected item (`aria-selected="true"`), not to the
   * one last reached with the arrow keys. Toolbars remember the last one.
   */
  returnToSelected?: boolean;
};

/**
 * One Tab stop for a composite widget (a toolbar, a tab list) and arrow keys, Home and End
 * between its items, wrapping around: the WAI-ARIA "roving tabindex". The item Tab reaches has
 * tabindex 0 and the others -1; disabled items are skipped.
 *
 * Fluent UI's Toolbar and TabList do this with Tabster, which in the uncontrolled-Tab mode
 * Fluent runs it in puts a focusable, aria-hidden <i> before and after the widget's items to
 * catch Tab. Screen readers are told those elements are not there while the keyboard can still
 * reach them (axe's serious `aria-hidden-focus`). Tabindex alone needs no such elements.
 */
export const useRovingTabStop = <T extends HTMLElement>({ items, orientation, returnToSelected = false }: RovingTabStopOptions) => {
  const ref = useRef<T>(null);
  const current = useRef<HTMLElement | null>(null);

  const allItems = useCallback(() => Array.from(ref.current?.querySelectorAll<HTMLElement>(items) ?? []), [items]);

  /** Gives tabindex 0 to the current item (or, if it is gone or disabled, the selected or first one) and -1 to the rest. */
  const sync = useCallback(() => {
    const container = ref.current;
    if (!container) return;
    const all = allItems();
    const enabled = all.filter(isEnabled);
    const selected = enabled.find((item) => item.getAttribute("aria-selected") === "true");
    const isFocusInside = container.contains(container.ownerDocument.activeElement);
    if (returnToSelected && !isFocusInside && selected) current.current = selected;
    if (!current.current || !enabled.includes(current.current)) current.current = selected ?? enabled[0] ?? null;
    for (const item of all) item.tabIndex = item === current.current ? 0 : -1;
  }, [allItems, returnToSelected]);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    sync();
    // Items come and go, and turn enabled or disabled, as the page re-renders.
    const observer = new MutationObserver(sync);
    observer.observe(container, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["disabled", "aria-disabled", "aria-selected"],
    });
    return () => observer.disconnect();
  }, [sync]);

  const onFocus = (event: FocusEvent<T>) => {
    const item = allItems().find((candidate) => candidate === event.target);
    if (!item) return;
    current.current = item;
    sync();
  };

  const onBlur = (event: FocusEvent<T>) => {
    if (!ref.current?.contains(event.relatedTarget as Node | null)) sync();
  };

  const onKeyDown = (event: KeyboardEvent<T>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const enabled = allItems().filter(isEnabled);
    const index = enabled.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    let next: number;
    if (NEXT_KEYS[orientation].includes(event.key)) next = (index + 1) % enabled.length;
    else if (PREVIOUS_KEYS[orientation].includes(event.key)) next = (index - 1 + enabled.length) % enabled.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = enabled.length - 1;
    else return;
    event.preventDefault();
    current.current = enabled[next];
    sync();
    enabled[next].focus();
  };

  return { ref, onFocus, onBlur, onKeyDown };
};

type RovingHandlers<T> = {
  onFocus?: (event: FocusEvent<T>) => void;
  onBlur?: (event: FocusEvent<T>) => void;
  onKeyDown?: (event: KeyboardEvent<T>) => void;
};

/** A widget's props with the roving tab stop's handlers run after its own. */
export const withRovingHandlers = <T extends HTMLElement, P extends RovingHandlers<T>>(props: P, roving: Required<RovingHandlers<T>>): P => ({
  ...props,
  onFocus: mergeCallbacks(props.onFocus, roving.onFocus),
  onBlur: mergeCallbacks(props.onBlur, roving.onBlur),
  onKeyDown: mergeCallbacks(props.onKeyDown, roving.onKeyDown),
});
