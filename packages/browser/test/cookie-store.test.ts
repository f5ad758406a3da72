import { describe, expect, it } from 'vitest';
import { createCookieStore, type CookieJar } from '../src/cookie-store';

function createJar(initial: Record<string, string> = {}) {
  const cookies = new Map(Object.entries(initial));
  const writes: [string, string, number][] = [];
  const jar: CookieJar = {
    all: () => Object.fromEntries(cookies),
    set(name, value, days) {
      cookies.set(name, value);
      writes.push([name, value, days]);
    },
  };
  return { jar, writes };
}

describe('createCookieStore', () => {
  it('writes at once when allowed', () => {
    const { jar, writes } = createJar();
    createCookieStore(jar, () => true).set('lt_session', '1', 0.02);
    expect(writes).toEqual([['lt_session', '1', 0.02]]);
  });

  it('holds a write in memory until it is allowed, and the page still reads it', () => {
    const { jar, writes } = createJar({ _ga: 'GA1.1.1.2' });
    let allowed = false;
    const store = createCookieStore(jar, () => allowed);
    store.set('lb_gclid', 'abc', 90);
    expect(writes).toEqual([]);
    expect(store.all()).toEqual({ _ga: 'GA1.1.1.2', lb_gclid: 'abc' });
    allowed = true;
    store.flush();
    expect(writes).toEqual([['lb_gclid', 'abc', 90]]);
  });

  it('decides per cookie', () => {
    const { jar, writes } = createJar();
    const store = createCookieStore(jar, (name) => name.startsWith('lt_'));
    store.set('lt_session', '1', 1);
    store.set('lb_gclid', 'abc', 90);
    expect(writes.map(([name]) => name)).toEqual(['lt_session']);
    expect(store.all().lb_gclid).toBe('abc');
  });

  it('writes a held value once, the latest one', () => {
    const { jar, writes } = createJar();
    let allowed = false;
    const store = createCookieStore(jar, () => allowed);
    store.set('lt_channelflow', 'a', 395);
    store.set('lt_channelflow', 'b', 395);
    allowed = true;
    store.flush();
    store.flush();
    expect(writes).toEqual([['lt_channelflow', 'b', 395]]);
  });
});
