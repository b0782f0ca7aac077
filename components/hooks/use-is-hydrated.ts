"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server HTML and during hydration, true once React owns the page. Buttons that
 * need JavaScript stay disabled until then, so an early click is not lost or sent as a
 * native form GET (which would put the form's values, custom headers included, in the URL).
 */
export const useIsHydrated = () =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
