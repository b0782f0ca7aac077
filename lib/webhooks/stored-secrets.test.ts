import { beforeEach, describe, expect, it, vi } from "vitest";
import { createHash } from "node:crypto";
import { encryptSecret, keyFrom } from "../crypto/secret-box";
import type { HeaderPair } from "../http/header-pair";
import {
  clearOpenedCache,
  isSealed,
  openWebhook,
  sealValue,
  sealWebhook,
  type Plaintext,
  type Sealed,
  type SealedWebhookColumns,
  type WebhookSecrets,
} from "./stored-secrets";

// Counts real decryptions, to see what the cache saves; the real function still does the work.
const decryptions = vi.hoisted(() => ({ count: 0 }));
vi.mock("../crypto/secret-box", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../crypto/secret-box")>();
  return {
    ...actual,
    decryptSecret: (sealed: string, key: Buffer) => {
      decryptions.count += 1;
      return actual.decryptSecret(sealed, key);
    },
  };
});

const KEY = keyFrom("stored-secrets unit test key");
const OTHER_KEY = keyFrom("some other key entirely");

beforeEach(() => {
  clearOpenedCache();
  decryptions.count = 0;
});

const webhooks = [
  {
    case: "token in the query and an Authorization header",
    serviceUri: "https://hooks.example.com/in?token=q-secret-4711",
    headers: [["Authorization", "Bearer hdr-secret-abc"], ["X-Team", "platform-team"]],
    secrets: ["q-secret-4711", "hdr-secret-abc", "platform-team"],
  },
  {
    case: "user:pass@ in the URI, no headers",
    serviceUri: "https://deploy:pw-secret-99@ci.example.org/hook",
    headers: [],
    secrets: ["pw-secret-99", "deploy"],
  },
  {
    case: "non-ASCII values",
    serviceUri: "http://127.0.0.1:8080/hook?name=caf%C3%A9&k=clé-secrète",
    headers: [["X-Api-Key", "ключ-secret"], ["X-Note", "naïve 🙂"]],
    secrets: ["clé-secrète", "ключ-secret", "naïve 🙂"],
  },
] as const;

const secretsOf = (webhook: (typeof webhooks)[number]) => ({
  serviceUri: webhook.serviceUri,
  customHeaders: webhook.headers.map(([name, value]) => [name, value] as HeaderPair),
});

/** A stored row as the database gives it: sealed columns, an unsigned webhook. */
const rowOf = (webhook: (typeof webhooks)[number], key = KEY) => {
  const { serviceUri, customHeaders } = sealWebhook(secretsOf(webhook), key);
  return { id: "wh1", name: "hook", serviceUri, customHeaders, signingSecret: "", previousSigningSecret: "" } satisfies SealedWebhookColumns & { id: string; name: string };
};

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("sealWebhook", () => {
  it.each(webhooks)("hides the plaintext: $case", (webhook) => {
    const sealed = sealWebhook(secretsOf(webhook), KEY);
    const stored = JSON.stringify(sealed);
    expect(isSealed(sealed.serviceUri)).toBe(true);
    expect(isSealed(sealed.customHeaders)).toBe(true);
    expect(stored).not.toContain(webhook.serviceUri);
    expect(stored).not.toContain(new URL(webhook.serviceUri).hostname);
    for (const secret of webhook.secrets) expect(stored).not.toContain(secret);
    // Header names are sealed with their values (one value for the whole list).
    for (const [name] of webhook.headers) expect(stored).not.toContain(name);
  });

  it.each(webhooks)("stores the SHA-256 of the plaintext service URI beside it: $case", (webhook) => {
    expect(sealWebhook(secretsOf(webhook), KEY).serviceUriHash).toBe(sha256(webhook.serviceUri));
  });

  it.each(webhooks)("round-trips through openWebhook: $case", (webhook) => {
    const row = rowOf(webhook);
    expect(openWebhook(row, KEY)).toEqual({ ...row, ...secretsOf(webhook) });
  });

  it("gives a different ciphertext each time (random IV), so equal URIs do not show as equal", () => {
    const secrets = secretsOf(webhooks[0]);
    expect(sealWebhook(secrets, KEY).serviceUri).not.toBe(sealWebhook(secrets, KEY).serviceUri);
  });

  it("refuses to seal a value twice", () => {
    const sealed = sealWebhook(secretsOf(webhooks[0]), KEY);
    // Only through a cast: a Sealed value is not a Plaintext.
    expect(() => sealValue(sealed.customHeaders as string, KEY)).toThrow(/already sealed/);
  });
});

