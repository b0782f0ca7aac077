"use client";

import { useState } from "react";

/**
 * False until `open` first turns true, then true for good: render a Fluent `Dialog` only when
 * this says so. A mounted Dialog, even closed, starts Tabster's modalizer, which puts two
 * focusable `aria-hidden` guards on <body> (axe: aria-hidden-focus) on every fresh page load.
 * Once opened, the Dialog stays mounted and closes through its `open` prop, the path Fluent
 * supports: unmounting it instead (while open, or after its exit motion) left the page
 * `aria-hidden` in some runs.
 */
export const useMountedOnceOpened = (open: boolean) => {
  const [hasOpened, setHasOpened] = useState(open);
  // Set during render (React's documented pattern for state derived from a prop change).
  if (open && !hasOpened) setHasOpened(true);
  return hasOpened || open;
};
