import { expect, it } from 'vitest';
import { readConfig } from '../src/config';

const read = (attrs: Record<string, string>) => readConfig((n) => attrs[n] ?? null);

it('reads the endpoint from data-endpoint', () => {
  expect(read({ 'data-endpoint': 'https://site.example/leadbeacon' }).endpoint).toBe('https://site.example/leadbeacon');
});

it('reads the form selectors and the honeypot name', () => {
  expect(read({ 'data-forms': '.lead', 'data-exclude-forms': '#search', 'data-honeypot': 'website' })).toMatchObject({
    forms: '.lead',
    excludeForms: '#search',
    honeypot: 'website',
  });
});

it('captures every form and uses lb_hp as the honeypot by default', () => {
  expect(read({})).toMatchObject({ forms: '', excludeForms: '', honeypot: 'lb_hp' });
});
