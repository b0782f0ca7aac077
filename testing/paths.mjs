// The portal's URLs, built the way the portal builds them (lib/webhooks/paths.ts).
const segment = (value) => encodeURIComponent(value);

export const listPath = (registry) => `/registries/${segment(registry)}/webhooks`;
export const webhookPath = (registry, name) => `${listPath(registry)}/${segment(name)}`;

/** The registry a blade URL belongs to, or null. */
export const registryOf = (url) => {
  const match = /\/registries\/([^/?#]+)\/webhooks/.exec(new URL(url).pathname);
  return match ? decodeURIComponent(match[1]) : null;
};

/** A RegExp matching `text` literally. */
export const literally = (text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
