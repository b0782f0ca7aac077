/** The URL Distribution must POST to for `registry`. */
export const notificationsEndpoint = (portalUrl: string, registry: string) =>
  `${portalUrl.replace(/\/+$/, "")}/api/registries/${encodeURIComponent(registry)}/notifications`;

/** The `notifications:` block to paste into the Distribution config.yml. */
export const notificationsYaml = (endpoint: string, token: string) =>
  [
    "notifications:",
    "  endpoints:",
    "    - name: registry-webhooks",
    `      url: ${endpoint}`,
    "      headers:",
    `        Authorization: [Bearer ${token}]`,
    "      timeout: 5s",
    "      threshold: 5",
    "      backoff: 1s",
  ].join("\n");
