import { describe, expect, it } from "vitest";
import type { WebhookResource } from "../arm-shapes";
import { MAX_TAGS, splitArmBody, toArmNextLink, toArmWebhook, UNSET_LOCATION, withFieldsInMessage } from "./arm-envelope";

const properties = { serviceUri: "https://hooks.example/acr", actions: ["push"] };

describe("the ARM envelope of a PUT body", () => {
  it("takes location and tags off and leaves the portal's body as it was", () => {
    expect(splitArmBody("create", { location: " westus ", tags: { team: "build" }, properties })).toEqual({
      ok: true,
      envelope: { location: "westus", tags: { team: "build" } },
      body: { properties },
    });
  });

  it("keeps no tags when a PUT sends none (PUT replaces the whole resource)", () => {
    expect(splitArmBody("create", { location: "westus", properties })).toMatchObject({ ok: true, envelope: { location: "westus", tags: {} } });
  });

  it.each([
    ["no location", { properties }, "location"],
    ["an empty location", { location: "  ", properties }, "location"],
    ["a location that is not text", { location: 7, properties }, "location"],
    ["tags that are not an object", { location: "westus", tags: ["a"], properties }, "tags"],
    ["a tag value that is not text", { location: "westus", tags: { team: 1 }, properties }, "tags.team"],
    ["too many tags", { location: "westus", tags: Object.fromEntries(Array.from({ length: MAX_TAGS + 1 }, (_, i) => [`t${i}`, "v"])), properties }, "tags"],
  ])("refuses %s, naming the field", (_case, body, target) => {
    const split = splitArmBody("create", body);
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.details.map((detail) => detail.target)).toEqual([target]);
  });

  it("lists the envelope's problems and the properties' together", () => {
    const split = splitArmBody("create", { properties: { actions: "push" } });
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.details.map((detail) => detail.target)).toEqual(["location", "properties.serviceUri", "properties.actions"]);
  });
});

describe("the ARM envelope of a PATCH body", () => {
  it("has no location, and keeps the stored tags when none are sent", () => {
    expect(splitArmBody("update", { properties: { status: "disabled" } })).toEqual({ ok: true, envelope: {}, body: { properties: { status: "disabled" } } });
  });

  it("replaces the tags when sent", () => {
    expect(splitArmBody("update", { tags: {} })).toEqual({ ok: true, envelope: { tags: {} }, body: {} });
  });

  it("refuses tags that are not an object of text", () => {
    expect(splitArmBody("update", { tags: "team=build" })).toMatchObject({ ok: false, details: [{ target: "tags" }] });
  });
});

const resource: WebhookResource = {
  id: "/registries/myregistry/webhooks/hook1",
  name: "hook1",
  type: "Microsoft.ContainerRegistry/registries/webhooks",
  properties: { status: "enabled", scope: "", actions: ["push"], payloadFormat: "acr", provisioningState: "Succeeded" },
};
const armId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks/hook1";

describe("answers in ARM's shape", () => {
  it("a webhook carries the caller's path as id, its stored location and tags, and the portal's properties", () => {
    expect(toArmWebhook(resource, armId, { location: "westus", tags: { team: "build" } })).toEqual({
      id: armId,
      name: "hook1",
      type: "Microsoft.ContainerRegistry/registries/webhooks",
      location: "westus",
      tags: { team: "build" },
      properties: resource.properties,
    });
  });

  it("a webhook made on the blade (never given a location) answers ARM's global location and no tags", () => {
    expect(toArmWebhook(resource, armId, { location: "", tags: {} })).toMatchObject({ location: UNSET_LOCATION, tags: {} });
    expect(toArmWebhook(resource, armId, undefined)).toMatchObject({ location: UNSET_LOCATION, tags: {} });
  });

  it("a nextLink moves to the caller's ARM path and keeps its page key and api-version", () => {
    const next = new URL(toArmNextLink("https://portal.test:8443/api/registries/myregistry/webhooks?%24top=5&%24skipToken=abc", "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks", "2025-11-01"));
    expect(next.origin).toBe("https://portal.test:8443");
    expect(next.pathname).toBe("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks");
    expect(Object.fromEntries(next.searchParams)).toEqual({ $top: "5", $skipToken: "abc", "api-version": "2025-11-01" });
  });

  it("a refusal's message names each field at fault; one without details is left as it is", () => {
    expect(
      withFieldsInMessage({ code: "ValidationFailed", message: "The webhook is not valid.", details: [{ target: "properties.serviceUri", message: "Enter a service URI." }] }).message,
    ).toBe("The webhook is not valid. properties.serviceUri: Enter a service URI.");
    expect(withFieldsInMessage({ code: "WebhookNotFound", message: "No such webhook." })).toEqual({ code: "WebhookNotFound", message: "No such webhook." });
  });
});
