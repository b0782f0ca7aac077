/** POST { action: "push" | "delete" }: sends a sample event now; { id } of its event. 429 with Retry-After past 5 a minute. */
export { sendSampleRoute as POST } from "@/lib/api/webhook-resource";
