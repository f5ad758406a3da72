import { describe, expect, it } from 'vitest';
import { requestIdCookies } from '../../src/intake/request-cookies.js';
import { requestCookies } from '../../src/intake/cookies.js';

/** The id cookies of a Cookie header, as the handler reads them. */
const idsOf = (header: string | string[] | undefined) => requestIdCookies(requestCookies({ cookie: header }));

describe('requestIdCookies', () => {
  it("keeps a server-side GTM's HttpOnly id cookies and the id cookies the script would send", () => {
    const header = 'FPGCLAW=2.1.kCj0$i1; FPGCLAG=2.1.kgb$i1; FPGCLGB=2.1.kwb$i1; FPGCLDC=2.1.kdc$i1; FPID=FPID2.2.AbC%3D.1; _ga=GA1.1.1.2; _fbp=fb.1.1.2; lb_gclid=own';
    expect(idsOf(header)).toEqual({
      FPGCLAW: '2.1.kCj0$i1',
      FPGCLAG: '2.1.kgb$i1',
      FPGCLGB: '2.1.kwb$i1',
      FPGCLDC: '2.1.kdc$i1',
      FPID: 'FPID2.2.AbC=.1',
      _ga: 'GA1.1.1.2',
      _fbp: 'fb.1.1.2',
      lb_gclid: 'own',
    });
  });

  it('keeps no other cookie', () => {
    expect(idsOf('session=secret; PHPSESSID=p; FPLC=x; FPGCLAWX=y; lt_channelflow=%5B%5D; CookieConsent=-1')).toEqual({});
  });

  it('reads a header given as several lines, the first of a repeated name winning', () => {
    expect(idsOf(['_fbp=fb.1.1.first', '_fbp=fb.1.1.second; FPID=FPID2.2.a.1'])).toEqual({ _fbp: 'fb.1.1.first', FPID: 'FPID2.2.a.1' });
  });

  it('finds nothing without a header, and nothing in a malformed one', () => {
    expect(idsOf(undefined)).toEqual({});
    expect(idsOf('')).toEqual({});
    expect(idsOf(';;==; FPID')).toEqual({});
  });

  it('leaves out a value longer than a browser keeps', () => {
    expect(idsOf(`FPID=${'a'.repeat(4_097)}; _ga=GA1.1.1.2`)).toEqual({ _ga: 'GA1.1.1.2' });
  });
});
