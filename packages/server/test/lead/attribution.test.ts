import { describe, expect, it } from 'vitest';
import { clientIdFromGa, fromGcl, fromNewGcl, resolveAttribution } from '../../src/lead/attribution.js';

// Ported from the browser's click-ids, browser-ids, attribution and fbc tests when reading the
// cookies moved here; what stays in the page (URL parameter names, building fbc from fbclid,
// which ids to keep in the own cookies) stays tested there.
const resolve = (attributionData: Record<string, string | Record<string, string>>, cookies: Record<string, string> = {}) =>
  resolveAttribution(attributionData, cookies);

describe('resolveAttribution: click ids', () => {
  it.each([
    ['gclid', '_gcl_aw', 'GCL.1712345678.vendor'],
    ['gbraid', '_gcl_ag', '2.1.kvendor$i1712345678'],
    ['wbraid', '_gcl_gb', 'GCL.1712345678.vendor'],
    ['dclid', '_gcl_dc', 'GCL.1712345678.vendor'],
    ['msclkid', '_uetmsclkid', '_uetvendor'],
    ['ttclid', 'ttclid', 'vendor'],
    ['li_fat_id', 'li_fat_id', 'vendor'],
    ['twclid', 'twclid', 'vendor'],
    ['epik', '_epik', 'vendor'],
    ['scclid', '_scclid', 'vendor'],
    ['rdt_cid', '_rdt_cid', 'vendor'],
    ['oppref', '__oppref', 'vendor'],
  ])("takes the page's %s (from its URL) before the vendor cookie %s and the own cookie", (key, cookie, value) => {
    expect(resolve({ [key]: `id-${key}` }, { [cookie]: value, [`lb_${key}`]: 'own' })).toEqual({ [key]: `id-${key}` });
  });

  it("takes the page's gad_source and gad_campaignid, which have no vendor cookie, before the own cookies", () => {
    expect(resolve({ gad_source: '1' }, { lb_gad_source: '5', lb_gad_campaignid: '21' })).toEqual({ gad_source: '1', gad_campaignid: '21' });
  });

  it.each([
    ['_gcl_aw', 'GCL.1712345678.Cj0KCQ_gclid', 'gclid', 'Cj0KCQ_gclid'],
    ['_gcl_gb', 'GCL.1712345678.wb-1', 'wbraid', 'wb-1'],
    ['_gcl_dc', 'GCL.1712345678.dc-1', 'dclid', 'dc-1'],
    ['_uetmsclkid', '_uetabc123', 'msclkid', 'abc123'],
    ['ttclid', 'tt-1', 'ttclid', 'tt-1'],
    ['li_fat_id', 'li-1', 'li_fat_id', 'li-1'],
    ['twclid', 'tw-1', 'twclid', 'tw-1'],
    ['_epik', 'ep-1', 'epik', 'ep-1'],
    ['_scclid', 'sc-1', 'scclid', 'sc-1'],
    ['_rdt_cid', 'rd-1', 'rdt_cid', 'rd-1'],
    ['rdt_cid', 'rd-old', 'rdt_cid', 'rd-old'],
    ['__oppref', 'op-1', 'oppref', 'op-1'],
    ['uet_msclkid', 'ms-server', 'msclkid', 'ms-server'],
    ['_gcl_aw', '2.1.kCj0new$i1772000000', 'gclid', 'Cj0new'],
    ['_gcl_ag', '2.1.k0AAAAbraid$i1772000000', 'gbraid', '0AAAAbraid'],
    ['_gcl_gb', '2.1.kwb-new$i1772000000', 'wbraid', 'wb-new'],
    ['_gcl_dc', '2.1.kdc-new$i1772000000', 'dclid', 'dc-new'],
  ])('falls back to the vendor cookie %s', (cookie, value, key, id) => {
    expect(resolve({}, { [cookie]: value })).toEqual({ [key]: id });
  });

  it('prefers the URL over the vendor cookie', () => {
    expect(resolve({ gclid: 'new' }, { _gcl_aw: 'GCL.1.old' })).toEqual({ gclid: 'new' });
  });

  it('prefers the vendor cookie over the own cookie', () => {
    expect(resolve({}, { _gcl_aw: 'GCL.1.vendor', lb_gclid: 'own' })).toEqual({ gclid: 'vendor' });
  });

  it('falls back to the own cookie when the vendor pixel is absent', () => {
    expect(resolve({}, { lb_gclid: 'own', lb_oppref: 'op1' })).toEqual({ gclid: 'own', oppref: 'op1' });
  });

  it('falls back to the own cookie when the vendor cookie holds no id', () => {
    expect(resolve({}, { _gcl_aw: 'garbage', lb_gclid: 'own' })).toEqual({ gclid: 'own' });
  });

  it("reads _gcl_ag in Google's newer format only, as LeadTrackr's plugin does", () => {
    expect(resolve({}, { _gcl_ag: 'GCL.1712345678.gb-1' })).toEqual({});
  });

  it("reads no lower-case sccid and no yclid: none of LeadTrackr's integrations does", () => {
    expect(resolve({}, { lb_yclid: 'y1', sccid: 's1' })).toEqual({});
  });

  it('keeps a click id byte-exact, case and all, from the URL and from a cookie', () => {
    expect(resolve({ gclid: 'Cj0KCQ-AbC_dEf+x' }).gclid).toBe('Cj0KCQ-AbC_dEf+x');
    expect(resolve({}, { _gcl_ag: '2.1.kGb-AbC_dEf+x$i1712345678' }).gbraid).toBe('Gb-AbC_dEf+x');
  });

  it("takes the cookie when the page's value is empty", () => {
    expect(resolve({ gclid: '' }, { _gcl_aw: 'GCL.1.vendor' })).toEqual({ gclid: 'vendor' });
  });
});

