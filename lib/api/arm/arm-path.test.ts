import { describe, expect, it } from "vitest";
import { armWebhookId, armWebhooksPath, canonicalArmPath, isArmPath } from "./arm-path";

const ROUTE = "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks";

describe("ARM webhook paths", () => {
  it("an id echoes the subscription and resource group the caller named, with every name encoded", () => {
    expect(armWebhookId({ subscriptionId: "sub-1", resourceGroupName: "rg 1", registry: "myregistry" }, "hook1")).toBe(
      "/subscriptions/sub-1/resourceGroups/rg%201/providers/Microsoft.ContainerRegistry/registries/myregistry/webhooks/hook1",
    );
    expect(armWebhooksPath({ subscriptionId: "sub-1", resourceGroupName: "rg-1", registry: "myregistry" })).toBe(ROUTE);
  });

  it.each([
    ["the route's own spelling", ROUTE, null],
    ["the route's own spelling, with an action", `${ROUTE}/hook1/listEvents`, null],
    ["lowercase fixed segments", ROUTE.toLowerCase(), ROUTE],
    [
      "lowercase action",
      "/subscriptions/sub-1/resourcegroups/rg-1/providers/microsoft.containerregistry/registries/myregistry/webhooks/hook1/getcallbackconfig",
      `${ROUTE}/hook1/getCallbackConfig`,
    ],
    ["uppercase WEBHOOKS and PING", `${ROUTE.replace("/webhooks", "/WEBHOOKS")}/hook1/PING`, `${ROUTE}/hook1/ping`],
    ["names keep the caller's spelling", "/SUBSCRIPTIONS/Sub-A/RESOURCEGROUPS/RG-A/PROVIDERS/Microsoft.ContainerRegistry/REGISTRIES/MyReg/webhooks", ROUTE.replace("sub-1", "Sub-A").replace("rg-1", "RG-A").replace("myregistry", "MyReg")],
    ["another provider", ROUTE.replace("Microsoft.ContainerRegistry", "Microsoft.Storage"), null],
    ["an unknown action", `${ROUTE.toLowerCase()}/hook1/regeneratecredential`, null],
    ["a trailing slash", `${ROUTE.toLowerCase()}/`, null],
  ])("canonical spelling: %s", (_case, path, expected) => {
    expect(canonicalArmPath(path)).toBe(expected);
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
