import { expect, it, vi } from 'vitest';
import { newEventId } from '../src/id';

it('makes 32 hex characters, different each time', () => {
  const a = newEventId();
  expect(a).toMatch(/^[0-9a-f]{32}$/);
  expect(newEventId()).not.toBe(a);
});

it('still makes a fresh id when the page broke crypto.getRandomValues', () => {
  const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(() => {
    throw new Error('broken');
  });
  try {
    const a = newEventId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newEventId()).not.toBe(a);
  } finally {
    spy.mockRestore();
  }
});

it('makes no id of zeros when getRandomValues fills nothing', () => {
  const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => array);
  try {
    expect(newEventId()).not.toBe('0'.repeat(32));
  } finally {
    spy.mockRestore();
  }
});
