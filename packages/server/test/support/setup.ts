import { createStandIn, type StandIn } from '@leadbeacon/stand-in';
import type { Logger } from '../../src/logger.js';

/** A stand-in LeadTrackr on a random port, plus router options pointing at it. */
export async function startStandIn(): Promise<{ standIn: StandIn; apiUrl: string }> {
  const standIn = createStandIn({ apiKey: 'test-key-7f3a', projectId: 'proj-test' });
  const apiUrl = await standIn.listen();
  return { standIn, apiUrl };
}

/** A logger that keeps every line, so tests can search what was logged. */
export function createMemoryLogger(): Logger & { lines: { level: string; obj: object; msg?: string | undefined }[] } {
  const lines: { level: string; obj: object; msg?: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const validBeacon = {
  uniqueEventId: 'evt-0123456789abcdef',
  userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '+31687654321' },
  attributionData: { gclid: 'Cj0KCQ-test', cid: '1234567890.1712345678' },
  formData: { formName: 'Contact', formMessage: 'Call me', budget: '10k' },
};

/** A valid beacon in the shape the script sends: raw fields and form name candidates. */
export const validFieldsBeacon = {
  uniqueEventId: 'evt-fedcba9876543210',
  attributionData: { gclid: 'Cj0KCQ-test' },
  fields: [
    { n: 'your-name', v: ['Jane Smith'], t: 'text', l: 'Your name' },
    { n: 'your-email', v: ['jane@example.com'], t: 'email' },
    { n: 'topics', v: ['a', 'b'], t: 'select-multiple', l: 'constructor' },
  ],
  form: { i: 'contact', h: 'Contact us' },
  hp: '',
};

/** A valid beacon as the script sends attribution since it stopped parsing cookies: the URL's ids, the raw cookies. */
export const validCookiesBeacon = {
  uniqueEventId: 'evt-c00k1e5-0123456',
  attributionData: { wbraid: 'wb-from-url', conversionPage: 'www.site.example/contact', consent: { ad_storage: 'granted' } },
  cookies: {
    _ga: 'GA1.1.1234567890.1712345678',
    _ga_ABC123: 'GS2.1.s1712345678$o3$g1$t1712345999$j60$l0$h0',
    _gcl_aw: 'GCL.1712345678.Cj0KCQ-cookie',
    _gcl_au: '1.1.1234.5678',
    _fbp: 'fb.1.1712345678000.1234567890',
    _uetmsclkid: '_uetms-cookie',
    lb_gad_campaignid: '21436587',
  },
  fields: [{ n: 'email', v: ['jane@example.com'], t: 'email' }],
  form: { i: 'contact' },
};

/** A beacon-shaped LeadTrackr lead with its own uniqueEventId. */
export function leadFor(uniqueEventId: string, extra: Record<string, string> = {}) {
  return {
    projectId: 'proj-test',
    userData: { email: `${uniqueEventId}@example.com` },
    attributionData: { gclid: 'Cj0-test' },
    formData: { formName: 'Contact', ...extra, uniqueEventId },
    deviceData: { ipAddress: '198.51.100.7', userAgent: 'UA/1' },
  };
}

/** A fresh temp directory for SQLite files; removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'leadbeacon-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Waits until the stand-in holds `count` leads (the outbox delivers after the 2xx), then returns them. */
export async function leadsDelivered<L>(standIn: { leads: L[] }, count: number, timeoutMs = 5_000): Promise<L[]> {
  const { vi } = await import('vitest');
  await vi.waitFor(
    () => {
      if (standIn.leads.length < count) throw new Error(`${standIn.leads.length} of ${count} leads delivered`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
  return standIn.leads;
}

/**
 * POSTs with a Host header of the test's choosing (fetch sends the URL's own): an endpoint that
 * believes it is `host`, for server mode's same-site checks. Resolves to the status and Set-Cookie values.
 */
export async function postAs(url: string, host: string, headers: Record<string, string>, body: string): Promise<{ status: number; setCookies: string[] }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
