import { describe, expect, it } from 'vitest';
import { fbcFor, idCookies, urlIds } from '../src/click-ids.js';

const NOW = 1_712_345_678_901;

describe('fbcFor', () => {
  it('builds fbc from fbclid in milliseconds when there is no _fbc', () => {
    expect(fbcFor('IwAR2F4-dbP0l7Mn1Iaw', [undefined, undefined], NOW, 'example.com')).toBe('fb.1.1712345678901.IwAR2F4-dbP0l7Mn1Iaw');
  });

  it('keeps the click id byte-exact, case and all', () => {
    expect(fbcFor('IwAR_MiXeD-case', [], NOW, 'www.example.com')).toBe('fb.2.1712345678901.IwAR_MiXeD-case');
  });

  it('keeps an _fbc that holds the same click id, creation time and fifth segment included', () => {
    expect(fbcFor('IwAR_same', ['fb.1.1700000000000.IwAR_same.AbCd'], NOW, 'example.com')).toBe('fb.1.1700000000000.IwAR_same.AbCd');
  });

  it('rebuilds when _fbc holds another click id', () => {
    expect(fbcFor('IwAR_new', ['fb.1.1700000000000.IwAR_old'], NOW, 'example.com')).toBe('fb.1.1712345678901.IwAR_new');
  });

  it('compares segment 3, not the last one', () => {
    expect(fbcFor('Bq', ['fb.1.1700000000000.IwAR_old.Bq'], NOW, 'example.com')).toBe('fb.1.1712345678901.Bq');
  });

  it('reuses the own copy on a reload with the same fbclid', () => {
    expect(fbcFor('IwAR_x', [undefined, 'fb.1.1700000000000.IwAR_x'], NOW, 'example.com')).toBe('fb.1.1700000000000.IwAR_x');
  });
});

describe("fbcFor's subdomain index", () => {
  it("counts as Meta does: 'com' 0, 'example.com' 1, 'www.example.com' 2", () => {
    for (const [domain, index] of [['com', 0], ['example.com', 1], ['www.example.com', 2], ['example.co.uk', 2]] as const) {
      expect(fbcFor('x', [], NOW, domain)).toBe(`fb.${index}.${NOW}.x`);
    }
  });
});

describe('urlIds', () => {
  const read = (search: string, cookies: Record<string, string> = {}) => urlIds(new URLSearchParams(search), cookies, NOW, 'shop.example');

  it('takes every click id from the URL under its LeadTrackr key', () => {
    const search = 'gclid=g&gbraid=gb&wbraid=wb&dclid=d&msclkid=m&ttclid=t&li_fat_id=l&twclid=tw&epik=e&rdt_cid=r&oppref=o&ScCid=s&utm_source=x';
    expect(read(search)).toEqual({ gclid: 'g', gbraid: 'gb', wbraid: 'wb', dclid: 'd', msclkid: 'm', ttclid: 't', li_fat_id: 'l', twclid: 'tw', epik: 'e', rdt_cid: 'r', oppref: 'o', scclid: 's' });
  });

  it("keeps Google's gad_source and gad_campaignid, which a browser leaves when it strips gclid", () => {
    expect(read('gad_source=1&gad_campaignid=21436587')).toEqual({ gad_source: '1', gad_campaignid: '21436587' });
  });

  it("reads no lower-case sccid and no yclid, as none of LeadTrackr's integrations does", () => {
    expect(read('sccid=s1&yclid=y1')).toEqual({});
  });

  it('builds fbc from fbclid, or keeps a cookie that holds the same click id', () => {
    expect(read('fbclid=IwAR_x')).toEqual({ fbc: `fb.1.${NOW}.IwAR_x` });
    expect(read('fbclid=IwAR_x', { lb_fbc: 'fb.1.1700000000000.IwAR_x' })).toEqual({ fbc: 'fb.1.1700000000000.IwAR_x' });
    expect(read('fbclid=IwAR_x', { _fbc: 'fb.1.1600000000000.IwAR_x.AbC', lb_fbc: 'fb.1.1700000000000.IwAR_x' })).toEqual({ fbc: 'fb.1.1600000000000.IwAR_x.AbC' });
  });

  it('invents nothing: no id in the URL, none from cookies', () => {
    expect(read('utm_source=x', { _gcl_aw: 'GCL.1.abc', _fbc: 'fb.1.1.x', lb_gclid: 'old' })).toEqual({});
  });
});

describe('idCookies', () => {
  it('keeps the id cookies, raw, and no other cookie', () => {
    const ids = {
      _ga: 'GA1.1.1.2', _gcl_aw: 'GCL.1.g', _gcl_dc: 'GCL.1.d', _fbc: 'fb.1.1.x', _fbp: 'fb.1.1.1', _uetmsclkid: '_uetm', _uetvid: 'u', uet_msclkid: 'm', uet_vid: 'v',
      ttclid: 't', _ttp: 'tp', li_fat_id: 'l', twclid: 'tw', _epik: 'e', _scclid: 's', _scid: 'sc', _rdt_cid: 'r', rdt_cid: 'r0', _rdt_uuid: 'ru', __oppref: 'o', __obref: 'ob',
      lb_gclid: 'g2', lb_fbc: 'fb.1.2.y',
    };
    const others = { session: 'secret', PHPSESSID: 'p', CookieConsent: '{}', _fbclid: 'no', _ttpx: 'no', lt_channelflow: '[]', _gat: '1', _ga_ABC123: 'GS2.1.s1$o1' };
    expect(idCookies({ ...ids, ...others })).toEqual(ids);
  });
});
