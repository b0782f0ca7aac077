// The webhooks list's place in its URL (?filter=&after=|before=), read by the page and written
// by the list as the admin types and pages, so Refresh, Back and a shared link keep it.

/** Longer than any name (50): a longer filter or key matches nothing anyway. */
const MAX_LENGTH = 100;

export type WebhookListParams = { filter: string; after?: string; before?: string };

const single = (value: string | string[] | undefined) => {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? undefined : text.slice(0, MAX_LENGTH);
};

/** Reads the list's search params; anything missing or repeated falls back to its first value. */
export const readWebhookListParams = (searchParams: Record<string, string | string[] | undefined>): WebhookListParams => {
  const after = single(searchParams.after) || undefined;
  const before = after === undefined ? single(searchParams.before) || undefined : undefined;
  return { filter: (single(searchParams.filter) ?? "").trim(), after, before };
};

/** The list's URL for `params`, leaving out what is empty (the first page, unfiltered: the bare path). */
export const webhookListHref = (path: string, params: WebhookListParams) => {
  const query = new URLSearchParams();
  if (params.filter) query.set("filter", params.filter);
  if (params.after) query.set("after", params.after);
  else if (params.before) query.set("before", params.before);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};
