import { describe, expect, it } from 'vitest';
import { clientIdFromGa, readBrowserIds, sessionIdFromGa } from '../src/browser-ids';

describe('readBrowserIds', () => {
  it('reads every browser id as LeadTrackr names it', () => {
    expect(
      readBrowserIds({
        _ga: 'GA1.1.1234567890.1712345678',
        _ga_ABC123XYZ: 'GS2.1.s1712345678$o3$g1$t1712345999$j60$l0$h0',
        _fbp: 'fb.1.1712345678000.1234567890',
        _uetvid: 'a1b2c3d4e5f611eeb6b3a1b2c3d4e5f6',
        _ttp: 'ttp-1',
        _scid: 'scid-1',
        _rdt_uuid: '1712345678000.abcd-ef',
      }),
    ).toEqual({
      cid: '1234567890.1712345678',
      sid: '1712345678',
      fbp: 'fb.1.1712345678000.1234567890',
      uetvid: 'a1b2c3d4e5f611eeb6b3a1b2c3d4e5f6',
      ttp: 'ttp-1',
      scid: 'scid-1',
      rdt_uuid: '1712345678000.abcd-ef',
    });
  });

  it('takes the first GA4 property that holds a session', () => {
    expect(readBrowserIds({ _ga_AAA: 'garbage', _ga_BBB: 'GS1.1.1700000001.2.1.1700000100.0.0.0', _ga_CCC: 'GS1.1.1700000002.1.0.1.0.0.0' }).sid).toBe('1700000001');
  });

  it('leaves out what is not there', () => {
    expect(readBrowserIds({ _gid: 'GA1.1.1.2' })).toEqual({});
  });
});

describe('clientIdFromGa', () => {
  it('takes the last two dot parts', () => {
    expect(clientIdFromGa('GA1.2.987654321.1612345678')).toBe('987654321.1612345678');
  });

  it('ignores a malformed _ga cookie', () => {
    expect(clientIdFromGa('garbage')).toBeUndefined();
    expect(clientIdFromGa('GA1.1.abc.def')).toBeUndefined();
    expect(clientIdFromGa(undefined)).toBeUndefined();
  });
});

describe('sessionIdFromGa', () => {
  it('reads the GS1 format', () => {
    expect(sessionIdFromGa('GS1.1.1712345678.5.1.1712346000.0.0.0')).toBe('1712345678');
  });

  it('reads the GS2 format', () => {
    expect(sessionIdFromGa('GS2.1.s1712345678$o5$g1$t1712346000$j0$l0$h0')).toBe('1712345678');
  });

  it('ignores anything else', () => {
    expect(sessionIdFromGa('GS3.1.s1')).toBeUndefined();
    expect(sessionIdFromGa('GS2.1.1712345678')).toBeUndefined();
  });
});
