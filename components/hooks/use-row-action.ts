"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * Runs a server action for one table row: marks the row busy, shows the refusal (or an
 * unexpected failure) in words, and re-renders the page from the server afterwards.
 */
export const useRowAction = (failure: string) => {
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (rowId: string, action: () => Promise<Outcome>) => {
    setBusyId(rowId);
    setError(null);
    const result = await action().catch((): Outcome => ({ ok: false, message: failure }));
    setBusyId(null);
    if (!result.ok) setError(result.message);
    router.refresh();
  };
  return { busyId, error, run };
};