describe('resolveAttribution: fbc', () => {
  it('sends the fbc the page chose or built from fbclid over _fbc and the own copy', () => {
    expect(resolve({ fbc: 'fb.1.1712345678901.IwAR_new' }, { _fbc: 'fb.1.1700000000000.IwAR_old', lb_fbc: 'fb.1.1.own' })).toEqual({ fbc: 'fb.1.1712345678901.IwAR_new' });
  });

  it('sends _fbc as it is without an fbc from the page, before the own copy', () => {
    expect(resolve({}, { _fbc: 'fb.1.1.a', lb_fbc: 'fb.1.2.b' })).toEqual({ fbc: 'fb.1.1.a' });
    expect(resolve({}, { lb_fbc: 'fb.1.2.b' })).toEqual({ fbc: 'fb.1.2.b' });
    expect(resolve({}, {})).toEqual({});
  });

  it('sends the own fbc copy on a later visit without fbclid', () => {
    expect(resolve({}, { lb_fbc: 'fb.1.1700000000000.IwAR_old' })).toEqual({ fbc: 'fb.1.1700000000000.IwAR_old' });
  });
});

describe('resolveAttribution: browser ids', () => {
  it('reads every browser id as LeadTrackr names it', () => {
    expect(
      resolve(
        {},
        {
          _ga: 'GA1.1.1234567890.1712345678',
          _fbp: 'fb.1.1712345678000.1234567890',
          _uetvid: 'a1b2c3d4e5f611eeb6b3a1b2c3d4e5f6',
          _ttp: 'ttp-1',
          _scid: 'scid-1',
          _rdt_uuid: '1712345678000.abcd-ef',
          __obref: 'ob-1',
        },
      ),
    ).toEqual({
      cid: '1234567890.1712345678',
      fbp: 'fb.1.1712345678000.1234567890',
      uetvid: 'a1b2c3d4e5f611eeb6b3a1b2c3d4e5f6',
      ttp: 'ttp-1',
      scid: 'scid-1',
      rdt_uuid: '1712345678000.abcd-ef',
      obref: 'ob-1',
    });
  });

  it("sends no GA4 session id: none of LeadTrackr's integrations does", () => {
    expect(resolve({}, { _ga_BBB: 'GS1.1.1700000001.2.1.1700000100.0.0.0', _ga_CCC: 'GS2.1.s1700000002$o1' })).toEqual({});
  });

  it("reads a server container's uet_vid before UET's _uetvid", () => {
    expect(resolve({}, { uet_vid: 'server', _uetvid: 'pixel' })).toEqual({ uetvid: 'server' });
  });

  it('leaves out what is not there', () => {
    expect(resolve({}, { _gid: 'GA1.1.1.2' })).toEqual({});
  });

  it("keeps an older script's resolved ids over the cookies", () => {
    expect(resolve({ cid: '1.2', sid: '3', fbp: 'fb.1.1.old' }, { _ga: 'GA1.1.9.9', _ga_X: 'GS1.1.9.1', _fbp: 'fb.1.9.new' })).toEqual({ cid: '1.2', sid: '3', fbp: 'fb.1.1.old' });
  });
});

