/** ARM paths spelled in another case (`resourcegroups`, `microsoft.containerregistry`): the same handlers. */
export { GET, PUT, PATCH, DELETE, POST } from "@/lib/api/arm/any-case-route";