describe("openWebhook", () => {
  it("is the only way from a stored row to what may be sent or shown (checked by tsc)", () => {
    const row = rowOf(webhooks[0]);
    // @ts-expect-error a stored row is not an opened one (sealed headers are not HeaderPair[])
    const notOpened: WebhookSecrets = row;
    // @ts-expect-error a sealed service URI is not plaintext
    const notPlain: Plaintext = row.serviceUri;
    const opened: WebhookSecrets = openWebhook(row, KEY);
    expect([notOpened.serviceUri, notPlain]).toEqual([row.serviceUri, row.serviceUri]);
    expect(opened.serviceUri).toBe(webhooks[0].serviceUri);
  });

  it.each([
    { case: "legacy https URI and headers", serviceUri: "https://example.com/hook?token=abc", customHeaders: '[["X-Team","qa"]]' },
    { case: "legacy empty header list", serviceUri: "http://127.0.0.1:9/x", customHeaders: "[]" },
    { case: "a prefix that only looks alike", serviceUri: "V1:not-ours", customHeaders: ' [["v1:","leading space"]]' },
  ])("opens legacy plaintext (not yet converted) as it is: $case", (legacy) => {
    const row = { id: "old", serviceUri: legacy.serviceUri as Sealed, customHeaders: legacy.customHeaders as Sealed, signingSecret: "" as const, previousSigningSecret: "" as const };
    expect(openWebhook(row, KEY)).toEqual({ ...row, serviceUri: legacy.serviceUri, customHeaders: JSON.parse(legacy.customHeaders) });
    expect(decryptions.count).toBe(0);
  });

  it("opens a sealed URI beside legacy plaintext headers (a row half converted by hand)", () => {
    const row = { ...rowOf(webhooks[0]), customHeaders: '[["X-Half","h"]]' as Sealed };
    expect(openWebhook(row, KEY)).toMatchObject({ serviceUri: webhooks[0].serviceUri, customHeaders: [["X-Half", "h"]] });
  });

  it("opens the signing secrets, and refuses one that is not sealed (they never were plaintext)", () => {
    const signed = { ...rowOf(webhooks[0]), signingSecret: encryptSecret("whsec_now", KEY) as Sealed, previousSigningSecret: encryptSecret("whsec_old", KEY) as Sealed };
    expect(openWebhook(signed, KEY)).toMatchObject({ signingSecret: "whsec_now", previousSigningSecret: "whsec_old" });
    expect(() => openWebhook({ ...signed, signingSecret: "whsec_plain" as Sealed }, KEY)).toThrow(/Not an encrypted secret/);
  });

  /** Changes one byte of the sealed bytes (iv 0-11, tag 12-27, ciphertext 28-). */
  const flipByte = (sealed: string, index: number) => {
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[index] ^= 0x01;
    return `v1:${bytes.toString("base64")}` as Sealed;
  };

  it.each([
    { case: "a flipped IV byte", tamper: (sealed: Sealed) => flipByte(sealed, 0), key: KEY },
    { case: "a flipped tag byte", tamper: (sealed: Sealed) => flipByte(sealed, 20), key: KEY },
    { case: "a flipped ciphertext byte", tamper: (sealed: Sealed) => flipByte(sealed, 30), key: KEY },
    { case: "the last ciphertext byte cut off", tamper: (sealed: Sealed) => `v1:${Buffer.from(sealed.slice(3), "base64").subarray(0, -1).toString("base64")}` as Sealed, key: KEY },
    { case: "the right ciphertext under another key", tamper: (sealed: Sealed) => sealed, key: OTHER_KEY },
  ])("throws on $case, even after the genuine value was opened (and cached)", ({ tamper, key }) => {
    const row = rowOf(webhooks[0]);
    expect(openWebhook(row, KEY).serviceUri).toBe(webhooks[0].serviceUri);
    expect(() => openWebhook({ ...row, serviceUri: tamper(row.serviceUri) }, key)).toThrow();
    expect(() => openWebhook({ ...row, customHeaders: tamper(row.customHeaders) }, key)).toThrow();
  });
});

describe("the decryption cache", () => {
  it("decrypts each stored value once however often it is opened", () => {
    const row = rowOf(webhooks[0]);
    for (let i = 0; i < 1000; i += 1) openWebhook(row, KEY);
    expect(decryptions.count).toBe(2);
  });

  it("is bounded: past its size the oldest entries are decrypted again", () => {
    const first = rowOf(webhooks[0]);
    openWebhook(first, KEY);
    for (let i = 0; i < 1000; i += 1) openWebhook(rowOf(webhooks[1]), KEY);
    decryptions.count = 0;
    expect(openWebhook(first, KEY).serviceUri).toBe(webhooks[0].serviceUri);
    expect(decryptions.count).toBe(2);
  });
});
