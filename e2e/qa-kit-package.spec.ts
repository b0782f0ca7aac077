import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "./fixtures";
import { E2E_CONTRIBUTOR } from "./support/settings";

// The QA kit as a QA team gets it: `npm pack` the package, install the tarball into a project
// outside this repository, copy the documented sample (testing/examples) from the installed
// package and run it with Playwright against the running portal. Offline: the tarball is
// unpacked where npm would put it, and @playwright/test (the kit's peer) is this repository's,
// linked in. Nothing of the repository is reachable from the project otherwise, so a file
// missing from "files", a wrong "exports" entry or TypeScript where Node needs JavaScript fails here.

const run = promisify(execFile);
const REPO = path.resolve(__dirname, "..");
const KIT_FILES = /^(testing\/|cli\/|scripts\/generate-clients\.mjs$|package\.json$|README\.md$)/;

test("a QA project installs the packed kit and the sample spec passes against the portal", async ({ target }) => {
  test.setTimeout(300_000);
  const project = mkdtempSync(path.join(tmpdir(), "rw-qa-kit-"));
  try {
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--offline", "--no-update-notifier", "--pack-destination", project], { cwd: REPO, encoding: "utf8" }));
    const files: string[] = packed.files.map((file: { path: string }) => file.path);
    expect(files.filter((file) => !KIT_FILES.test(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["testing/index.mjs", "testing/index.d.mts", "testing/examples/webhooks.spec.ts"]));

    // What `npm install ./registry-webhooks-<version>.tgz` unpacks, without fetching the portal's own dependencies.
    const installed = path.join(project, "node_modules", "registry-webhooks");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(project, packed.filename), "-C", installed, "--strip-components=1"]);
    for (const peer of ["@playwright/test", "@types/node"]) {
      mkdirSync(path.dirname(path.join(project, "node_modules", peer)), { recursive: true });
      symlinkSync(path.join(REPO, "node_modules", peer), path.join(project, "node_modules", peer), "dir");
    }
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "qa-project", private: true }));
    cpSync(path.join(installed, "testing", "examples"), project, { recursive: true });
    expect(readdirSync(project)).toEqual(expect.arrayContaining(["playwright.config.ts", "webhooks.spec.ts"]));

    // The kit's types resolve through its exports map from the installed package.
    const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
    await run(process.execPath, [tsc, "--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext",
      "--target", "es2022", "--types", "node", "playwright.config.ts", "webhooks.spec.ts"], { cwd: project });

    // A clean environment: nothing of this Playwright run (workers, reporters) leaks into the QA one.
    const env = {
      NODE_ENV: "test" as const,
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? project,
      PORTAL_URL: target.baseUrl,
      PORTAL_EMAIL: E2E_CONTRIBUTOR.email,
      PORTAL_PASSWORD: E2E_CONTRIBUTOR.password,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    };
    const cli = path.join(project, "node_modules", "@playwright", "test", "cli.js");
    const result = await run(process.execPath, [cli, "test", "--workers=1"], { cwd: project, env, timeout: 240_000 }).catch(
      (error: { stdout?: string; stderr?: string; message: string }) => ({ stdout: error.stdout ?? "", stderr: `${error.message}\n${error.stderr ?? ""}`, failed: true }),
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect("failed" in result, output).toBe(false);
    expect(output).toMatch(/\b2 passed\b/);
    expect(output).not.toMatch(/\b(failed|flaky|skipped|did not run)\b/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
