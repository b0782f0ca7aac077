/**
 * Reads a request's or response's body as text, or null as soon as it grows past `limit`
 * bytes (the rest is cancelled, not buffered).
 */
export const readBodyWithin = async (message: Pick<Request, "headers" | "body">, limit: number): Promise<string | null> => {
  const declared = Number(message.headers.get("content-length") ?? "0");
  if (declared > limit) {
    await message.body?.cancel().catch(() => {});
    return null;
  }
  if (!message.body) return "";
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
};
