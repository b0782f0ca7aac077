/** GET ?scope=...: what the scope matches in the registry now, for the webhook forms' preview. */
export { scopePreviewRoute as GET } from "@/lib/api/scope-preview-route";
