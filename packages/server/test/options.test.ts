import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/options.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('resolveOptions', () => {
  it('reads the environment', () => {
    const resolved = resolveOptions({ logger }, {
      LEADTRACKR_API_KEY: 'k',
      LEADTRACKR_PROJECT_ID: 'p',
      LEADBEACON_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(resolved).toMatchObject({
      apiKey: 'k',
      projectId: 'p',
      apiUrl: 'https://app.leadtrackr.io',
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('prefers options over the environment', () => {
    const resolved = resolveOptions({ apiKey: 'k2', projectId: 'p2', apiUrl: 'http://127.0.0.1:9/', logger }, { LEADTRACKR_API_KEY: 'k' });
    expect(resolved).toMatchObject({ apiKey: 'k2', projectId: 'p2', apiUrl: 'http://127.0.0.1:9' });
  });

  it('throws a TypeError naming a missing key or project', () => {
    expect(() => resolveOptions({ logger }, {})).toThrow(/Expected `apiKey`/);
    expect(() => resolveOptions({ apiKey: 'k', logger }, {})).toThrow(/Expected `projectId`/);
  });

  it('throws a TypeError on an origin with a path', () => {
    expect(() => resolveOptions({ apiKey: 'k', projectId: 'p', allowedOrigins: ['https://a.example/x'], logger }, {})).toThrow(TypeError);
  });
});
