import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryApiError } from "./errors";
import { readInventory } from "./inventory";
import { parseAllowlist } from "../config/host-allowlist";
import { DEFAULT_LIMITS, type WalkLimits } from "./limits";

// A fake registry API on 127.0.0.1, its behaviour chosen per test by `handle`: pagination,
// limits, auth and broken answers without a real Distribution (e2e/scope-preview.spec.ts
// runs against one).

type Handler = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => void;
let handle: Handler = (_request, response) => response.end();
const requests: string[] = [];
let server: http.Server;
let address: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    handle(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (response: http.ServerResponse, body: unknown, headers: Record<string, string> = {}, status = 200) => {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};

/** A registry holding `repositories`, paginated like Distribution: n per page, ?last=, Link rel="next". */
const registryOf = (repositories: Record<string, string[]>): Handler => (_request, response, url) => {
  const n = Number(url.searchParams.get("n") ?? "100");
  const last = url.searchParams.get("last") ?? "";
  const pageOf = (all: string[], path: string, field: string, extra: object) => {
    const rest = all.filter((name) => name > last);
    const items = rest.slice(0, n);
    const headers: Record<string, string> = rest.length > n ? { Link: `<${path}?last=${encodeURIComponent(items.at(-1)!)}&n=${n}>; rel="next"` } : {};
    json(response, { ...extra, [field]: items }, headers);
  };
  if (url.pathname === "/v2/_catalog") return pageOf(Object.keys(repositories).sort(), "/v2/_catalog", "repositories", {});
  const tagsPath = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
  if (tagsPath && repositories[tagsPath[1]]) return pageOf([...repositories[tagsPath[1]]].sort(), url.pathname, "tags", { name: tagsPath[1] });
  json(response, { errors: [{ code: "NAME_UNKNOWN" }] }, {}, 404);
};

/** The fake registries listen on 127.0.0.1, a loopback address the outbound policy refuses unless listed. */
const LOOPBACK_ALLOWED = parseAllowlist("127.0.0.1");
const limits = (overrides: Partial<WalkLimits> = {}): WalkLimits => ({
  ...DEFAULT_LIMITS,
  pageSize: 2,
  requestTimeoutMs: 2_000,
  allowlist: LOOPBACK_ALLOWED,
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryApiError) return { failure: error.failure, message: error.message };
    throw error;
  }
  throw new Error("expected the walk to fail");
};

const FIVE = { alpha: ["v1", "v2", "v3"], beta: ["latest"], gamma: [], delta: ["a", "b", "c", "d", "e"], "team/web": ["1.0"] };

