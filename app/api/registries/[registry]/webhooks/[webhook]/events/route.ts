/** GET ?page=N: one page of the events table, for the blade's live refresh. */
export { eventsPageRoute as GET } from "@/lib/api/webhook-resource";
