import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryOutbox } from '../../../src/delivery/outbox/memory.js';
import { createMemoryLogger } from '../../support/setup.js';

describe('memory outbox', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('warns when used with NODE_ENV=production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const logger = createMemoryLogger();
    createMemoryOutbox({ logger });
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^memory outbox in production/) })]);
  });

  it('stays quiet outside production', () => {
    vi.stubEnv('NODE_ENV', 'test');
    const logger = createMemoryLogger();
    createMemoryOutbox({ logger });
    expect(logger.lines).toEqual([]);
  });
});
