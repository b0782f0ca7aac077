import "server-only";

/** One field at fault, as ARM lists them under `details` (lib/api/arm-shapes.ts describes it). */
type ErrorDetail = { target?: string; message: string; code?: string };

/**
 * ARM-style error body: { error: { code, message } }, plus `details` (one per field at fault)
 * when given. `headers` adds response headers (Retry-After).
 */
export const apiError = (
  status: number,
  code: string,
  message: string,
  details?: readonly ErrorDetail[],
  headers?: Record<string, string>,
) =>
  Response.json(
    { error: details && details.length > 0 ? { code, message, details } : { code, message } },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );

export const apiJson = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** A success without a body (DELETE: 200 deleted, 204 nothing to delete). */
export const apiEmpty = (status: 200 | 204) => new Response(null, { status, headers: { "Cache-Control": "no-store" } });
