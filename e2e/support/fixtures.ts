import { test as base, expect, type Page } from '@playwright/test';
import { startDemo, type Demo, type DemoOptions } from '@leadbeacon/demo';
import type { StoredLead } from '@leadbeacon/stand-in';
import { fileURLToPath } from 'node:url';

/**
 * Each test gets its own demo (page, router, stand-in) on a free port, and a page on which any
 * page error or console.error fails the test.
 */
export const test = base.extend<{ demo: Demo; page: Page; allowedConsoleErrors: RegExp[] }>({
  /** console.error texts a test expects (a refused connection logs one); any other fails it. */
  allowedConsoleErrors: [[], { option: true }],
  demo: async ({}, use) => {
    // Each test its own outbox, so parallel tests never share leads.
    const demo = await startDemo(demoOptions({ pagesDir }));
    await use(demo);
    await demo.close();
  },
  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !allowedConsoleErrors.some((re) => re.test(msg.text()))) problems.push(`console.error: ${msg.text()}`);
    });
    await use(page);
    expect(problems, 'the page reported errors').toEqual([]);
  },
});

export { expect };

/** The e2e fixture pages (form builders' markup, AJAX/SPA scenarios), served beside the demo's own. */
export const pagesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

const noop = () => {};
export const silentLogger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * Options for a demo under test: its own in-memory outbox (parallel tests never share leads) and
 * no minimum time on page, since Playwright fills a form in milliseconds and the bot check would
 * drop it (that check is proven in the server's unit tests and in bots.spec.ts).
 */
export function demoOptions(extra: DemoOptions = {}): DemoOptions {
  return { env: {}, logger: silentLogger, outbox: 'memory', minPageMs: 0, ...extra };
}

/**
 * Performs `action`, then waits until the stand-in holds `count` leads and returns them
 * (after a short settle, so a late duplicate would be seen too).
 */
export async function leadsAfter(demo: Demo, action: () => Promise<unknown>, count = 1): Promise<StoredLead[]> {
  const leads = demo.standIn!.leads;
  const before = leads.length;
  await action();
  await expect.poll(() => leads.length - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(leads.length - before, 'no duplicate lead arrives').toBe(count);
  return leads.slice(before);
}
