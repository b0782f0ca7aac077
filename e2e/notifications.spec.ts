import type { APIRequestContext } from "@playwright/test";
import { expect, gotoBlade, notificationsUrl, seedRegistry, seedWebhook, test } from "./fixtures";
import { blobPush, ENVELOPE_TYPE, manifestDelete, manifestPush, pull, tagDelete } from "./support/distribution-events";

const post = (request: APIRequestContext, registry: string, token: string, body: unknown, contentType = ENVELOPE_TYPE) =>
  request.post(notificationsUrl(registry), {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
    data: typeof body === "string" ? body : JSON.stringify(body),
  });

test.describe("Notifications endpoint", () => {
  test("refuses bad requests with a clear status and stores nothing", async ({ request, db, uniqueName }) => {
    const registry = uniqueName("refuse");
    const token = `token-${registry}`;
    await seedRegistry(db, registry, token);
    const envelope = { events: [manifestPush("app", "v1")] };

    const unknown = await post(request, uniqueName("nosuch"), token, envelope);
    expect(unknown.status()).toBe(404);
    const missing = await request.post(notificationsUrl(registry), { headers: { "Content-Type": ENVELOPE_TYPE }, data: JSON.stringify(envelope) });
    expect(missing.status()).toBe(401);
    const wrong = await post(request, registry, "wrong-token", envelope);
    expect(wrong.status()).toBe(401);
    expect((await wrong.json()).error.message).toMatch(/Authorization: Bearer/);
    const notJson = await post(request, registry, token, "{events:");
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.message).toBe("The body is not valid JSON.");
    const notEnvelope = await post(request, registry, token, { events: [[{ action: "push" }]] });
    expect(notEnvelope.status()).toBe(400);
    expect((await notEnvelope.json()).error.message).toBe("Not a Distribution notification envelope at events.0: each event must be a JSON object.");
    // Deep nesting beside or inside the events: valid JSON, but no registry sends it.
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    for (const body of [deep(50_000), `{"events":[],"a":${deep(50_000)}}`, `{"events":[{"id":"x","action":"push","target":{"repository":"app","a":${deep(50_000)}}}]}`]) {
      const nested = await post(request, registry, token, body);
      expect(nested.status()).toBe(400);
      expect((await nested.json()).error).toEqual({ code: "InvalidEnvelope", message: "Not a Distribution notification envelope: nested more than 32 levels deep." });
    }
    const tooBig = await post(request, registry, token, { events: [], padding: "x".repeat(1024 * 1024) });
    expect(tooBig.status()).toBe(413);
    const wrongType = await post(request, registry, token, envelope, "text/plain");
    expect(wrongType.status()).toBe(415);

    expect(await db.registryEvent.count({ where: { registry: { name: registry } } })).toBe(0);
  });

  test("maps pushes and deletes like ACR, ignores the rest, and delivers a repeated event once", async ({ request, db, receiver, uniqueName }) => {
    const registry = uniqueName("mapping");
    const token = `token-${registry}`;
    await seedRegistry(db, registry, token, "registry.example.com:5000");
    await seedWebhook(db, { registry, name: uniqueName("tagscope"), serviceUri: receiver.url("/tag"), actions: "push,delete", scope: "app:v1" });
    await seedWebhook(db, { registry, name: uniqueName("pushonly"), serviceUri: receiver.url("/push"), actions: "push" });
    await seedWebhook(db, { registry, name: uniqueName("offhook"), serviceUri: receiver.url("/off"), actions: "push,delete", status: "disabled" });

    const push = manifestPush("app", "v1");
    const envelope = { events: [blobPush("app"), push, pull("app", "v1"), manifestPush("app", "v2")] };
    const first = await post(request, registry, token, envelope, "application/vnd.docker.distribution.events.v2+json");
    const ignoredReasons = [
      { index: 0, id: envelope.events[0].id, reason: "a push of a blob or other content than a manifest: ACR does not fire" },
      { index: 2, id: envelope.events[2].id, reason: "a pull event: ACR fires only on push and delete" },
    ];
    expect(await first.json()).toEqual({ received: 4, ignored: 2, duplicates: 0, accepted: 2, deliveries: 3, ignoredReasons });
    // Distribution retries a whole batch when it misses the answer: nothing new happens.
    const again = await post(request, registry, token, envelope, "application/json");
    expect(await again.json()).toEqual({ received: 4, ignored: 2, duplicates: 2, accepted: 0, deliveries: 0, ignoredReasons });

    // A delete names only the digest: it matches "app:v1" through the tag the push recorded.
    const deletions = { events: [tagDelete("app", "v1"), manifestDelete("app", push.target.digest)] };
    expect(await (await post(request, registry, token, deletions)).json()).toMatchObject({ ignored: 1, deliveries: 1 });

    await expect.poll(() => receiver.requestsTo("/tag").length).toBe(2);
    await expect.poll(() => receiver.requestsTo("/push").length).toBe(2);
    const [tagPush, tagDeletion] = receiver.requestsTo("/tag").map((got) => JSON.parse(got.body));
    expect(tagPush).toMatchObject({ action: "push", target: { repository: "app", tag: "v1", digest: push.target.digest }, request: { host: "registry.example.com:5000" } });
    expect(tagDeletion).toMatchObject({ action: "delete", target: { repository: "app", digest: push.target.digest } });
    expect(receiver.requestsTo("/push").map((got) => JSON.parse(got.body).target.tag).sort()).toEqual(["v1", "v2"]);
    expect(receiver.requestsTo("/off")).toHaveLength(0);
  });

  test("ignores events that break the OCI grammar, with reasons, and stores the rest of the batch", async ({ request, db, receiver, uniqueName }) => {
    const registry = uniqueName("grammar");
    const token = `token-${registry}`;
    await seedRegistry(db, registry, token);
    await seedWebhook(db, { registry, name: uniqueName("every"), serviceUri: receiver.url("/every"), actions: "push,delete" });

    const good = manifestPush("app", "v1");
    const bad = [manifestPush("app\u0000", "v1"), manifestPush("app", "v1\r\nX-Evil: 1"), manifestPush("app\ud800", "v1"), manifestPush("a".repeat(500 * 1024), "v1")];
    const answer = await post(request, registry, token, { events: [...bad, good, { a: { b: { c: [] } } }] });
    expect(answer.status()).toBe(200);
    const summary = await answer.json();
    expect(summary).toMatchObject({ received: 6, ignored: 5, duplicates: 0, accepted: 1, deliveries: 1 });
    expect(summary.ignoredReasons.map((ignored: { index: number; id: string | null }) => [ignored.index, ignored.id])).toEqual([
      ...bad.map((event, index) => [index, event.id]),
      [5, null],
    ]);
    expect(summary.ignoredReasons[1].reason).toBe("target.tag: expected a tag in the OCI distribution grammar, at most 128 characters");

    const stored = await db.registryEvent.findMany({ where: { registry: { name: registry } }, select: { sourceId: true } });
    expect(stored).toEqual([{ sourceId: good.id }]);
    await expect.poll(() => receiver.requestsTo("/every").length).toBe(1);
    expect(JSON.parse(receiver.requestsTo("/every")[0].body).target).toMatchObject({ repository: "app", tag: "v1" });
  });

  test("retries a 503 until the receiver accepts, showing each attempt", async ({ page, request, db, receiver, uniqueName }) => {
    const registry = uniqueName("retry");
    const token = `token-${registry}`;
    await seedRegistry(db, registry, token);
    const name = uniqueName("flaky");
    await seedWebhook(db, { registry, name, serviceUri: receiver.url("/flaky/2/hook") });

    await post(request, registry, token, { events: [manifestPush("app", "v1")] });
    await expect.poll(() => receiver.requestsTo("/flaky/2/hook").map((got) => got.status), { timeout: 20_000 }).toEqual([503, 503, 200]);
    const ids = new Set(receiver.requestsTo("/flaky/2/hook").map((got) => JSON.parse(got.body).id));
    expect(ids.size).toBe(1);
    await expect.poll(async () => (await db.delivery.findFirst({ where: { webhook: { name } } }))?.state).toBe("delivered");

    await gotoBlade(page, `/registries/${registry}/webhooks/${name}`);
    const row = page.getByRole("table", { name: "Events" }).getByRole("row").nth(1);
    await expect(row.getByRole("cell").nth(5)).toHaveText("Delivered");
    await row.click();
    const attempts = page.getByRole("table", { name: "Attempts" }).getByRole("row");
    await expect(attempts).toHaveCount(4);
    await expect(attempts.nth(1)).toContainText("200 OK");
    await expect(attempts.nth(2)).toContainText("503 Service Unavailable");
    await expect(attempts.nth(3)).toContainText("503 Service Unavailable");

    // Redeliver sends the same payload again as a fourth attempt.
    await page.getByRole("button", { name: "Redeliver", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Redeliver sent: 200 OK");
    await expect(attempts).toHaveCount(5);
    const bodies = receiver.requestsTo("/flaky/2/hook").map((got) => got.body);
    expect(bodies).toHaveLength(4);
    expect(bodies[3]).toBe(bodies[2]);
  });

  test("does not retry a 4xx or follow a redirect", async ({ request, db, receiver, uniqueName }) => {
    const registry = uniqueName("noretry");
    const token = `token-${registry}`;
    await seedRegistry(db, registry, token);
    await seedWebhook(db, { registry, name: uniqueName("gone"), serviceUri: receiver.url("/status/404") });
    await seedWebhook(db, { registry, name: uniqueName("moved"), serviceUri: receiver.url("/status/302") });

    await post(request, registry, token, { events: [manifestPush("app", "v1")] });
    await expect
      .poll(async () => (await db.delivery.findMany({ where: { webhook: { registry: { name: registry } } } })).map((d) => d.state))
      .toEqual(["failed", "failed"]);
    expect(receiver.requestsTo("/status/404")).toHaveLength(1);
    expect(receiver.requestsTo("/status/302")).toHaveLength(1);
  });

  test("answers any method but POST with 405, the Allow header and what to send", async ({ request, db, uniqueName }) => {
    const registry = uniqueName("methods");
    const token = `token-${registry}`;
    await seedRegistry(db, registry, token);
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE };
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
      const response = await request.fetch(notificationsUrl(registry), { method, headers, data: method === "GET" ? undefined : "{}" });
      expect(response.status(), method).toBe(405);
      expect(response.headers()["allow"], method).toBe("OPTIONS, POST");
      const { error } = await response.json();
      expect(error.code, method).toBe("MethodNotAllowed");
      expect(error.message, method).toContain(`${method} is not accepted`);
      expect(error.message, method).toContain("POST");
      expect(error.message, method).toContain("application/vnd.docker.distribution.events.v1+json");
    }
    // Unknown registries too: the method is checked first.
    expect((await request.get(notificationsUrl(uniqueName("nosuch")))).status()).toBe(405);
    const head = await request.head(notificationsUrl(registry));
    expect(head.status()).toBe(405);
    expect(head.headers()["allow"]).toBe("OPTIONS, POST");
    const options = await request.fetch(notificationsUrl(registry), { method: "OPTIONS" });
    expect(options.status()).toBe(204);
    expect(options.headers()["allow"]).toBe("OPTIONS, POST");
    expect(await db.registryEvent.count({ where: { registry: { name: registry } } })).toBe(0);
  });
});
