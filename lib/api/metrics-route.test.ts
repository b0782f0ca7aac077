import { describe, expect, it } from "vitest";
import { refuseMetricsRequest } from "./metrics-route";

// The guard in front of GET /api/metrics: decided from the header and METRICS_TOKEN alone, so a
// refused request reads nothing (the metrics are rendered only after it lets a request through).

const TOKEN = "metrics-token-0123456789";

describe("the metrics token guard", () => {
  it.each([
    { case: "the right token", header: `Bearer ${TOKEN}` },
    { case: "the right token, any case of Bearer", header: `bearer ${TOKEN}` },
  ])("lets $case through", ({ header }) => {
    expect(refuseMetricsRequest(header, TOKEN)).toBeNull();
  });

  it.each([
    { case: "no Authorization header", header: null },
    { case: "a wrong token", header: "Bearer metrics-token-0123456780" },
    { case: "a prefix of the token", header: `Bearer ${TOKEN.slice(0, -1)}` },
    { case: "the token and more", header: `Bearer ${TOKEN}x` },
    { case: "another scheme", header: `Basic ${TOKEN}` },
    { case: "an empty bearer", header: "Bearer " },
  ])("answers 401 with WWW-Authenticate to $case", async ({ header }) => {
    const refused = refuseMetricsRequest(header, TOKEN)!;
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({
      error: { code: "Unauthorized", message: "Send the metrics token (METRICS_TOKEN) as Authorization: Bearer <token>." },
    });
  });

  it.each([
    { case: "no token", header: null },
    { case: "any token", header: `Bearer ${TOKEN}` },
  ])("answers 404 saying metrics are off when METRICS_TOKEN is unset, to $case", async ({ header }) => {
    for (const configured of [undefined, ""]) {
      const refused = refuseMetricsRequest(header, configured)!;
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({
        error: { code: "MetricsDisabled", message: "Metrics are off on this instance: start it with METRICS_TOKEN set to serve them here." },
      });
    }
  });
});
