// TanStack Query keys for client-owned live data: the events table and an event's details.
export const webhookKeys = {
  all: (registry: string, webhook: string) => ["webhooks", registry, webhook] as const,
  events: (registry: string, webhook: string) => [...webhookKeys.all(registry, webhook), "events"] as const,
  /** `cursor`: "newest", "before:SEQ" or "after:SEQ". */
  eventsPage: (registry: string, webhook: string, cursor: string) =>
    [...webhookKeys.events(registry, webhook), "page", cursor] as const,
  /** Under events: whatever refreshes the events (Ping, Redeliver, Refresh) refreshes the chart. */
  health: (registry: string, webhook: string, range: string) => [...webhookKeys.events(registry, webhook), "health", range] as const,
  event: (registry: string, webhook: string, eventId: string) =>
    [...webhookKeys.events(registry, webhook), "detail", eventId] as const,
};
