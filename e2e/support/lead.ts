import type { Page, Request } from '@playwright/test';
import type { Demo } from '@leadbeacon/demo';
import type { StoredLead } from '@leadbeacon/stand-in';
import { expect, leadsAfter } from './fixtures.js';

export interface LeadExpectation {
  userData?: Record<string, string>;
  /** A subset of formData that must be there. */
  formData?: Record<string, unknown>;
  /** Strings that must appear nowhere in the lead (names of skipped fields, secrets). */
  forbidden?: string[];
}

/**
 * Performs `action`, waits for exactly one new lead at the stand-in, and checks it against the
 * expected and the forbidden parts (Plausible's expectPlausibleInAction).
 */
export async function expectLead(demo: Demo, action: () => Promise<unknown>, expected: LeadExpectation): Promise<StoredLead> {
  const [lead] = await leadsAfter(demo, action);
  if (expected.userData) expect(lead!.userData).toEqual(expected.userData);
  if (expected.formData) expect(lead!.formData).toMatchObject(expected.formData);
  const text = JSON.stringify(lead);
  for (const part of expected.forbidden ?? []) expect(text, `the lead holds ${part}`).not.toContain(part);
  return lead!;
}

/** The beacon body the script posts during `action`, as the endpoint receives it. */
export async function beaconDuring(page: Page, action: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const [request] = await Promise.all([page.waitForRequest((r: Request) => r.method() === 'POST' && r.url().endsWith('/leadbeacon')), action()]);
  return JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
}

/** The script's localStorage queue on the current page. */
export function queueOf(page: Page): Promise<unknown[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('leadbeacon_queue') ?? '[]') as unknown[]);
}

/** Counts the beacons the page (and the pages it navigates to) posts from now on. */
export function countBeacons(page: Page): () => number {
  let count = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/leadbeacon')) count++;
  });
  return () => count;
}
