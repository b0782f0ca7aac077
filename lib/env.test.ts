import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills in every default", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      REGISTRY_NAME: "myregistry",
      WEBHOOK_TIMEOUT_MS: 10_000,
      WEBHOOK_RETRY_SCHEDULE: [10_000, 60_000, 600_000, 3_600_000, 14_400_000],
      WEBHOOK_EVENT_RETENTION: 1000,
      AUDIT_RETENTION_DAYS: 365,
      DELIVERY_CONCURRENCY: 64,
      WEBHOOK_DISABLE_AFTER: { failures: 40, windowMs: 86_400_000 },
    });
    expect(env.DATABASE_URL).toMatch(/^file:\/.*data\/registry-webhooks\.db$/);
    expect(env.OUTBOUND_ALLOWLIST.hosts.size).toBe(0);
  });

  it("treats empty variables as unset, but an empty retry schedule as no retries", () => {
    const env = parseEnv({ REGISTRY_NAME: "", WEBHOOK_TIMEOUT_MS: "", WEBHOOK_RETRY_SCHEDULE: "" });
    expect(env.REGISTRY_NAME).toBe("myregistry");
    expect(env.WEBHOOK_RETRY_SCHEDULE).toEqual([]);
  });

  it.each([
    { name: "REGISTRY_NAME", value: "My_Registry", message: "REGISTRY_NAME must be 5 to 50 lowercase letters or digits" },
    { name: "WEBHOOK_TIMEOUT_MS", value: "10", message: "WEBHOOK_TIMEOUT_MS must be at least 100" },
    { name: "WEBHOOK_RETRY_SCHEDULE", value: "10s,soon", message: 'WEBHOOK_RETRY_SCHEDULE: "soon" is not a delay like 10s, 5m or 2h' },
    { name: "WEBHOOK_DISABLE_AFTER", value: "40", message: 'WEBHOOK_DISABLE_AFTER: "40" is not a rule like 40,24h' },
    { name: "WEBHOOK_DISABLE_AFTER", value: "40,soon", message: 'WEBHOOK_DISABLE_AFTER: "40,soon" is not a rule like 40,24h' },
    { name: "WEBHOOK_DISABLE_AFTER", value: "0,1h", message: "WEBHOOK_DISABLE_AFTER: \"0,1h\": the number of failed deliveries must be from 1 to 1000000" },
    { name: "OUTBOUND_ALLOWLIST", value: "http://x", message: 'OUTBOUND_ALLOWLIST: "http://x" is not a host name, IP address or CIDR range' },
    { name: "AUDIT_RETENTION_DAYS", value: "0", message: "AUDIT_RETENTION_DAYS must be at least 1" },
    { name: "REGISTRY_NOTIFICATIONS_TOKEN", value: "short", message: "must have at least 16 characters" },
    { name: "PORTAL_URL", value: "portal", message: "PORTAL_URL must be an absolute URL" },
    { name: "METRICS_TOKEN", value: "short", message: "METRICS_TOKEN must have at least 16 characters" },
    { name: "ADMIN_EMAIL", value: "admin", message: "ADMIN_EMAIL must be an email address" },
    { name: "ADMIN_PASSWORD", value: "short", message: "ADMIN_PASSWORD must have at least 12 characters" },
  ])("refuses a bad $name, naming it", ({ name, value, message }) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });

  it.each([
    ["3,0s", { failures: 3, windowMs: 0 }],
    ["40, 24h", { failures: 40, windowMs: 86_400_000 }],
    ["10,1.5d", { failures: 10, windowMs: 129_600_000 }],
    ["off", null],
  ])("reads WEBHOOK_DISABLE_AFTER=%s", (value, rule) => {
    expect(parseEnv({ WEBHOOK_DISABLE_AFTER: value }).WEBHOOK_DISABLE_AFTER).toEqual(rule);
  });

  it.each([
    [{ ADMIN_EMAIL: "admin@example.com" }],
    [{ ADMIN_PASSWORD: "a-long-enough-password" }],
  ])("wants ADMIN_EMAIL and ADMIN_PASSWORD together: %j", (variables) => {
    expect(() => parseEnv(variables)).toThrow("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
  });
});
