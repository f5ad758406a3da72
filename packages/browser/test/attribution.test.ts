import { describe, expect, it } from 'vitest';
import { readAttribution } from '../src/attribution';

const NOW = 1_712_345_678_901;
const read = (search: string, cookies: Record<string, string> = {}) =>
  readAttribution(new URLSearchParams(search), cookies, NOW, 1);

describe('readAttribution', () => {
  it('takes click ids from the URL and keeps them for the own cookies', () => {
    const [ids, keep] = read('?gclid=Cj0KCQ_abc-123&msclkid=ms1');
    expect(ids).toEqual({ gclid: 'Cj0KCQ_abc-123', msclkid: 'ms1' });
    expect(keep).toEqual({ gclid: 'Cj0KCQ_abc-123', msclkid: 'ms1' });
  });

  it('combines click ids, fbc and browser ids', () => {
    const [ids] = read('?fbclid=IwAR_x', { _ga: 'GA1.1.1234567890.1712345678', _fbp: 'fb.1.1712345678000.987', _uetvid: 'uv1' });
    expect(ids).toEqual({
      fbc: `fb.1.${NOW}.IwAR_x`,
      cid: '1234567890.1712345678',
      fbp: 'fb.1.1712345678000.987',
      uetvid: 'uv1',
    });
  });

  it('keeps an fbc built from fbclid in the own cookie', () => {
    expect(read('?fbclid=IwAR_x')[1]).toEqual({ fbc: `fb.1.${NOW}.IwAR_x` });
  });

  it('sends the own fbc copy on a later visit without fbclid', () => {
    expect(read('', { lb_fbc: 'fb.1.1700000000000.IwAR_old' })[0]).toEqual({ fbc: 'fb.1.1700000000000.IwAR_old' });
  });

  it('leaves out ids that are not there', () => {
    expect(read('?utm_source=x', { other: '1' })).toEqual([{}, {}]);
  });

  it('drops a value the endpoint would refuse rather than lose the lead', () => {
    expect(read(`?gclid=${'a'.repeat(2001)}&msclkid=ok`)[0]).toEqual({ msclkid: 'ok' });
  });
});
