import { describe, expect, it } from 'vitest';
import { fromVendorCookie, readClickIds } from '../src/click-ids';

const read = (search: string, cookies: Record<string, string> = {}) => readClickIds(new URLSearchParams(search), cookies);

describe('readClickIds', () => {
  it.each([
    ['gclid', 'gclid'],
    ['gbraid', 'gbraid'],
    ['wbraid', 'wbraid'],
    ['dclid', 'dclid'],
    ['msclkid', 'msclkid'],
    ['ttclid', 'ttclid'],
    ['li_fat_id', 'li_fat_id'],
    ['twclid', 'twclid'],
    ['epik', 'epik'],
    ['ScCid', 'scclid'],
    ['sccid', 'scclid'],
    ['rdt_cid', 'rdt_cid'],
    ['yclid', 'yclid'],
  ])('takes URL parameter %s as %s', (param, key) => {
    expect(read(`?${param}=id-${param}`)).toEqual([{ [key]: `id-${param}` }, { [key]: `id-${param}` }]);
  });

  it.each([
    ['_gcl_aw', 'GCL.1712345678.Cj0KCQ_gclid', 'gclid', 'Cj0KCQ_gclid'],
    ['_gcl_ag', 'GCL.1712345678.gb-1', 'gbraid', 'gb-1'],
    ['_gcl_gb', 'GCL.1712345678.wb-1', 'wbraid', 'wb-1'],
    ['_gcl_dc', 'GCL.1712345678.dc-1', 'dclid', 'dc-1'],
    ['_uetmsclkid', '_uetabc123', 'msclkid', 'abc123'],
    ['ttclid', 'tt-1', 'ttclid', 'tt-1'],
    ['li_fat_id', 'li-1', 'li_fat_id', 'li-1'],
    ['twclid', 'tw-1', 'twclid', 'tw-1'],
    ['_epik', 'ep-1', 'epik', 'ep-1'],
    ['_scclid', 'sc-1', 'scclid', 'sc-1'],
    ['_rdt_cid', 'rd-1', 'rdt_cid', 'rd-1'],
  ])('falls back to vendor cookie %s', (cookie, value, key, id) => {
    expect(read('', { [cookie]: value })).toEqual([{ [key]: id }, {}]);
  });

  it('prefers the URL over the vendor cookie', () => {
    expect(read('?gclid=new', { _gcl_aw: 'GCL.1.old' })[0]).toEqual({ gclid: 'new' });
  });

  it('prefers the vendor cookie over the own cookie', () => {
    expect(read('', { _gcl_aw: 'GCL.1.vendor', lb_gclid: 'own' })[0]).toEqual({ gclid: 'vendor' });
  });

  it('falls back to the own cookie when the vendor pixel is absent', () => {
    expect(read('', { lb_gclid: 'own', lb_yclid: 'y1' })[0]).toEqual({ gclid: 'own', yclid: 'y1' });
  });

  it('keeps a click id byte-exact, case and all', () => {
    expect(read('?gclid=Cj0KCQ-AbC_dEf%2Bx')[0].gclid).toBe('Cj0KCQ-AbC_dEf+x');
  });
});

describe('fromVendorCookie', () => {
  it('ignores a _gcl value in another shape', () => {
    expect(fromVendorCookie('GCL.notanumber')).toBeUndefined();
  });

  it('keeps dots inside the click id', () => {
    expect(fromVendorCookie('GCL.1712345678.a.b')).toBe('a.b');
  });
});
