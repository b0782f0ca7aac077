// `npm test`: the static checks (ESLint, the app's and the CLI's types), every unit test
// (Vitest), then every end-to-end test (Playwright against a production build), then one
// closing line "N passed, N failed" that sums them all (each static check counts as one).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const REPORTS = "test-reports";
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};

// Each check runs even when another failed, so one run reports every problem.
const checks = [
  { label: "Lint", command: ["eslint", ".", "--max-warnings=0"] },
  { label: "Types (app)", command: ["tsc", "--noEmit"] },
  { label: "Types (CLI)", command: ["tsc", "--noEmit", "-p", "cli"] },
].map(({ label, command }) => ({ label, ok: run("npx", command) === 0 }));

const unitStatus = run("npx", [
  "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/unit.json`,
]);
const e2eStatus = run("npx", ["playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/e2e.json`,
});

const unit = readJson(`${REPORTS}/unit.json`);
const e2e = readJson(`${REPORTS}/e2e.json`);
const counts = {
  unit: { passed: unit?.numPassedTests ?? 0, failed: unit?.numFailedTests ?? 0 },
  e2e: {
    passed: (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0),
    failed: e2e?.stats?.unexpected ?? 0,
  },
};
// A runner that crashed before reporting counts as one failure, so the total cannot read green.
if (!unit && unitStatus !== 0) counts.unit.failed += 1;
if (!e2e && e2eStatus !== 0) counts.e2e.failed += 1;

const checksPassed = checks.filter((check) => check.ok).length;
const checksFailed = checks.length - checksPassed;
const passed = checksPassed + counts.unit.passed + counts.e2e.passed;
const failed = checksFailed + counts.unit.failed + counts.e2e.failed;
console.log("");
for (const check of checks) console.log(`${check.label}: ${check.ok ? "passed" : "failed"}`);
console.log(`Unit: ${counts.unit.passed} passed, ${counts.unit.failed} failed`);
console.log(`E2E: ${counts.e2e.passed} passed, ${counts.e2e.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(unitStatus === 0 && e2eStatus === 0 && failed === 0 && passed > 0 ? 0 : 1);