describe("reading a registry's repositories and tags", () => {
  it("follows the catalog's and the tag lists' Link pages to the end", async () => {
    handle = registryOf(FIVE);
    requests.length = 0;
    const inventory = await readInventory(address, null, limits());
    expect(Object.fromEntries(inventory.repositories.map((r) => [r.name, r.tags]))).toEqual({
      alpha: ["v1", "v2", "v3"],
      beta: ["latest"],
      delta: ["a", "b", "c", "d", "e"],
      gamma: [],
      "team/web": ["1.0"],
    });
    expect(inventory.isTruncated).toBe(false);
    // Three catalog pages of two, each asked with n=2.
    expect(requests.filter((r) => r.startsWith("/v2/_catalog"))).toEqual(["/v2/_catalog?n=2", "/v2/_catalog?last=beta&n=2", "/v2/_catalog?last=gamma&n=2"]);
    expect(requests.filter((r) => r.startsWith("/v2/delta/"))).toHaveLength(3);
  });

  it("stops at the repository bound and says the result is truncated", async () => {
    handle = registryOf(FIVE);
    requests.length = 0;
    const inventory = await readInventory(address, null, limits({ maxRepositories: 3 }));
    expect(inventory.repositories.map((r) => r.name)).toEqual(["alpha", "beta", "delta"]);
    expect(inventory.isTruncated).toBe(true);
    expect(requests.filter((r) => r.startsWith("/v2/_catalog"))).toHaveLength(2);
  });

  it("stops at the catalog page bound", async () => {
    handle = registryOf(FIVE);
    const inventory = await readInventory(address, null, limits({ maxCatalogPages: 1 }));
    expect(inventory.repositories.map((r) => r.name)).toEqual(["alpha", "beta"]);
    expect(inventory.isTruncated).toBe(true);
  });

  it("stops at the tag page bound of one repository", async () => {
    handle = registryOf({ delta: FIVE.delta });
    const inventory = await readInventory(address, null, limits({ maxTagPages: 2 }));
    expect(inventory.repositories).toEqual([{ name: "delta", tags: ["a", "b", "c", "d"] }]);
    expect(inventory.isTruncated).toBe(true);
  });

  it("keeps at most the tag bound over all repositories", async () => {
    handle = registryOf(FIVE);
    const inventory = await readInventory(address, null, limits({ maxTags: 4, tagConcurrency: 1 }));
    expect(inventory.repositories.flatMap((r) => r.tags)).toHaveLength(4);
    expect(inventory.isTruncated).toBe(true);
  });

  it("reads tags with at most the concurrency bound in flight", async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`repo${String(i).padStart(2, "0")}`, ["x"]]));
    const base = registryOf(many);
    let inFlight = 0;
    let most = 0;
    handle = (request, response, url) => {
      if (!url.pathname.endsWith("/tags/list")) return base(request, response, url);
      inFlight++;
      most = Math.max(most, inFlight);
      setImmediate(() => {
        inFlight--;
        base(request, response, url);
      });
    };
    const inventory = await readInventory(address, null, limits({ pageSize: 100, tagConcurrency: 3 }));
    expect(inventory.repositories).toHaveLength(12);
    expect(most).toBeLessThanOrEqual(3);
  });

  it("refuses an answer larger than the body cap", async () => {
    handle = (_request, response) => json(response, { repositories: Array.from({ length: 500 }, (_, i) => `repository-number-${i}`) });
    expect(await failureOf(readInventory(address, null, limits({ maxBodyBytes: 1024 })))).toMatchObject({ failure: "too-large" });
  });

  it("does not follow a Link to another origin", async () => {
    handle = (_request, response) => json(response, { repositories: ["a"] }, { Link: '<http://127.0.0.2:1/v2/_catalog?last=a>; rel="next"' });
    expect(await failureOf(readInventory(address, null, limits()))).toMatchObject({ failure: "redirected" });
  });

  it("follows a redirect on the registry's origin but not to another host", async () => {
    handle = (request, response, url) => {
      if (url.pathname === "/v2/_catalog" && !url.searchParams.has("moved")) {
        response.writeHead(307, { Location: "/v2/_catalog?moved=1&n=2" });
        return response.end();
      }
      return json(response, { repositories: [] });
    };
    expect(await readInventory(address, null, limits())).toEqual({ repositories: [], isTruncated: false });
    handle = (_request, response) => {
      response.writeHead(302, { Location: "http://127.0.0.2:1/v2/_catalog" });
      response.end();
    };
    expect(await failureOf(readInventory(address, null, limits()))).toMatchObject({ failure: "redirected" });
  });

  it("says when the address answers, but not like a registry", async () => {
    handle = (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html" });
      response.end("<html>Welcome to nginx</html>");
    };
    const failure = await failureOf(readInventory(address, null, limits()));
    expect(failure).toEqual({ failure: "not-registry", message: `${address} answered, but not like a container registry API (/v2/_catalog).` });
  });

  it("says when the registry does not list its repositories", async () => {
    handle = (_request, response) => json(response, { errors: [] }, {}, 404);
    expect(await failureOf(readInventory(address, null, limits()))).toMatchObject({ failure: "no-catalog" });
  });

  it("says when nothing listens at the address", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf(readInventory(`http://127.0.0.1:${port}`, null, limits()));
    expect(failure).toEqual({ failure: "unreachable", message: `The registry API at http://127.0.0.1:${port} cannot be reached (connection refused or host not found).` });
  });

  it("gives up on a registry that does not answer in time", async () => {
    handle = () => {};
    expect(await failureOf(readInventory(address, null, limits({ requestTimeoutMs: 200 })))).toMatchObject({ failure: "timeout" });
  });

  it("gives up on a registry that stops in the middle of its answer", async () => {
    handle = (_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"repositories": ["a"');
    };
    expect(await failureOf(readInventory(address, null, limits({ requestTimeoutMs: 200 })))).toMatchObject({ failure: "timeout" });
  });
});

