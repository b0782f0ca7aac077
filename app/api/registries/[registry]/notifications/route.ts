import { notificationsOtherMethods, notificationsRoute } from "@/lib/api/notifications-route";

/** Distribution's notification endpoint: POST an envelope with the registry's token. */
export const POST = notificationsRoute;
/** Every other method: 405 with what to send (Next.js answers HEAD with the GET handler). */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notificationsOtherMethods;
