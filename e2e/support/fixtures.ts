import { test as base, expect, type Page } from '@playwright/test';
import { startDemo, type Demo } from '@leadbeacon/demo';
import type { StoredLead } from '@leadbeacon/stand-in';

/**
 * Each test gets its own demo (page, router, stand-in) on a free port, and a page on which any
 * page error or console.error fails the test.
 */
export const test = base.extend<{ demo: Demo; page: Page }>({
  demo: async ({}, use) => {
    // Each test its own outbox, so parallel tests never share leads.
    const demo = await startDemo({ env: {}, logger: silentLogger, outbox: 'memory' });
    await use(demo);
    await demo.close();
  },
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    await use(page);
    expect(problems, 'the page reported errors').toEqual([]);
  },
});

export { expect };

const noop = () => {};
export const silentLogger = { debug: noop, info: noop, warn: noop, error: noop };

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
