import { describe, expect, it } from 'vitest';
import { fbcFor, subdomainIndex } from '../src/fbc';

const NOW = 1_712_345_678_901;

describe('fbcFor', () => {
  it('builds fbc from fbclid in milliseconds when there is no _fbc', () => {
    expect(fbcFor('IwAR2F4-dbP0l7Mn1Iaw', [undefined, undefined], NOW, 1)).toBe('fb.1.1712345678901.IwAR2F4-dbP0l7Mn1Iaw');
  });

  it('keeps the click id byte-exact, case and all', () => {
    expect(fbcFor('IwAR_MiXeD-case', [], NOW, 2)).toBe('fb.2.1712345678901.IwAR_MiXeD-case');
  });

  it('keeps an _fbc that holds the same click id, creation time and fifth segment included', () => {
    expect(fbcFor('IwAR_same', ['fb.1.1700000000000.IwAR_same.AbCd'], NOW, 1)).toBe('fb.1.1700000000000.IwAR_same.AbCd');
  });

  it('rebuilds when _fbc holds another click id', () => {
    expect(fbcFor('IwAR_new', ['fb.1.1700000000000.IwAR_old'], NOW, 1)).toBe('fb.1.1712345678901.IwAR_new');
  });

  it('compares segment 3, not the last one', () => {
    expect(fbcFor('Bq', ['fb.1.1700000000000.IwAR_old.Bq'], NOW, 1)).toBe('fb.1.1712345678901.Bq');
  });

  it('reuses the own copy on a reload with the same fbclid', () => {
    expect(fbcFor('IwAR_x', [undefined, 'fb.1.1700000000000.IwAR_x'], NOW, 1)).toBe('fb.1.1700000000000.IwAR_x');
  });

  it('sends _fbc as it is without fbclid, before the own copy', () => {
    expect(fbcFor(null, ['fb.1.1.a', 'fb.1.2.b'], NOW, 1)).toBe('fb.1.1.a');
    expect(fbcFor(null, [undefined, 'fb.1.2.b'], NOW, 1)).toBe('fb.1.2.b');
    expect(fbcFor(null, [undefined, undefined], NOW, 1)).toBeUndefined();
  });
});

describe('subdomainIndex', () => {
  it("counts as Meta does: 'com' 0, 'example.com' 1, 'www.example.com' 2", () => {
    expect(subdomainIndex('com')).toBe(0);
    expect(subdomainIndex('example.com')).toBe(1);
    expect(subdomainIndex('www.example.com')).toBe(2);
    expect(subdomainIndex('example.co.uk')).toBe(2);
  });
});
