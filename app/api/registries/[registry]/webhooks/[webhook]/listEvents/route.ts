/** POST [?page=N]: { value: Event[], nextLink? }, newest first, 25 a page. */
export { listEventsRoute as POST } from "@/lib/api/webhook-resource";
