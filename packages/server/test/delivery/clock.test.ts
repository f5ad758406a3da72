import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/delivery/clock.js';

describe('systemClock.sleep', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  afterEach(() => {
    process.off('warning', onWarning);
    warnings.length = 0;
  });

  // Node turns a timer past 2^31−1 ms into a 1 ms one (TimeoutOverflowWarning): a loop sleeping
  // until a far date would spin.
  it('sleeps past 2^31−1 ms without firing early or warning', async () => {
    process.on('warning', onWarning);
    const controller = new AbortController();
    let woke = false;
    const sleeping = systemClock.sleep(2 ** 40, controller.signal).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(woke).toBe(false);
    controller.abort();
    await sleeping;
    expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
  });
});
