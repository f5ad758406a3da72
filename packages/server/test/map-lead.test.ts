import { describe, expect, it } from 'vitest';
import { toLeadTrackrLead } from '../src/map-lead.js';
import { parseBeacon } from '../src/schema.js';

const device = { ipAddress: '203.0.113.9', userAgent: 'UA/1' };

describe('toLeadTrackrLead', () => {
  it('maps a beacon to the createServerSideLead body', () => {
    const parsed = parseBeacon({
      uniqueEventId: 'evt-0123456789',
      userData: { email: 'jane@example.com', firstName: '' },
      attributionData: { gclid: 'g1' },
      formData: { formName: 'Contact' },
      channelFlow: [{ t: 1700000000000, ch: { s: 'google', m: 'cpc' }, lp: '/' }],
      uniqueIdentifier: 'crm-1',
      pageMs: 5000,
      hp: '',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(toLeadTrackrLead(parsed.beacon, device, 'proj')).toEqual({
      projectId: 'proj',
      userData: { email: 'jane@example.com' },
      attributionData: { gclid: 'g1' },
      formData: { formName: 'Contact', uniqueEventId: 'evt-0123456789' },
      deviceData: device,
      channelFlow: [{ t: 1700000000000, ch: { s: 'google', m: 'cpc' }, lp: '/' }],
      uniqueIdentifier: 'crm-1',
    });
  });

  it('leaves out an empty channel flow and a missing uniqueIdentifier', () => {
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', userData: {}, channelFlow: [] });
    if (!parsed.ok) throw new Error('invalid');
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect('channelFlow' in lead).toBe(false);
    expect('uniqueIdentifier' in lead).toBe(false);
  });
});
