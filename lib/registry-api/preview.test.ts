import { describe, expect, it } from "vitest";
import { parseScope, scopeMatches } from "../webhooks/scope";
import type { Inventory } from "./inventory";
import { previewScope } from "./preview";

const inventory: Inventory = {
  isTruncated: false,
  repositories: [
    { name: "web", tags: ["v2", "latest", "v1"] },
    { name: "app", tags: ["v1", "v2"] },
    { name: "app/worker", tags: ["latest"] },
    { name: "emptied", tags: [] },
  ],
};

const preview = (scope: string, sampleSize = 20) => {
  const parsed = parseScope(scope);
  if (!parsed.ok) throw new Error(parsed.message);
  return previewScope(inventory, parsed.scope, sampleSize);
};

describe("the scope preview", () => {
  it.each([
    ["", 4, 6, ["app:v1", "app:v2", "app/worker:latest", "emptied", "web:latest", "web:v1", "web:v2"]],
    ["app:*", 1, 2, ["app:v1", "app:v2"]],
    ["app", 0, 0, []],
    ["web", 1, 1, ["web:latest"]],
    ["app/worker", 1, 1, ["app/worker:latest"]],
    ["web:v1", 1, 1, ["web:v1"]],
    ["web:v9", 0, 0, []],
    ["emptied:*", 1, 0, ["emptied"]],
    ["missing:*", 0, 0, []],
  ])("%j matches %i repositories and %i tags", (scope, repositories, tags, sample) => {
    expect(preview(scope)).toEqual({ repositoryCount: repositories, tagCount: tags, sample, unlisted: 0, isTruncated: false });
  });

  it("counts every match but lists at most the sample size", () => {
    expect(preview("", 2)).toMatchObject({ repositoryCount: 4, tagCount: 6, sample: ["app:v1", "app:v2"], unlisted: 5 });
    expect(preview("", 6)).toMatchObject({ sample: ["app:v1", "app:v2", "app/worker:latest", "emptied", "web:latest", "web:v1"], unlisted: 1 });
  });

  it("says a truncated inventory's counts are a lower bound", () => {
    const parsed = parseScope("app:*");
    if (!parsed.ok) throw new Error(parsed.message);
    expect(previewScope({ ...inventory, isTruncated: true }, parsed.scope, 20).isTruncated).toBe(true);
  });

  it("agrees with the delivery matcher on every repository and tag", () => {
    for (const scope of ["", "app", "app:*", "web:v2", "app/worker:latest", "web:*"]) {
      const parsed = parseScope(scope);
      if (!parsed.ok) throw new Error(parsed.message);
      const delivered = inventory.repositories.flatMap((repository) =>
        repository.tags.filter((tag) => scopeMatches(parsed.scope, repository.name, [tag])).map((tag) => `${repository.name}:${tag}`),
      );
      const shown = previewScope(inventory, parsed.scope, 100).sample.filter((entry) => entry.includes(":"));
      expect(shown.toSorted(), scope).toEqual(delivered.toSorted());
    }
  });
});
