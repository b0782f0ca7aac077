import { describe, expect, it } from "vitest";
import { parseScope, scopeMatches, type Scope } from "./scope";

describe("parseScope", () => {
  it.each([
    { text: "", scope: { kind: "all" } },
    { text: "   ", scope: { kind: "all" } },
    { text: "hello-world", scope: { kind: "tag", repository: "hello-world", tag: "latest" } },
    { text: "hello-world:v1", scope: { kind: "tag", repository: "hello-world", tag: "v1" } },
    { text: "hello-world:*", scope: { kind: "repository", repository: "hello-world" } },
    { text: "team/app.api__x:1.0_rc-2", scope: { kind: "tag", repository: "team/app.api__x", tag: "1.0_rc-2" } },
    { text: "a--b/c", scope: { kind: "tag", repository: "a--b/c", tag: "latest" } },
    { text: "repo:_underscore", scope: { kind: "tag", repository: "repo", tag: "_underscore" } },
  ] satisfies { text: string; scope: Scope }[])("accepts $text", ({ text, scope }) => {
    expect(parseScope(text)).toEqual({ ok: true, scope });
  });

  it.each([
    { text: "Hello", error: /"Hello" is not a valid repository name/ },
    { text: "-repo:v1", error: /not a valid repository name/ },
    { text: "repo_:v1", error: /not a valid repository name/ },
    { text: "repo//x", error: /not a valid repository name/ },
    { text: "a___b", error: /not a valid repository name/ },
    { text: ":v1", error: "Enter a repository name before the colon." },
    { text: "repo:", error: /Enter a tag after the colon/ },
    { text: "repo:.v1", error: /"\.v1" is not a valid tag/ },
    { text: `repo:${"t".repeat(129)}`, error: /not a valid tag/ },
    { text: "repo:v1:v2", error: /not a valid tag/ },
    { text: "repo:v 1", error: "A scope cannot contain spaces." },
    { text: `${"r".repeat(256)}`, error: /at most 255 characters/ },
  ])("refuses $text", ({ text, error }) => {
    const parsed = parseScope(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(error);
  });

  it("accepts a 128-character tag", () => {
    expect(parseScope(`repo:${"t".repeat(128)}`).ok).toBe(true);
  });
});

describe("scopeMatches", () => {
  const scopeOf = (text: string) => {
    const parsed = parseScope(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.scope;
  };

  it.each([
    { scope: "", repository: "anything", tags: ["v1"], matches: true },
    { scope: "", repository: "anything", tags: [], matches: true },
    { scope: "hello-world:*", repository: "hello-world", tags: ["v1"], matches: true },
    { scope: "hello-world:*", repository: "hello-world", tags: [], matches: true },
    { scope: "hello-world:*", repository: "other", tags: ["v1"], matches: false },
    { scope: "hello-world:*", repository: "hello-world/sub", tags: ["v1"], matches: false },
    { scope: "hello-world:v1", repository: "hello-world", tags: ["v1"], matches: true },
    { scope: "hello-world:v1", repository: "hello-world", tags: ["v2"], matches: false },
    { scope: "hello-world:v1", repository: "hello-world", tags: ["v2", "v1"], matches: true },
    { scope: "hello-world:v1", repository: "other", tags: ["v1"], matches: false },
    { scope: "hello-world", repository: "hello-world", tags: ["latest"], matches: true },
    { scope: "hello-world", repository: "hello-world", tags: ["v1"], matches: false },
    { scope: "hello-world:V1", repository: "hello-world", tags: ["v1"], matches: false },
  ])("$scope vs $repository $tags -> $matches", ({ scope, repository, tags, matches }) => {
    expect(scopeMatches(scopeOf(scope), repository, tags)).toBe(matches);
  });
});
