import { describe, expect, it } from "vitest";
import { nextLinkTarget, nextPage } from "./link";

const page = new URL("http://127.0.0.1:5000/v2/_catalog?n=2");

describe("the Link header's next page", () => {
  it.each([
    ['</v2/_catalog?last=b&n=2>; rel="next"', "/v2/_catalog?last=b&n=2"],
    ["</v2/_catalog?last=b&n=2>; rel=next", "/v2/_catalog?last=b&n=2"],
    ['<https://r.example/v2/a>; rel="prev", </v2/_catalog?last=c>; rel="next"', "/v2/_catalog?last=c"],
    ['</v2/x>; title="a;b"; REL="Next"', "/v2/x"],
    ['</v2/x>; rel="prev next"', "/v2/x"],
  ])("reads %s", (header, target) => {
    expect(nextLinkTarget(header)).toBe(target);
  });

  it.each([[null], [""], ['</v2/x>; rel="prev"'], ["not a link"], ["</v2/x>"]])("finds no next page in %s", (header) => {
    expect(nextLinkTarget(header)).toBeNull();
  });

  it("resolves a relative target against the page it came with", () => {
    const next = nextPage('</v2/_catalog?last=b&n=2>; rel="next"', page);
    expect(next).toEqual({ kind: "next", url: new URL("http://127.0.0.1:5000/v2/_catalog?last=b&n=2") });
  });

  it("follows an absolute target on the same origin", () => {
    expect(nextPage('<http://127.0.0.1:5000/v2/_catalog?last=z>; rel="next"', page)).toMatchObject({ kind: "next" });
  });

  it.each([
    '<http://127.0.0.1:5001/v2/_catalog?last=b>; rel="next"',
    '<https://127.0.0.1:5000/v2/_catalog?last=b>; rel="next"',
    '<http://elsewhere.example/v2/_catalog>; rel="next"',
    '<//elsewhere.example/v2/_catalog>; rel="next"',
  ])("refuses a next page on another origin: %s", (header) => {
    expect(nextPage(header, page)).toEqual({ kind: "elsewhere" });
  });

  it("says there is no next page without one", () => {
    expect(nextPage(null, page)).toEqual({ kind: "none" });
  });
});
