// ARM's webhook resource (?api-version= required): GET; PUT { location, tags?, properties }
// creates (201) or replaces (200); PATCH { tags?, properties } changes what is given; DELETE
// 200 or 204. Writes answer as finished long-running operations.
export {
  armGetWebhook as GET,
  armPutWebhook as PUT,
  armPatchWebhook as PATCH,
  armDeleteWebhook as DELETE,
} from "@/lib/api/arm/webhook-routes";
