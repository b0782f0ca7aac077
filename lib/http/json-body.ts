import { readBodyWithin } from "./read-body";

/** PUT and PATCH bodies: a valid webhook is a few KiB (20 headers of 4 KiB at most is ~85 KiB). */
export const MAX_API_BODY_BYTES = 256 * 1024;

export type JsonBodyRefusal = { status: 400 | 413 | 415; code: string; message: string };
export type JsonBody = { ok: true; json: Record<string, unknown> } | ({ ok: false } & JsonBodyRefusal);

/** application/json, with or without parameters (charset), or any +json media type. */
export const isJsonMediaType = (contentType: string | null) => {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
};

/**
 * The request's body as a JSON object, or why not: 415 for another Content-Type, 413 past
 * `limit`, 400 for an empty body, malformed JSON or JSON that is not an object.
 */
export const readJsonObject = async (request: Request, limit = MAX_API_BODY_BYTES): Promise<JsonBody> => {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    return { ok: false, status: 415, code: "UnsupportedMediaType", message: "Send the body as JSON with Content-Type: application/json." };
  }
  const text = await readBodyWithin(request, limit);
  if (text === null) {
    return { ok: false, status: 413, code: "RequestBodyTooLarge", message: `The body is larger than ${limit / 1024} KiB.` };
  }
  if (text.trim() === "") {
    return { ok: false, status: 400, code: "InvalidRequestBody", message: 'The body is empty; send {"properties": {...}}.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message}` : ".";
    return { ok: false, status: 400, code: "InvalidRequestBody", message: `The body is not valid JSON${reason}` };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, status: 400, code: "InvalidRequestBody", message: 'The body must be a JSON object: {"properties": {...}}.' };
  }
  return { ok: true, json: json as Record<string, unknown> };
};
