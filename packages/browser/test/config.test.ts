import { expect, it } from 'vitest';
import { readConfig } from '../src/config';

it('reads the endpoint from data-endpoint', () => {
  const attrs: Record<string, string> = { 'data-endpoint': 'https://site.example/leadbeacon' };
  expect(readConfig((n) => attrs[n] ?? null).endpoint).toBe('https://site.example/leadbeacon');
});
