import { describe, expect, it } from 'vitest';
import { createLeadEvents } from '../src/events.js';
import { createMetrics } from '../src/metrics.js';
import type { DeliveryStats } from '../src/service.js';

function source(stats: () => Promise<DeliveryStats>) {
  return { events: createLeadEvents(), stats };
}

/** The value of one sample line, e.g. `leadbeacon_leads_rejected_total{reason="bot_honeypot"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('createMetrics', () => {
  it('counts what the events report, by reason and code', async () => {
    const src = source(async () => ({ pending: 0, dead: 0, oldestPendingAgeMs: null }));
    const metrics = createMetrics(src);
    src.events.emit('accepted', { uniqueEventId: 'a' });
    src.events.emit('accepted', { uniqueEventId: 'b' });
    src.events.emit('rejected', { reason: 'bot_honeypot', status: 202 });
    src.events.emit('rejected', { reason: 'invalid_beacon', status: 400 });
    src.events.emit('rejected', { reason: 'invalid_beacon', status: 400 });
    src.events.emit('delivered', { uniqueEventId: 'a', leadId: 1, attempts: 1 });
    src.events.emit('failed', { uniqueEventId: 'b', attempts: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 503, retryInMs: 1000 });
    src.events.emit('failed', { uniqueEventId: 'b', attempts: 2, code: 'LB_ERR_UPSTREAM_STATUS', status: 400, retryInMs: undefined });
    src.events.emit('deadLettered', { uniqueEventId: 'b', attempts: 2, reason: 'permanent' });
    const text = await metrics.render();
    expect(sample(text, 'leadbeacon_leads_accepted_total')).toBe(2);
    expect(sample(text, 'leadbeacon_leads_rejected_total{reason="bot_honeypot"}')).toBe(1);
    expect(sample(text, 'leadbeacon_leads_rejected_total{reason="invalid_beacon"}')).toBe(2);
    expect(sample(text, 'leadbeacon_leads_delivered_total')).toBe(1);
    expect(sample(text, 'leadbeacon_delivery_failures_total{code="LB_ERR_UPSTREAM_STATUS"}')).toBe(2);
    expect(sample(text, 'leadbeacon_delivery_retries_total')).toBe(1);
    expect(sample(text, 'leadbeacon_leads_dead_lettered_total{reason="permanent"}')).toBe(1);
  });

  it('reads outbox depth and oldest age from stats() on every scrape', async () => {
    let stats: DeliveryStats = { pending: 3, dead: 1, oldestPendingAgeMs: 4_500 };
    const metrics = createMetrics(source(async () => stats));
    const first = await metrics.render();
    expect([sample(first, 'leadbeacon_outbox_pending_leads'), sample(first, 'leadbeacon_outbox_dead_leads'), sample(first, 'leadbeacon_outbox_oldest_pending_age_seconds')]).toEqual([3, 1, 4.5]);
    stats = { pending: 0, dead: 1, oldestPendingAgeMs: null };
    const second = await metrics.render();
    expect([sample(second, 'leadbeacon_outbox_pending_leads'), sample(second, 'leadbeacon_outbox_oldest_pending_age_seconds')]).toEqual([0, 0]);
  });

  it('reports NaN instead of failing the scrape when stats() rejects', async () => {
    const metrics = createMetrics(source(async () => Promise.reject(new Error('store down'))));
    expect(sample(await metrics.render(), 'leadbeacon_outbox_pending_leads')).toBeNaN();
  });

  it('keeps two instances apart on their own registries, and stops counting once closed', async () => {
    const src = source(async () => ({ pending: 0, dead: 0, oldestPendingAgeMs: null }));
    const a = createMetrics(src);
    const b = createMetrics(src);
    b.close();
    src.events.emit('accepted', { uniqueEventId: 'a' });
    expect(sample(await a.render(), 'leadbeacon_leads_accepted_total')).toBe(1);
    expect(sample(await b.render(), 'leadbeacon_leads_accepted_total')).toBe(0);
  });
});
