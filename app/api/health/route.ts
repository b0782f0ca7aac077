import { healthRoute, healthOtherMethods } from "@/lib/api/health-routes";

// Answered per request, never prerendered at build time.
export const dynamic = "force-dynamic";

export const GET = healthRoute;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = healthOtherMethods;
