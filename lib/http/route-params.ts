// Route segments arrive percent-encoded; a malformed escape ("%E0") must lead to a 404,
// not a URIError, so decoding falls back to the raw text (which then matches nothing).
export const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

export type RegistryParams = Promise<{ registry: string }>;
export type WebhookParams = Promise<{ registry: string; webhook: string }>;

export const readRegistryParams = async (params: RegistryParams) => ({
  registry: decodeSegment((await params).registry),
});

export const readWebhookParams = async (params: WebhookParams) => {
  const { registry, webhook } = await params;
  return { registry: decodeSegment(registry), webhook: decodeSegment(webhook) };
};

/** Every segment of a route's params, decoded. */
export const decodeParams = <P extends Record<string, string>>(params: P): P =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, decodeSegment(value)])) as P;
