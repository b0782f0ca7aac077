import "server-only";

/** ARM-style error body: { error: { code, message } }. */
export const apiError = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });

export const apiJson = (body: unknown) => Response.json(body, { headers: { "Cache-Control": "no-store" } });
