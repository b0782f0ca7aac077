/** POST { since }: queues a new attempt of every failed event since then; { queued, since }. */
export { recoverWebhookRoute as POST } from "@/lib/api/webhook-resource";
