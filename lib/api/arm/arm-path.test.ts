import { describe, expect, it } from "vitest";
import { armWebhookId, armWebhooksPath, isArmPath, parseArmPath } from "./arm-path";

const ROUTE = "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks";

describe("ARM webhook paths", () => {
  it("an id echoes the subscription and resource group the caller named, with every name encoded", () => {
    expect(armWebhookId({ subscriptionId: "sub-1", resourceGroupName: "rg 1", registry: "myregistry" }, "hook1")).toBe(
      "/subscriptions/sub-1/resourceGroups/rg%201/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks/hook1",
    );
    expect(armWebhooksPath({ subscriptionId: "sub-1", resourceGroupName: "rg-1", registry: "myregistry" })).toBe(ROUTE);
  });

  it.each([
    ["the route's own spelling", ROUTE, "webhooks"],
    ["lowercase fixed segments", ROUTE.toLowerCase(), "webhooks"],
    ["a webhook", `${ROUTE.toLowerCase()}/hook1`, "webhook"],
    ["lowercase getcallbackconfig", `${ROUTE.toLowerCase()}/hook1/getcallbackconfig`, "getCallbackConfig"],
    ["uppercase LISTEVENTS", `${ROUTE}/hook1/LISTEVENTS`, "listEvents"],
    ["uppercase WEBHOOKS and PING", `${ROUTE.replace("/webhooks", "/WEBHOOKS")}/hook1/PING`, "ping"],
  ])("finds what the path names ignoring the case of its fixed segments: %s", (_case, path, target) => {
    expect(parseArmPath(path)?.target).toBe(target);
  });

  it("keeps the names as the caller spelled them", () => {
    expect(parseArmPath("/subscriptions/Sub-A/RESOURCEGROUPS/RG%20A/PROVIDERS/microsoft.containerregistry/REGISTRIES/MyReg/webhooks/hook1")?.params).toEqual({
      subscriptionId: "Sub-A",
      resourceGroupName: "RG%20A",
      registry: "MyReg",
      webhook: "hook1",
    });
  });

  it.each([
    ["another provider", ROUTE.replace("Microsoft.ContainerRegistry", "Microsoft.Storage")],
    ["another resource type", ROUTE.replace("/webhooks", "/replications")],
    ["an unknown action", `${ROUTE}/hook1/regenerateCredential`],
    ["a trailing slash", `${ROUTE}/`],
    ["a path below an action", `${ROUTE}/hook1/ping/more`],
  ])("names nothing for %s", (_case, path) => {
    expect(parseArmPath(path)).toBeNull();
  });

  it.each([
    ["/subscriptions/x/resourceGroups/y", true],
    ["/SUBSCRIPTIONS/x", true],
    ["/api/registries/r/webhooks", false],
    ["/registries/r/webhooks", false],
  ])("%s is an ARM path: %s", (path, expected) => {
    expect(isArmPath(path)).toBe(expected);
  });
});
