import { receiverRoute } from "@/lib/api/receiver-route";

/** A test receiver: records any request to a live receiver's address and answers as it is set to. */
export const GET = receiverRoute;
export const POST = receiverRoute;
export const PUT = receiverRoute;
export const PATCH = receiverRoute;
export const DELETE = receiverRoute;
export const HEAD = receiverRoute;
export const OPTIONS = receiverRoute;
