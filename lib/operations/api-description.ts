import "server-only";
import { defineOperation, type Caller } from "./operation";

/**
 * The REST API's description (GET /api/openapi.json), built by the adapter that serves it:
 * declared here so who may read it is written where every other operation's role is.
 */
export const readApiDescription = defineOperation("api.read-description", "reader", async (_caller: Caller, describe: () => object) => describe());
