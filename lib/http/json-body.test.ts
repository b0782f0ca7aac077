import { describe, expect, it } from "vitest";
import { isJsonMediaType, readJsonObject } from "./json-body";

const request = (body: string | undefined, contentType?: string) =>
  new Request("http://portal.example/api/x", {
    method: "PUT",
    body,
    headers: contentType === undefined ? {} : { "Content-Type": contentType },
  });

describe("isJsonMediaType", () => {
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON", true],
    ["application/merge-patch+json", true],
    ["text/plain", false],
    ["application/x-www-form-urlencoded", false],
    ["", false],
  ])("%s -> %s", (contentType, expected) => {
    expect(isJsonMediaType(contentType)).toBe(expected);
  });
  it("no Content-Type is not JSON", () => expect(isJsonMediaType(null)).toBe(false));
});

describe("readJsonObject", () => {
  it.each([
    { rule: "wrong Content-Type", body: "{}", contentType: "text/plain", status: 415, code: "UnsupportedMediaType" },
    { rule: "no Content-Type", body: "{}", contentType: undefined, status: 415, code: "UnsupportedMediaType" },
    { rule: "empty body", body: "", contentType: "application/json", status: 400, code: "InvalidRequestBody" },
    { rule: "malformed JSON", body: '{"properties": ', contentType: "application/json", status: 400, code: "InvalidRequestBody" },
    { rule: "an array", body: "[]", contentType: "application/json", status: 400, code: "InvalidRequestBody" },
    { rule: "a string", body: '"x"', contentType: "application/json", status: 400, code: "InvalidRequestBody" },
    { rule: "null", body: "null", contentType: "application/json", status: 400, code: "InvalidRequestBody" },
  ])("$rule -> $status $code", async ({ body, contentType, status, code }) => {
    const read = await readJsonObject(request(body, contentType));
    expect(read).toMatchObject({ ok: false, status, code });
  });

  it("refuses a body over the limit with 413", async () => {
    const read = await readJsonObject(request(JSON.stringify({ properties: { x: "y".repeat(100) } }), "application/json"), 64);
    expect(read).toMatchObject({ ok: false, status: 413, code: "RequestBodyTooLarge" });
  });

  it("says where malformed JSON breaks", async () => {
    const read = await readJsonObject(request("{oops}", "application/json"));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/^The body is not valid JSON: /);
  });

  it("returns the object", async () => {
    expect(await readJsonObject(request('{"properties": {"status": "disabled"}}', "application/json; charset=utf-8"))).toEqual({
      ok: true,
      json: { properties: { status: "disabled" } },
    });
  });
});
