import { beforeEach, describe, expect, it, vi } from "vitest";
import { keyFrom } from "../crypto/secret-box";
import {
  clearOpenedCache,
  isSealed,
  openStoredValue,
  openWebhookSecrets,
  sealStoredValue,
  sealWebhookSecrets,
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

const columnsOf = (webhook: (typeof webhooks)[number]) => ({
  serviceUri: webhook.serviceUri,
  customHeaders: JSON.stringify(webhook.headers),
});

describe("sealWebhookSecrets", () => {
  it.each(webhooks)("hides the plaintext: $case", (webhook) => {
    const sealed = sealWebhookSecrets(columnsOf(webhook), KEY);
    const stored = JSON.stringify(sealed);
    expect(isSealed(sealed.serviceUri)).toBe(true);
    expect(isSealed(sealed.customHeaders)).toBe(true);
    expect(stored).not.toContain(webhook.serviceUri);
    expect(stored).not.toContain(new URL(webhook.serviceUri).hostname);
    for (const secret of webhook.secrets) expect(stored).not.toContain(secret);
    // Header names are sealed with their values (one value for the whole list).
    for (const [name] of webhook.headers) expect(stored).not.toContain(name);
  });

  it.each(webhooks)("round-trips: $case", (webhook) => {
    const columns = columnsOf(webhook);
    const row = { id: "wh1", name: "hook", ...sealWebhookSecrets(columns, KEY) };
    expect(openWebhookSecrets(row, KEY)).toEqual({ id: "wh1", name: "hook", ...columns });
    expect(JSON.parse(openWebhookSecrets(row, KEY).customHeaders)).toEqual(webhook.headers);
  });

  it("gives a different ciphertext each time (random IV), so equal URIs do not show as equal", () => {
    const columns = columnsOf(webhooks[0]);
    expect(sealWebhookSecrets(columns, KEY).serviceUri).not.toBe(sealWebhookSecrets(columns, KEY).serviceUri);
  });

  it("refuses to seal a value twice", () => {
    const sealed = sealWebhookSecrets(columnsOf(webhooks[0]), KEY);
    expect(() => sealWebhookSecrets(sealed, KEY)).toThrow(/already sealed/);
    expect(() => sealStoredValue(sealed.customHeaders, KEY)).toThrow(/already sealed/);
  });
});

describe("openWebhookSecrets", () => {
  it.each([
    { case: "legacy https URI and headers", serviceUri: "https://example.com/hook?token=abc", customHeaders: '[["X-Team","qa"]]' },
    { case: "legacy empty header list", serviceUri: "http://127.0.0.1:9/x", customHeaders: "[]" },
    { case: "a prefix that only looks alike", serviceUri: "V1:not-ours", customHeaders: " v1:leading space" },
  ])("passes legacy plaintext through as it is: $case", (row) => {
    expect(openWebhookSecrets(row, KEY)).toEqual(row);
    expect(decryptions.count).toBe(0);
  });

  it("opens an already-opened row to itself", () => {
    const columns = columnsOf(webhooks[0]);
    const opened = openWebhookSecrets(sealWebhookSecrets(columns, KEY), KEY);
    expect(openWebhookSecrets(opened, KEY)).toEqual(columns);
  });

  /** Changes one byte of the sealed bytes (iv 0-11, tag 12-27, ciphertext 28-). */
  const flipByte = (sealed: string, index: number) => {
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[index] ^= 0x01;
    return `v1:${bytes.toString("base64")}`;
  };

  it.each([
    { case: "a flipped IV byte", tamper: (sealed: string) => flipByte(sealed, 0), key: KEY },
    { case: "a flipped tag byte", tamper: (sealed: string) => flipByte(sealed, 20), key: KEY },
    { case: "a flipped ciphertext byte", tamper: (sealed: string) => flipByte(sealed, 30), key: KEY },
    { case: "the last ciphertext byte cut off", tamper: (sealed: string) => `v1:${Buffer.from(sealed.slice(3), "base64").subarray(0, -1).toString("base64")}`, key: KEY },
    { case: "the right ciphertext under another key", tamper: (sealed: string) => sealed, key: OTHER_KEY },
  ])("throws on $case, even after the genuine value was opened (and cached)", ({ tamper, key }) => {
    const sealed = sealWebhookSecrets(columnsOf(webhooks[0]), KEY);
    expect(openWebhookSecrets(sealed, KEY).serviceUri).toBe(webhooks[0].serviceUri);
    expect(() => openStoredValue(tamper(sealed.serviceUri), key)).toThrow();
    expect(() => openWebhookSecrets({ ...sealed, customHeaders: tamper(sealed.customHeaders) }, key)).toThrow();
  });
});

describe("the decryption cache", () => {
  it("decrypts each stored value once however often it is opened", () => {
    const sealed = sealWebhookSecrets(columnsOf(webhooks[0]), KEY);
    for (let i = 0; i < 1000; i += 1) openWebhookSecrets(sealed, KEY);
    expect(decryptions.count).toBe(2);
  });

  it("is bounded: past its size the oldest entries are decrypted again", () => {
    const first = sealStoredValue("https://example.com/first", KEY);
    openStoredValue(first, KEY);
    for (let i = 0; i < 2000; i += 1) openStoredValue(sealStoredValue(`https://example.com/${i}`, KEY), KEY);
    decryptions.count = 0;
    expect(openStoredValue(first, KEY)).toBe("https://example.com/first");
    expect(decryptions.count).toBe(1);
  });
});