describe("registry credentials", () => {
  const basicRegistry = (username: string, password: string): Handler => {
    const inner = registryOf({ app: ["v1"] });
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    return (request, response, url) => {
      if (request.headers.authorization !== expected) return json(response, { errors: [{ code: "UNAUTHORIZED" }] }, { "WWW-Authenticate": 'Basic realm="Registry Realm"' }, 401);
      inner(request, response, url);
    };
  };

  it("sends Basic credentials and reads the registry with the right ones", async () => {
    handle = basicRegistry("ci", "right password");
    expect((await readInventory(address, { username: "ci", password: "right password" }, limits())).repositories).toEqual([{ name: "app", tags: ["v1"] }]);
  });

  it("says the credentials are wrong when the registry refuses them", async () => {
    handle = basicRegistry("ci", "right password");
    expect(await failureOf(readInventory(address, { username: "ci", password: "wrong" }, limits()))).toEqual({
      failure: "unauthorized",
      message: "The registry refused the username and password set on the registry page (401). Check them.",
    });
  });

  it("says credentials are needed when none are set", async () => {
    handle = basicRegistry("ci", "right password");
    expect(await failureOf(readInventory(address, null, limits()))).toMatchObject({
      failure: "unauthorized",
      message: "The registry API needs credentials (401): set a username and password on the registry page.",
    });
  });

  it("answers a Bearer challenge with a token from the realm, per scope", async () => {
    const inner = registryOf({ app: ["v1", "v2"], web: ["latest"] });
    const tokenRequests: string[] = [];
    handle = (request, response, url) => {
      if (url.pathname === "/token") {
        tokenRequests.push(`${url.searchParams.get("service")} ${url.searchParams.get("scope")} ${request.headers.authorization ?? ""}`);
        if (request.headers.authorization !== `Basic ${Buffer.from("robot:secret").toString("base64")}`) return json(response, {}, {}, 401);
        return json(response, { token: `token-for ${url.searchParams.get("scope")}` });
      }
      const scope = url.pathname === "/v2/_catalog" ? "registry:catalog:*" : `repository:${url.pathname.split("/").slice(2, -2).join("/")}:pull`;
      if (request.headers.authorization !== `Bearer token-for ${scope}`) {
        return json(response, {}, { "WWW-Authenticate": `Bearer realm="${address}/token",service="fake-registry",scope="${scope}"` }, 401);
      }
      inner(request, response, url);
    };
    const inventory = await readInventory(address, { username: "robot", password: "secret" }, limits({ tagConcurrency: 1 }));
    expect(inventory.repositories).toEqual([
      { name: "app", tags: ["v1", "v2"] },
      { name: "web", tags: ["latest"] },
    ]);
    // One token per scope, asked once with the credentials.
    const basic = `Basic ${Buffer.from("robot:secret").toString("base64")}`;
    expect(tokenRequests).toEqual([`fake-registry registry:catalog:* ${basic}`, `fake-registry repository:app:pull ${basic}`, `fake-registry repository:web:pull ${basic}`]);
    expect(await failureOf(readInventory(address, { username: "robot", password: "wrong" }, limits()))).toMatchObject({ failure: "unauthorized" });
  });
});

describe("the outbound policy", () => {
  // A Contributor types the address: unchecked, the preview's messages would map internal hosts.
  it("refuses a loopback address the allowlist does not name, without connecting", async () => {
    handle = registryOf(FIVE);
    requests.length = 0;
    const refused = await failureOf(readInventory(address, null, limits({ allowlist: parseAllowlist("") })));
    expect(refused).toMatchObject({ failure: "blocked", message: expect.stringContaining("Set OUTBOUND_ALLOWLIST to allow it") });
    expect(requests).toEqual([]);
  });

  it("refuses a host name that resolves to a restricted address, when it connects", async () => {
    handle = registryOf(FIVE);
    requests.length = 0;
    const viaName = address.replace("127.0.0.1", "localhost");
    const refused = await failureOf(readInventory(viaName, null, limits({ allowlist: parseAllowlist("") })));
    expect(refused).toMatchObject({ failure: "blocked", message: expect.stringContaining("localhost") });
    expect(requests).toEqual([]);
  });
});
