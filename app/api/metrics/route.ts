import { metricsOtherMethods, metricsRoute } from "@/lib/api/metrics-route";

// Answered per request, never prerendered at build time.
export const dynamic = "force-dynamic";

/** Prometheus scrapes this with METRICS_TOKEN as its bearer token. */
export const GET = metricsRoute;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = metricsOtherMethods;
