import { failureMessage, RegistryApiError } from "./errors";

/** The answer's text, refusing (and cancelling) past `maxBytes` rather than buffering all of it. */
export const readCappedText = async (response: Response, maxBytes: number): Promise<string> => {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes || !response.body) {
    await response.body?.cancel().catch(() => {});
    if (declared > maxBytes) throw new RegistryApiError("too-large", failureMessage.tooLarge(maxBytes));
    return "";
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new RegistryApiError("too-large", failureMessage.tooLarge(maxBytes));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
};
