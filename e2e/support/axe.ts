import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type * as Axe from "axe-core";

// axe-core itself, injected into the page: @axe-core/playwright 4.14 needs Node 22. The source
// is evaluated over the DevTools protocol, so the portal's Content-Security-Policy (scripts only
// with the response's nonce) does not block it, as it would a <script> tag.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
/** What fails a test; "moderate" and "minor" findings are reported only. */
const BLOCKING_IMPACTS: Axe.ImpactValue[] = ["serious", "critical"];

type Violation = {
  id: string;
  impact: Axe.ImpactValue | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string }[];
};

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

/**
 * Waits for the page's running CSS transitions and finite animations to end. A Fluent button that
 * has just been enabled fades from its disabled grey to its colours over 100 ms; audited in
 * between, its text fails color-contrast although neither end state does. Endless animations
 * (spinners) are left alone: they never finish.
 */
const settleAnimations = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );

/** Runs axe-core on the page once its transitions have ended, and returns its violations, plain enough to print. */
export const runAxe = async (page: Page): Promise<Violation[]> => {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  await settleAnimations(page);
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(" >>> "), html: node.html })),
    }));
  }, AXE_TAGS);
};

const describeViolation = (violation: Violation) =>
  [
    `${violation.id} (${violation.impact}): ${violation.help}`,
    `  ${violation.helpUrl}`,
    ...violation.nodes.map((node) => `  - ${node.target}\n      ${node.html.slice(0, 300)}`),
  ].join("\n");

/**
 * Audits the page with axe-core and fails on any serious or critical violation, listing each
 * one's rule, impact, help and the selectors of the elements at fault.
 */
export const expectNoSeriousViolations = async (page: Page) => {
  const violations = await runAxe(page);
  const blocking = violations.filter((violation) => violation.impact && BLOCKING_IMPACTS.includes(violation.impact));
  const others = violations.filter((violation) => !blocking.includes(violation));
  if (others.length > 0) {
    // Not failures, but kept in the report.
    test.info().annotations.push({
      type: "axe (moderate or minor)",
      description: `${page.url()}: ${others.map((violation) => `${violation.id} (${violation.impact})`).join(", ")}`,
    });
  }
  expect(
    blocking.length,
    `Serious or critical accessibility violations on ${page.url()}:\n\n${blocking.map(describeViolation).join("\n\n")}\n`,
  ).toBe(0);
};
