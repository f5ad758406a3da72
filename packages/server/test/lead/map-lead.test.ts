import { describe, expect, it } from 'vitest';
import { isContactless, toLeadTrackrLead } from '../../src/lead/map-lead.js';
import { parseBeacon } from '../../src/intake/schema.js';

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
      channelFlow: '[{"t":1700000000000,"ch":{"s":"google","m":"cpc"},"lp":"/"}]',
      uniqueIdentifier: 'crm-1',
    });
  });

  it('sends the channel flow as its JSON text, the string the API documents', () => {
    const channelFlow = [
      { t: 1700000000000, ch: { s: 'google', m: 'cpc', cm: 'spring' }, lp: '/' },
      { t: 1700000500000, ch: { s: 'direct', m: 'none' }, lp: '/contact' },
    ];
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', userData: { email: 'jane@example.com' }, channelFlow });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect(typeof lead.channelFlow).toBe('string');
    expect(JSON.parse(lead.channelFlow!)).toEqual(channelFlow);
  });

  it("reads the request's own id cookies after the beacon's", () => {
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', userData: { email: 'jane@example.com' }, cookies: { _ga: 'GA1.1.1.2' } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj', undefined, { FPGCLAW: '2.1.kCj0server$i1', FPID: 'FPID2.2.9.9' });
    expect(lead.attributionData).toEqual({ gclid: 'Cj0server', cid: '9.9' });
  });

  it('maps raw fields and the form name candidates into userData, formMessage and formData', () => {
    const parsed = parseBeacon({
      uniqueEventId: 'evt-0123456789',
      fields: [
        { n: 'your-name', v: ['Jane Smith'], t: 'text' },
        { n: 'your-email', v: ['jane@example.com'], t: 'email' },
        { n: 'your-message', v: ['Call me'], t: 'textarea' },
        { n: 'input_5.1', v: ['Solar'], t: 'checkbox', l: 'Services' },
        { n: 'input_5.3', v: ['Heat pump'], t: 'checkbox', l: 'Services' },
      ],
      form: { i: 'wpcf7-f12-o1', h: 'Contact form' },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect(lead.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
    expect(lead.formData).toEqual({ formName: 'wpcf7-f12-o1', formMessage: 'Call me', Services: ['Solar', 'Heat pump'], uniqueEventId: 'evt-0123456789' });
  });

  it('sets no formName for the JS API, which sends no form', () => {
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', fields: [{ n: 'email', v: ['a@b.c'] }, { n: 'budget', v: ['5000'] }] });
    if (!parsed.ok) throw new Error('invalid');
    expect(toLeadTrackrLead(parsed.beacon, device, 'proj').formData).toEqual({ budget: '5000', uniqueEventId: 'evt-0123456789' });
  });

  it('prefers a uniqueIdentifier from a form field over the one set through the JS API', () => {
    const fields = [{ n: 'crm', v: ['from-field'], t: 'hidden', f: 'uniqueIdentifier' }];
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', fields, uniqueIdentifier: 'from-api' });
    if (!parsed.ok) throw new Error('invalid');
    expect(toLeadTrackrLead(parsed.beacon, device, 'proj').uniqueIdentifier).toBe('from-field');
    const apiOnly = parseBeacon({ uniqueEventId: 'evt-0123456789', fields: [], uniqueIdentifier: 'from-api' });
    if (!apiOnly.ok) throw new Error('invalid');
    expect(toLeadTrackrLead(apiOnly.beacon, device, 'proj').uniqueIdentifier).toBe('from-api');
  });

  it('says in formData that a trimmed beacon lost fields, and still maps its contact details', () => {
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', fields: [{ n: 'email', v: ['jane@example.com'] }], trimmed: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect(lead.userData).toEqual({ email: 'jane@example.com' });
    expect(lead.formData.trimmed).toMatch(/left out/);
  });

  it('lets already-mapped userData and formData (the older beacon shape) win over mapped fields', () => {
    const parsed = parseBeacon({
      uniqueEventId: 'evt-0123456789',
      userData: { email: 'old@example.com', phone: '' },
      formData: { formName: 'Legacy' },
      fields: [{ n: 'email', v: ['new@example.com'], t: 'email' }, { n: 'phone', v: ['+31 6 1'], t: 'tel' }],
      form: { n: 'current' },
    });
    if (!parsed.ok) throw new Error('invalid');
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect(lead.userData).toEqual({ email: 'old@example.com', phone: '+31 6 1' });
    expect(lead.formData.formName).toBe('Legacy');
  });

  it("resolves attributionData from the page's ids and the raw cookies, and forwards no cookie", () => {
    const parsed = parseBeacon({
      uniqueEventId: 'evt-0123456789',
      attributionData: { gclid: 'from-url', conversionPage: 'example.com/contact' },
      cookies: { _gcl_aw: 'GCL.1.from-cookie', _ga: 'GA1.1.1234567890.1712345678', _gcl_au: '1.1.2.3' },
      fields: [{ n: 'email', v: ['a@b.c'] }],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect(lead.attributionData).toEqual({ gclid: 'from-url', cid: '1234567890.1712345678', conversionPage: 'example.com/contact' });
    expect(JSON.stringify(lead)).not.toContain('_gcl_au');
  });

  it('leaves out an empty channel flow and a missing uniqueIdentifier', () => {
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', userData: {}, channelFlow: [] });
    if (!parsed.ok) throw new Error('invalid');
    const lead = toLeadTrackrLead(parsed.beacon, device, 'proj');
    expect('channelFlow' in lead).toBe(false);
    expect('uniqueIdentifier' in lead).toBe(false);
  });
});

describe('isContactless', () => {
  const beacon = (extra: object) => {
    const parsed = parseBeacon({ uniqueEventId: 'evt-0123456789', ...extra });
    if (!parsed.ok) throw new Error('invalid');
    return parsed.beacon;
  };

  it('is true for a captured form without contact fields (a search box, a login)', () => {
    expect(isContactless(beacon({ form: { i: 'search' }, fields: [{ n: 'q', v: ['solar'], t: 'search' }] }))).toBe(true);
    expect(isContactless(beacon({ form: { i: 'login' }, fields: [{ n: 'username', v: ['jane'] }] }))).toBe(true);
  });

  it('is false for a captured form with a contact field or a data-lb-field uniqueIdentifier', () => {
    expect(isContactless(beacon({ form: {}, fields: [{ n: 'email', v: ['a@b.c'], t: 'email' }] }))).toBe(false);
    expect(isContactless(beacon({ form: {}, fields: [{ n: 'id', v: ['c-1'], t: 'hidden', f: 'uniqueIdentifier' }] }))).toBe(false);
  });

  it('is false for the JS API and the older, already-mapped shape, which carry no form', () => {
    expect(isContactless(beacon({ fields: [{ n: 'budget', v: ['5000'] }] }))).toBe(false);
    expect(isContactless(beacon({ userData: {}, formData: { budget: '5000' } }))).toBe(false);
  });
});
