import { MAX_RECEIVED_BODY_BYTES } from "./limits";

/**
 * The first MAX_RECEIVED_BODY_BYTES of a request's body and whether there was more. Reading
 * stops there (the rest is never read), so a receiver anyone can reach holds at most that
 * much per request. Decoded as UTF-8; NUL becomes U+FFFD, as PostgreSQL text cannot hold it.
 */
export const readCappedBody = async (request: Request): Promise<{ body: string; isTruncated: boolean }> => {
  if (!request.body) return { body: "", isTruncated: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let isTruncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > MAX_RECEIVED_BODY_BYTES) {
      isTruncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, MAX_RECEIVED_BODY_BYTES);
  return { body: bytes.toString("utf8").replaceAll("\u0000", "\uFFFD"), isTruncated };
};
