import { describe, expect, it } from 'vitest';
import { installApi } from '../src/api';

// The stub snippet of the README, as a site pastes it before the script tag.
function withStub(): { leadbeacon?: unknown } {
  const target: { leadbeacon?: any } = {};
  target.leadbeacon = function (...args: unknown[]) {
    (target.leadbeacon.q = target.leadbeacon.q || []).push(args);
  };
  return target;
}

describe('installApi', () => {
  it('replays the calls queued before load, in order', () => {
    const target = withStub() as { leadbeacon: (...args: unknown[]) => unknown };
    target.leadbeacon('consent', { ad_storage: 'granted' });
    target.leadbeacon('setUniqueIdentifier', 'crm-1');
    const calls: unknown[][] = [];
    installApi(target, { consent: (...args) => calls.push(['consent', ...args]), setUniqueIdentifier: (...args) => calls.push(['id', ...args]) }, () => {});
    expect(calls).toEqual([
      ['consent', { ad_storage: 'granted' }],
      ['id', 'crm-1'],
    ]);
  });

  it('runs calls directly after load and returns their result', () => {
    const target: { leadbeacon?: unknown } = {};
    installApi(target, { getAttribution: () => ({ attributionData: { gclid: 'x' } }) }, () => {});
    expect((target.leadbeacon as (name: string) => unknown)('getAttribution')).toEqual({ attributionData: { gclid: 'x' } });
  });

  it('never throws into the page, and says why', () => {
    const target: { leadbeacon?: unknown } = {};
    const errors: unknown[] = [];
    installApi(target, { send: () => { throw new TypeError('boom'); } }, (name, error) => errors.push([name, String(error)]));
    const api = target.leadbeacon as (name: string) => unknown;
    expect(api('send')).toBeUndefined();
    expect(api('toString')).toBeUndefined();
    expect(errors).toEqual([
      ['send', 'TypeError: boom'],
      ['toString', 'undefined'],
    ]);
  });

  it.each([
    ['a number', 5],
    ['a string', 'abc'],
    ['an object', { length: 'x' }],
  ])('installs itself when the stub’s q is %s', (_, q) => {
    const target: { leadbeacon?: unknown } = { leadbeacon: { q } };
    const calls: unknown[] = [];
    installApi(target, { getAttribution: () => calls.push('get') }, () => {});
    expect(typeof target.leadbeacon).toBe('function');
    (target.leadbeacon as (name: string) => unknown)('getAttribution');
    expect(calls).toEqual(['get']);
  });

  it('runs the other queued calls when one is null or no call at all', () => {
    const target: { leadbeacon?: unknown } = { leadbeacon: { q: [null, 7, ['setUniqueIdentifier', 'crm-1']] } };
    const calls: unknown[] = [];
    installApi(target, { setUniqueIdentifier: (id) => calls.push(id) }, () => {});
    expect(calls).toEqual(['crm-1']);
  });

  it('still runs the queued calls when window.leadbeacon is read-only', () => {
    const stub = { q: [['setUniqueIdentifier', 'crm-1']] };
    const target = Object.defineProperty({}, 'leadbeacon', { value: stub, writable: false }) as { leadbeacon?: unknown };
    const calls: unknown[] = [];
    expect(() => installApi(target, { setUniqueIdentifier: (id) => calls.push(id) }, () => {})).not.toThrow();
    expect(calls).toEqual(['crm-1']);
    expect(target.leadbeacon).toBe(stub);
  });

  it('replays and runs calls when the page broke the array iterator', () => {
    const target = withStub() as { leadbeacon: (...args: unknown[]) => unknown };
    target.leadbeacon('setUniqueIdentifier', 'crm-1');
    const calls: unknown[] = [];
    const iterator = Array.prototype[Symbol.iterator];
    Array.prototype[Symbol.iterator] = () => {
      throw new Error('broken');
    };
    try {
      installApi(target, { setUniqueIdentifier: (id) => calls.push(id) }, () => {});
      target.leadbeacon('setUniqueIdentifier', 'crm-2');
    } finally {
      Array.prototype[Symbol.iterator] = iterator;
    }
    expect(calls).toEqual(['crm-1', 'crm-2']);
  });

  it('works without a stub', () => {
    const target: { leadbeacon?: unknown } = {};
    installApi(target, {}, () => {});
    expect(typeof target.leadbeacon).toBe('function');
  });
});