describe('resolveAttribution: the lead', () => {
  it('combines click ids, fbc and browser ids', () => {
    const ids = resolve(
      { gclid: 'Cj0KCQ_abc-123', fbc: 'fb.1.1712345678901.IwAR_x' },
      { _ga: 'GA1.1.1234567890.1712345678', _fbp: 'fb.1.1712345678000.987', _uetvid: 'uv1', _uetmsclkid: '_uetms1' },
    );
    expect(ids).toEqual({
      gclid: 'Cj0KCQ_abc-123',
      msclkid: 'ms1',
      fbc: 'fb.1.1712345678901.IwAR_x',
      cid: '1234567890.1712345678',
      fbp: 'fb.1.1712345678000.987',
      uetvid: 'uv1',
    });
  });

  it('passes conversionPage, consent and any other key through', () => {
    const consent = { ad_storage: 'granted', analytics_storage: 'denied' };
    expect(resolve({ conversionPage: 'www.example.com/contact', consent, crmSegment: 'b2b' })).toEqual({ conversionPage: 'www.example.com/contact', consent, crmSegment: 'b2b' });
  });

  it("leaves an older script's fully resolved attributionData as it was", () => {
    const old = { gclid: 'g1', cid: '1234567890.1712345678', sid: '1712345678', fbc: 'fb.1.1.x', conversionPage: 'example.com/', consent: { ad_storage: 'granted' } };
    expect(resolve(old)).toEqual(old);
  });

  it('forwards only the ids it reads, never a cookie by its own name', () => {
    const ids = resolve({}, { _ga: 'GA1.1.1.2', _ga_ABC: 'GS1.1.3.1', _gcl_au: '1.1.123.456', _hjid: 'h', _fbp: 'fb.1.1.2', lb_domain: 'example.com', lb_other: 'x', _ttp_extra: 't' });
    expect(Object.keys(ids).sort()).toEqual(['cid', 'fbp']);
  });

  it('leaves out ids that are not there', () => {
    expect(resolve({}, { other: '1' })).toEqual({});
  });

  it('drops a value over 2,000 characters rather than send it', () => {
    expect(resolve({}, { _gcl_aw: `GCL.1.${'a'.repeat(2_001)}`, _uetmsclkid: '_uetok' })).toEqual({ msclkid: 'ok' });
  });

  it('falls back to the next source when a value is over 2,000 characters', () => {
    expect(resolve({}, { ttclid: 'a'.repeat(2_001), lb_ttclid: 'own' })).toEqual({ ttclid: 'own' });
  });
});

describe('resolveAttribution: the request\'s own cookies', () => {
  it("reads a server-side GTM's HttpOnly FPGCL* cookies before the browser tag's _gcl_*", () => {
    const request = { FPGCLAW: '2.1.kCj0server$i1772000000', FPGCLAG: '2.1.kgb-server$i1772000000', FPGCLGB: '2.1.kwb-server$i1772000000', FPGCLDC: '2.1.kdc-server$i1772000000' };
    const page = { _gcl_aw: 'GCL.1.Cj0browser', _gcl_gb: 'GCL.1.wb-browser', _gcl_dc: 'GCL.1.dc-browser' };
    expect(resolveAttribution({}, page, request)).toEqual({ gclid: 'Cj0server', gbraid: 'gb-server', wbraid: 'wb-server', dclid: 'dc-server' });
  });

  it('reads FPID before _ga for the client id, as the WordPress plugin does', () => {
    expect(resolveAttribution({}, { _ga: 'GA1.1.1.2' }, { FPID: 'FPID2.2.AbCdEf=.1771000000' })).toEqual({ cid: 'AbCdEf=.1771000000' });
  });

  it("keeps the page's URL id first", () => {
    expect(resolveAttribution({ gclid: 'url' }, {}, { FPGCLAW: '2.1.kserver$i1' })).toEqual({ gclid: 'url' });
  });

  it('takes a cookie both hold from the page, which read it when the lead was made', () => {
    expect(resolveAttribution({}, { _fbp: 'fb.1.1.page' }, { _fbp: 'fb.1.2.later', _ttp: 'ttp-header' })).toEqual({ fbp: 'fb.1.1.page', ttp: 'ttp-header' });
  });
});

describe('fromGcl', () => {
  it.each([
    ['GCL.1712345678.Cj0abc', 'Cj0abc'],
    ['1.1712345678.Cj0abc', 'Cj0abc'],
    ['GCL.abc.Cj0abc', 'Cj0abc'],
    ['GCL.1712345678.abc.def', 'def'],
    ['2.1.kCj0abc$i1712345678', 'Cj0abc'],
  ])('reads %s as %s', (value, id) => {
    expect(fromGcl(value)).toBe(id);
  });

  it.each(['garbage', 'GCL.', 'GCL.1712345678'])('finds no id in %s', (value) => {
    expect(fromGcl(value)).toBeUndefined();
  });
});

describe('fromNewGcl', () => {
  it('reads the id between .k and $i', () => {
    expect(fromNewGcl('2.1.k0AAAAbraid$i1712345678')).toBe('0AAAAbraid');
  });

  it('finds none in the GCL format', () => {
    expect(fromNewGcl('GCL.1712345678.0AAAAbraid')).toBeUndefined();
  });
});

describe('clientIdFromGa', () => {
  it('takes everything after the second dot', () => {
    expect(clientIdFromGa('GA1.2.987654321.1612345678')).toBe('987654321.1612345678');
    expect(clientIdFromGa('GA1.1.123456789.1771000000.extra')).toBe('123456789.1771000000.extra');
    expect(clientIdFromGa('GA1.1.abc.def')).toBe('abc.def');
    expect(clientIdFromGa('FPID2.2.AbCdEf=.1771000000')).toBe('AbCdEf=.1771000000');
  });

  it('finds none in a value of fewer than three parts', () => {
    expect(clientIdFromGa('garbage')).toBeUndefined();
    expect(clientIdFromGa('GA1.1.')).toBeUndefined();
  });
});
