import { describe, expect, it } from "vitest";
import { apiVersionProblem, ARM_API_VERSIONS, SDK_API_VERSION } from "./api-version";

const url = (query: string) => new URL(`https://portal.test/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r/webhooks${query}`);

describe("api-version", () => {
  it.each([
    ["the SDK's version", `?api-version=${SDK_API_VERSION}`],
    ["the first version with webhooks", "?api-version=2017-10-01"],
    ["a preview version", "?api-version=2023-11-01-preview"],
  ])("accepts %s", (_case, query) => {
    expect(apiVersionProblem(url(query))).toBeNull();
  });

  it.each([
    ["no api-version", "", "MissingApiVersionParameter"],
    ["an empty api-version", "?api-version=", "MissingApiVersionParameter"],
    ["a version ACR never published", "?api-version=2099-01-01", "InvalidApiVersionParameter"],
    ["a version of another shape", "?api-version=latest", "InvalidApiVersionParameter"],
    ["a version differing in case", "?api-version=2023-11-01-PREVIEW", "InvalidApiVersionParameter"],
  ])("refuses %s as ARM does", (_case, query, code) => {
    expect(apiVersionProblem(url(query))?.code).toBe(code);
  });

  it("names the supported versions when it refuses one", () => {
    expect(apiVersionProblem(url("?api-version=2099-01-01"))?.message).toBe(
      `The api-version '2099-01-01' is invalid. The supported versions are '${ARM_API_VERSIONS.join(",")}'.`,
    );
  });
});
