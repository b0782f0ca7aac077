// The per-webhook cap on requests in flight, as both dialects' claims apply it
// (lib/db/sqlite/delivery-store.ts, lib/db/postgres/delivery-store.ts).

/** Webhooks already at `cap` requests in flight: a claim leaves their deliveries out. */
export const webhooksAtCap = (ownInFlight: ReadonlyMap<string, number>, cap: number) =>
  [...ownInFlight].filter(([, n]) => n >= cap).map(([webhookId]) => webhookId);

/**
 * Walks due rows oldest first and splits them into those within their webhook's cap (counting
 * `ownInFlight` and the rows kept before them) and those beyond it.
 */
export const splitByCap = <R extends { webhookId: string }>(rows: readonly R[], ownInFlight: ReadonlyMap<string, number>, cap: number) => {
  const busy = new Map(ownInFlight);
  const kept: R[] = [];
  const beyond: R[] = [];
  for (const row of rows) {
    const n = busy.get(row.webhookId) ?? 0;
    if (n >= cap) beyond.push(row);
    else {
      busy.set(row.webhookId, n + 1);
      kept.push(row);
    }
  }
  return { kept, beyond };
};
