import { describe, it, expect } from "vitest";
import { cell, configRow, eventImage, eventRow, formatJson, formatTable, webhookRow, EVENT_HEADERS } from "./output.mjs";
import { event, webhook } from "./test-server.mjs";

describe("formatTable", () => {
  it("pads columns to the widest cell, two spaces apart, dashes under the headers", () => {
    const text = formatTable(["NAME", "ACTIONS", "SCOPE", "STATUS"], [
      ["hook", "push, delete", "", "enabled"],
      ["a-longer-name", "push", "foo:*", "disabled"],
    ]);
    expect(text).toBe(
      [
        "NAME           ACTIONS       SCOPE  STATUS",
        "-------------  ------------  -----  --------",
        "hook           push, delete         enabled",
        "a-longer-name  push          foo:*  disabled",
        "",
      ].join("\n"),
    );
  });

  it("trims trailing padding from each line", () => {
    const text = formatTable(["A", "LONG HEADER"], [["x", ""]]);
    expect(text).toBe("A  LONG HEADER\n-  -----------\nx\n");
  });

  it("prints nothing for no rows, as az does", () => {
    expect(formatTable(["NAME"], [])).toBe("");
  });

  it("shows null and undefined as empty cells", () => {
    expect(formatTable(["A", "B", "C"], [[null, undefined, 0]])).toBe("A  B  C\n-  -  -\n      0\n");
  });
});

describe("cell", () => {
  it.each([
    ["plain", "plain"],
    ["two\nlines", "two lines"],
    ["\u001b[31mred", " [31mred"],
    ["tab\there", "tab here"],
    [42, "42"],
    [undefined, ""],
  ])("%j → %j", (value, expected) => {
    expect(cell(value)).toBe(expected);
  });
});

describe("rows", () => {
  it("webhookRow joins actions with comma and space", () => {
    expect(webhookRow(webhook("hook", { actions: ["push", "delete"], scope: "foo:*", status: "disabled" }))).toEqual([
      "hook", "push, delete", "foo:*", "disabled",
    ]);
  });

  it("webhookRow tolerates a webhook without properties", () => {
    expect(webhookRow(/** @type {any} */ ({ name: "bare" }))).toEqual(["bare", "", "", ""]);
  });

  it.each([
    ["tag", { action: "push", target: { repository: "web", tag: "v1", digest: "sha256:ab" } }, "web:v1"],
    ["digest when there is no tag", { action: "delete", target: { repository: "web", digest: "sha256:ab" } }, "web@sha256:ab"],
    ["empty tag falls back to the digest", { action: "push", target: { repository: "web", tag: "", digest: "sha256:ab" } }, "web@sha256:ab"],
    ["repository alone", { action: "delete", target: { repository: "web" } }, "web"],
    ["nothing for a ping", { action: "ping", target: { repository: "web", tag: "v1" } }, ""],
    ["nothing without a target", { action: "push" }, ""],
  ])("eventImage: %s", (_, content, expected) => {
    expect(eventImage(content)).toBe(expected);
  });

  it("eventRow reads id, action, image, response status and timestamp", () => {
    expect(eventRow(event("e1", "push", { repository: "web", tag: "v1" }, "502"))).toEqual([
      "e1", "push", "web:v1", "502", "2024-05-01T10:00:00Z",
    ]);
    expect(EVENT_HEADERS).toEqual(["ID", "ACTION", "IMAGE", "HTTP STATUS", "TIMESTAMP"]);
  });

  it("eventRow reads a CloudEvent's ACR data", () => {
    const acr = event("e3", "push", { repository: "web", tag: "v1" }, "200");
    const cloudEvent = { ...acr, eventRequestMessage: { content: { specversion: "1.0", id: "e3", data: acr.eventRequestMessage.content } } };
    expect(eventRow(cloudEvent)).toEqual(eventRow(acr));
  });

  it("eventRow shows an empty status when no response was received", () => {
    expect(eventRow(event("e2", "ping", {}, ""))[3]).toBe("");
  });

  it.each([
    [{ serviceUri: "https://h/in", customHeaders: { a: "1", "X-Key": "v=2" } }, ["https://h/in", "a: 1; X-Key: v=2"]],
    [{ serviceUri: "https://h/in", customHeaders: {} }, ["https://h/in", ""]],
    [{ serviceUri: "https://h/in" }, ["https://h/in", ""]],
  ])("configRow %j", (config, expected) => {
    expect(configRow(config)).toEqual(expected);
  });
});

describe("formatJson", () => {
  it("indents with two spaces and ends with a newline", () => {
    expect(formatJson({ id: "x", list: [1] })).toBe('{\n  "id": "x",\n  "list": [\n    1\n  ]\n}\n');
  });
});
