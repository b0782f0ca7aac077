// bench:pages' measurements in a browser: Debian's Chromium driven by Playwright (signing in,
// the list's DOM size, keystrokes in its filter box) and by Lighthouse (performance score and
// total blocking time, desktop preset, signed in through the session cookie).

import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CHROMIUM = process.env.CHROME_PATH || process.env.E2E_CHROMIUM || "/usr/bin/chromium";
// As playwright.config.ts launches it: no sandbox (root in a container), nothing fetched from outside.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

/** A signed-in browser: `cookie` is the session's Cookie header, for plain HTTP GETs and Lighthouse. */
export const openBrowser = async (baseUrl, { email, password }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 30_000 });
  const cookie = (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
  await page.close();
  return { browser, context, cookie };
};

/** Opens `url` and waits until React owns it (the toolbar's first button turns enabled). */
const openHydrated = async (context, url) => {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole("toolbar").getByRole("button").first().waitFor({ state: "visible" });
  await page.waitForFunction(() => !document.querySelector('[role="toolbar"] button')?.hasAttribute("disabled"), null, { timeout: 30_000 });
  return page;
};

/** Elements in the hydrated page. */
export const domElementCount = async (context, url) => {
  const page = await openHydrated(context, url);
  const count = await page.evaluate(() => document.getElementsByTagName("*").length);
  await page.close();
  return count;
};

/**
 * Types `text` into the list's filter box a key at a time (120 ms apart, a fast typist) and
 * answers the slowest keystroke: the longest Event Timing entry (input delay + handlers + the
 * next paint) of any key or input event, from a PerformanceObserver with durationThreshold 16
 * (the API reports nothing shorter; 0 then means "under 16 ms"). Waits for the debounced
 * server round trip too, since its render must not stall a later keystroke either.
 */
export const slowestKeystroke = async (context, url, text) => {
  const page = await openHydrated(context, url);
  await page.evaluate(() => {
    window.__keystrokes = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__keystrokes.push({ name: entry.name, duration: entry.duration });
    }).observe({ type: "event", durationThreshold: 16, buffered: false });
  });
  await page.getByLabel("Search to filter webhooks").click();
  await page.keyboard.type(text, { delay: 120 });
  await page.waitForURL((current) => current.searchParams.get("filter") === text, { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const entries = await page.evaluate(() => window.__keystrokes);
  await page.close();
  const keyEntries = entries.filter((entry) => /^(key|input|beforeinput)/.test(entry.name));
  return { slowestMs: Math.max(0, ...keyEntries.map((entry) => entry.duration)), entries: keyEntries };
};

/** Lighthouse's performance score (0-100) and total blocking time of `url`, desktop preset, with `cookie`. */
export const lighthouseRun = async (url, cookie) => {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: { Cookie: cookie } },
      desktopConfig,
    );
    const { categories, audits } = result.lhr;
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    return {
      score: Math.round((categories.performance.score ?? 0) * 100),
      tbtMs: audits["total-blocking-time"].numericValue,
      lcpMs: audits["largest-contentful-paint"].numericValue,
      finalUrl: result.lhr.finalDisplayedUrl,
      // What blocked: the longest main-thread tasks, by script.
      longTasks: (audits["long-tasks"]?.details?.items ?? []).slice(0, 4).map((item) => `${Math.round(item.duration)} ms ${String(item.url).replace(/^.*\//, "")}`),
    };
  } finally {
    chrome.kill();
  }
};

/** Writes a PNG of the webhook page's "Delivery health" section, hydrated and drawn, to `file`. */
export const chartScreenshot = async (context, url, file) => {
  const page = await openHydrated(context, url);
  const section = page.getByRole("region", { name: "Delivery health" });
  await section.locator(".recharts-bar-rectangle path").first().waitFor({ state: "attached" });
  await section.screenshot({ path: file, animations: "disabled" });
  await page.close();
};
