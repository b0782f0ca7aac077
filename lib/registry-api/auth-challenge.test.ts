import { describe, expect, it } from "vitest";
import { parseAuthChallenge } from "./auth-challenge";

describe("WWW-Authenticate challenges", () => {
  it("reads Distribution's htpasswd challenge as Basic", () => {
    expect(parseAuthChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: "basic" });
  });

  it("reads a token challenge's realm, service and scope", () => {
    expect(parseAuthChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:app/web:pull"')).toEqual({
      scheme: "bearer",
      realm: "https://auth.example.com/token",
      service: "registry.example.com",
      scope: "repository:app/web:pull",
    });
  });

  it("accepts a challenge without service or scope", () => {
    expect(parseAuthChallenge('bearer realm="http://127.0.0.1:1/t"')).toEqual({ scheme: "bearer", realm: "http://127.0.0.1:1/t", service: null, scope: null });
  });

  it.each([[null], [""], ["Negotiate"], ["Bearer service=x"]])("treats %s as a challenge it cannot answer", (header) => {
    expect(parseAuthChallenge(header)).toEqual({ scheme: "other" });
  });
});
