/** GET: the REST API as OpenAPI 3.1 (Reader and up). */
export { openApiRoute as GET } from "@/lib/api/openapi-route";
