import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, gotoBlade, seedRegistry, seedWebhook, test } from "./fixtures";
import { skopeoCopy, skopeoDelete, startRegistry } from "./support/distribution";
import { OCI_MANIFEST_MEDIA_TYPE, writeOciImageLayout } from "./support/oci-image";

// A real CNCF Distribution registry on loopback notifies the portal; skopeo pushes and
// deletes a hand-built OCI image.
test.describe("Real registry events", () => {
  test("a push and a delete reach only the webhooks whose scope matches, once each", async ({ page, db, target, receiver, uniqueName }) => {
    const workDir = await mkdtemp(path.join(tmpdir(), "rw-registry-"));
    const registryName = uniqueName("dist");
    const token = `token-${registryName}`;
    const distribution = await startRegistry({
      notifyUrl: `${target.baseUrl}/api/registries/${registryName}/notifications`,
      token,
      workDir,
    });
    try {
      await seedRegistry(db, registryName, token, distribution.host);
      const scoped = uniqueName("scoped");
      const other = uniqueName("other");
      await seedWebhook(db, { registry: registryName, name: scoped, serviceUri: receiver.url("/scoped"), actions: "push,delete", scope: "hello-world:*" });
      await seedWebhook(db, { registry: registryName, name: other, serviceUri: receiver.url("/other"), actions: "push,delete", scope: "another-repo:*" });

      const layout = path.join(workDir, "layout");
      const image = await writeOciImageLayout(layout, { tag: "v1" });
      await skopeoCopy(layout, "v1", distribution.host, "hello-world:v1");

      await expect.poll(() => receiver.requestsTo("/scoped").length).toBe(1);
      const push = JSON.parse(receiver.requestsTo("/scoped")[0].body);
      expect(push).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        timestamp: expect.any(String),
        action: "push",
        target: {
          mediaType: OCI_MANIFEST_MEDIA_TYPE,
          size: image.manifestSize,
          digest: image.manifestDigest,
          length: image.manifestSize,
          repository: "hello-world",
          tag: "v1",
        },
        request: { id: expect.any(String), host: distribution.host, method: "PUT", useragent: expect.stringMatching(/skopeo/) },
      });

      await skopeoDelete(distribution.host, "hello-world:v1");
      await expect.poll(() => receiver.requestsTo("/scoped").length).toBe(2);
      const deletion = JSON.parse(receiver.requestsTo("/scoped")[1].body);
      expect(deletion).toMatchObject({
        action: "delete",
        target: { digest: image.manifestDigest, repository: "hello-world" },
        request: { host: distribution.host, method: "DELETE" },
      });
      expect(deletion.target.tag).toBeUndefined();

      // Ingest stores every delivery before it answers, so "nothing for /other" is final here.
      expect(receiver.requestsTo("/other")).toHaveLength(0);
      expect(await db.delivery.count({ where: { webhook: { name: other } } })).toBe(0);
      expect(receiver.requestsTo("/scoped").map((request) => JSON.parse(request.body).action)).toEqual(["push", "delete"]);

      await gotoBlade(page, `/registries/${registryName}/webhooks/${scoped}`);
      const rows = page.getByRole("table", { name: "Events" }).getByRole("row");
      await expect(rows.nth(1)).toContainText(`hello-world@${image.manifestDigest}`);
      await expect(rows.nth(2)).toContainText("hello-world:v1");
      await expect(rows.nth(2).getByRole("cell").nth(5)).toHaveText("Delivered");
    } finally {
      await distribution.stop();
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
