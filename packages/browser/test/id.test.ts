import { expect, it } from 'vitest';
import { newEventId } from '../src/id';

it('makes 32 hex characters, different each time', () => {
  const a = newEventId();
  expect(a).toMatch(/^[0-9a-f]{32}$/);
  expect(newEventId()).not.toBe(a);
});
