import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiJson } from "@/lib/http/responses";
import { authorizeRequest } from "@/lib/auth/request-auth";

/** GET: the REST API as OpenAPI 3.1, generated from the zod schemas the handlers use. Reader and up. */
export const GET = async (request: Request) => {
  const authorized = await authorizeRequest(request, "reader");
  if (!authorized.ok) return authorized.response;
  return apiJson(buildOpenApiDocument());
};
