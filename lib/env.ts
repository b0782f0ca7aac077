import { z } from "zod";
import { resolveDatabaseUrl } from "./database-url";

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
});

export type Env = z.infer<typeof envSchema> & { DATABASE_URL: string };

const loadEnv = (): Env => {
  const parsed = envSchema.safeParse({
    ...process.env,
    REGISTRY_NAME: process.env.REGISTRY_NAME || undefined,
    WEBHOOK_TIMEOUT_MS: process.env.WEBHOOK_TIMEOUT_MS || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, DATABASE_URL: resolveDatabaseUrl(parsed.data.DATABASE_URL) };
};

export const env: Env = loadEnv();
