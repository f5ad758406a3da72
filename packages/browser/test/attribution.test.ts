import { describe, expect, it } from 'vitest';
import { clientIdFromGa, readAttribution } from '../src/attribution';

describe('readAttribution', () => {
  it('takes gclid from the URL', () => {
    expect(readAttribution('?gclid=Cj0KCQ_abc-123', {})).toEqual({ gclid: 'Cj0KCQ_abc-123' });
  });

  it('takes the GA4 client id from _ga', () => {
    expect(readAttribution('', { _ga: 'GA1.1.1234567890.1712345678' })).toEqual({
      cid: '1234567890.1712345678',
    });
  });

  it('leaves out ids that are not there', () => {
    expect(readAttribution('?utm_source=x', { other: '1' })).toEqual({});
  });
});

describe('clientIdFromGa', () => {
  it('ignores a malformed _ga cookie', () => {
    expect(clientIdFromGa('garbage')).toBeUndefined();
    expect(clientIdFromGa('GA1.1.abc.def')).toBeUndefined();
  });
});
