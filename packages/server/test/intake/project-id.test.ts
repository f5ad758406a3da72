import { describe, expect, it } from 'vitest';
import { compileProjectIds } from '../../src/intake/project-id.js';

describe('compileProjectIds', () => {
  it('prefers an exact origin, then the hostname, then the fallback', () => {
    const projectFor = compileProjectIds({ 'https://shop.example': 'p-origin', 'shop.example': 'p-host', 'blog.example': 'p-blog' }, 'p-default');
    expect(projectFor('https://shop.example')).toBe('p-origin');
    expect(projectFor('http://shop.example:8080')).toBe('p-host');
    expect(projectFor('https://blog.example')).toBe('p-blog');
    expect(projectFor('https://other.example')).toBe('p-default');
  });

  it('returns undefined for an unmapped origin without a fallback', () => {
    expect(compileProjectIds({ 'shop.example': 'p' }, undefined)('https://other.example')).toBeUndefined();
  });

  it('throws a TypeError for a key that is neither an origin nor a hostname, or an empty id', () => {
    expect(() => compileProjectIds({ 'https://shop.example/x': 'p' }, undefined)).toThrow(/projectIds/);
    expect(() => compileProjectIds({ 'shop.example': '' }, undefined)).toThrow(/shop\.example/);
  });
});
