import { z } from "zod";
import { parseAllowlist } from "./config/host-allowlist";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./config/password-length";
import { DEFAULT_DISABLE_AFTER, parseDisableRule } from "./config/disable-rule";
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from "./config/retry-schedule";
import { databaseKind, resolveDatabaseUrl } from "./database-url.mjs";

/** A text variable read by a parser that throws on bad input; the error names the variable. */
const parsedWith = <T,>(name: string, parse: (text: string) => T, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `${name}: ${(error as Error).message}` });
        return z.NEVER;
      }
    });

// Every setting the server reads, validated once. A bad value stops start-up with a message
// that names the variable, instead of surfacing later as a confusing runtime error.
const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  REGISTRY_NAME: z
    .string()
    .regex(/^[a-z0-9]{5,50}$/, "REGISTRY_NAME must be 5 to 50 lowercase letters or digits")
    .default("myregistry"),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int("WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds")
    .min(100, "WEBHOOK_TIMEOUT_MS must be at least 100")
    .max(120_000, "WEBHOOK_TIMEOUT_MS must be at most 120000")
    .default(10_000),
  WEBHOOK_RETRY_SCHEDULE: parsedWith("WEBHOOK_RETRY_SCHEDULE", parseRetrySchedule, DEFAULT_RETRY_SCHEDULE),
  /** When the worker disables a failing webhook (lib/config/disable-rule.ts); "off": never. */
  WEBHOOK_DISABLE_AFTER: parsedWith("WEBHOOK_DISABLE_AFTER", parseDisableRule, DEFAULT_DISABLE_AFTER),
  WEBHOOK_EVENT_RETENTION: z.coerce
    .number()
    .int("WEBHOOK_EVENT_RETENTION must be a whole number")
    .min(1, "WEBHOOK_EVENT_RETENTION must be at least 1")
    .default(1000),
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int("AUDIT_RETENTION_DAYS must be a whole number")
    .min(1, "AUDIT_RETENTION_DAYS must be at least 1")
    .default(365),
  NOTIFICATION_DEDUPE_HOURS: z.coerce
    .number()
    .int("NOTIFICATION_DEDUPE_HOURS must be a whole number of hours")
    .min(1, "NOTIFICATION_DEDUPE_HOURS must be at least 1")
    .default(24),
  TAG_DIGEST_RETENTION_DAYS: z.coerce
    .number()
    .int("TAG_DIGEST_RETENTION_DAYS must be a whole number of days")
    .min(1, "TAG_DIGEST_RETENTION_DAYS must be at least 1")
    .default(90),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(64),
  /** Delivery threads (each claims, sends and records) per server process; unset: one per core but one (lib/delivery/delivery-threads.ts); 0: deliver on the main thread. */
  DELIVERY_WORKERS: z.coerce
    .number()
    .int("DELIVERY_WORKERS must be a whole number")
    .min(0, "DELIVERY_WORKERS must be at least 0")
    .max(64, "DELIVERY_WORKERS must be at most 64")
    .optional(),
  /** Requests one webhook may have in flight at once from this server process. */
  WEBHOOK_MAX_IN_FLIGHT: z.coerce
    .number()
    .int("WEBHOOK_MAX_IN_FLIGHT must be a whole number")
    .min(1, "WEBHOOK_MAX_IN_FLIGHT must be at least 1")
    .max(1024, "WEBHOOK_MAX_IN_FLIGHT must be at most 1024")
    .default(16),
  /** PostgreSQL only: connections this instance keeps open (ingest, worker and pages share them). */
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int("DATABASE_POOL_SIZE must be a whole number")
    .min(2, "DATABASE_POOL_SIZE must be at least 2")
    .max(200, "DATABASE_POOL_SIZE must be at most 200")
    .default(10),
  REGISTRY_HOST: z.string().trim().default(""),
  /** `n=` the scope preview asks of a registry's catalog and tag lists (lib/registry-api/limits.ts). */
  REGISTRY_API_PAGE_SIZE: z.coerce
    .number()
    .int("REGISTRY_API_PAGE_SIZE must be a whole number")
    .min(1, "REGISTRY_API_PAGE_SIZE must be at least 1")
    .max(10_000, "REGISTRY_API_PAGE_SIZE must be at most 10000")
    .default(1000),
  REGISTRY_NOTIFICATIONS_TOKEN: z
    .string()
    .min(16, "REGISTRY_NOTIFICATIONS_TOKEN must have at least 16 characters")
    .optional(),
  OUTBOUND_ALLOWLIST: parsedWith("OUTBOUND_ALLOWLIST", parseAllowlist, ""),
  SECRET_KEY: z.string().min(16, "SECRET_KEY must have at least 16 characters").optional(),
  ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `ADMIN_PASSWORD must have at most ${MAX_PASSWORD_LENGTH} characters`)
    .optional(),
  PORTAL_URL: z.url("PORTAL_URL must be an absolute URL such as https://portal.example.com").optional(),
  /** Bearer token Prometheus sends to GET /api/metrics; unset: the endpoint is off (lib/api/metrics-route.ts). */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must have at least 16 characters").optional(),
});

export type Env = z.output<typeof envSchema> & { DATABASE_URL: string };

/** Empty variables count as unset, so `VAR=` in a shell means "use the default". */
const OPTIONAL_WHEN_EMPTY = [
  "REGISTRY_NAME",
  "WEBHOOK_TIMEOUT_MS",
  "WEBHOOK_DISABLE_AFTER",
  "WEBHOOK_EVENT_RETENTION",
  "AUDIT_RETENTION_DAYS",
  "NOTIFICATION_DEDUPE_HOURS",
  "TAG_DIGEST_RETENTION_DAYS",
  "DELIVERY_CONCURRENCY",
  "DELIVERY_WORKERS",
  "WEBHOOK_MAX_IN_FLIGHT",
  "DATABASE_POOL_SIZE",
  "REGISTRY_API_PAGE_SIZE",
  "REGISTRY_NOTIFICATIONS_TOKEN",
  "PORTAL_URL",
  "METRICS_TOKEN",
  "SECRET_KEY",
  "ADMIN_EMAIL",
  "ADMIN_PASSWORD",
] as const;

/** Reads and checks the settings; throws one message listing every bad variable. */
export const parseEnv = (variables: Record<string, string | undefined>): Env => {
  const raw: Record<string, string | undefined> = { ...variables };
  for (const name of OPTIONAL_WHEN_EMPTY) raw[name] = raw[name] || undefined;
  // WEBHOOK_RETRY_SCHEDULE is different: set but empty means "no retries", as in ACR.
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (!parsed.data.ADMIN_EMAIL !== !parsed.data.ADMIN_PASSWORD) {
    throw new Error("Invalid environment:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
  }
  let databaseUrl: string;
  try {
    databaseUrl = resolveDatabaseUrl(parsed.data.DATABASE_URL);
  } catch (error) {
    throw new Error(`Invalid environment:\n  ${(error as Error).message}`);
  }
  if (databaseKind(databaseUrl) === "postgresql" && !parsed.data.SECRET_KEY) {
    // Without it each instance would generate a key of its own beside its files and could not
    // read what the others encrypted (service URIs, headers, signing secrets, sessions).
    throw new Error("Invalid environment:\n  SECRET_KEY must be set when DATABASE_URL is PostgreSQL: every instance must use the same key");
  }
  return { ...parsed.data, DATABASE_URL: databaseUrl };
};

export const env: Env = parseEnv(process.env);
