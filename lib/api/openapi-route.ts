import "server-only";
import { apiJson } from "../http/responses";
import { readApiDescription } from "../operations/api-description";
import { buildOpenApiDocument } from "./openapi";
import { toRoute } from "./to-route";

/** GET /api/openapi.json: the REST API as OpenAPI 3.1, generated from the zod schemas the handlers use. */
export const openApiRoute = toRoute(readApiDescription, async ({ caller }) => apiJson(await readApiDescription(caller, buildOpenApiDocument)));
