import { describe, expect, it } from 'vitest';
import { renderSandbox } from '../src/sandbox.js';

const lead = {
  leadId: 1,
  projectId: 'demo-project',
  userData: { firstName: '<script>alert(1)</script>', email: 'jane@example.com' },
  attributionData: { gclid: 'abc' },
  formData: { uniqueEventId: 'evt-1' },
  deviceData: { ipAddress: '127.0.0.1', userAgent: 'UA' },
  channelFlow: null,
  uniqueIdentifier: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  writes: 1,
};

describe('renderSandbox', () => {
  it('shows who, attribution, device and when', () => {
    const html = renderSandbox([lead], false);
    for (const part of ['jane@example.com', 'gclid', 'abc', '127.0.0.1', '2026-11-23 10:00:00 UTC']) expect(html).toContain(part);
  });

  it('escapes what visitors typed', () => {
    const html = renderSandbox([lead], false);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says so when there are no leads', () => {
    expect(renderSandbox([], false)).toContain('No leads yet');
  });
});
