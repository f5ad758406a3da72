import { describe, expect, it } from 'vitest';
import { createWarnOnce } from '../src/warn-once.js';
import { createMemoryLogger } from './support/setup.js';

describe('createWarnOnce', () => {
  it('logs a key once per interval, and again after it', () => {
    const logger = createMemoryLogger();
    let now = 0;
    const warn = createWarnOnce(logger, 1_000, () => now);
    warn('a', { n: 1 }, 'first');
    warn('a', { n: 2 }, 'again too soon');
    warn('b', { n: 3 }, 'another key');
    now = 1_000;
    warn('a', { n: 4 }, 'after the interval');
    expect(logger.lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'first'],
      ['warn', 'another key'],
      ['warn', 'after the interval'],
    ]);
  });

  it('keeps at most 1,000 keys in one interval, so attacker-chosen keys cannot grow memory or flood the log', () => {
    const logger = createMemoryLogger();
    let now = 0;
    const warn = createWarnOnce(logger, 1_000, () => now);
    for (let i = 0; i < 5_000; i++) warn(`origin ${i}`, {}, 'refused');
    expect(logger.lines).toHaveLength(1_000);
    now = 1_000;
    warn('origin new', {}, 'refused');
    expect(logger.lines).toHaveLength(1_001);
  });
});
