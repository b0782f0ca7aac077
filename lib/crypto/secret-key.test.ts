import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// The generated key file, as two server processes started at the same moment on a fresh data
// folder meet it: one creates it, the other reads it, possibly the same instant.

const folders: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const secretKeyIn = async (folder: string) => {
  vi.stubEnv("SECRET_KEY", "");
  vi.stubEnv("DATABASE_URL", `file:${path.join(folder, "portal.db")}`);
  vi.resetModules();
  return (await import("./secret-key")).secretKey;
};

const newFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), "rw-secret-key-"));
  folders.push(folder);
  return folder;
};

describe("secretKey without SECRET_KEY", () => {
  it("generates the key file once, whole, and every process reads the same key", async () => {
    const folder = newFolder();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const first = (await secretKeyIn(folder))();
    const second = (await secretKeyIn(folder))();
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(path.join(folder, "secret.key"), "utf8").trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("refuses a key file that is empty (caught half-written) instead of encrypting with a key nobody else has", async () => {
    const folder = newFolder();
    writeFileSync(path.join(folder, "secret.key"), "");
    const secretKey = await secretKeyIn(folder);
    expect(() => secretKey()).toThrow(/secret\.key is empty/);
  });
});
