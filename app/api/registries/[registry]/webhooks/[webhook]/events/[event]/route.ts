/** GET: one event's full request and response. */
export { eventDetailRoute as GET } from "@/lib/api/webhook-resource";
