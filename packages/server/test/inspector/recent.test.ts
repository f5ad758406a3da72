import { describe, expect, it } from 'vitest';
import { createRecentLeads } from '../../src/inspector/recent.js';
import { leadFor } from '../support/setup.js';

const entry = (id: string, receivedAt: number) => ({ uniqueEventId: id, receivedAt, origin: 'https://www.site.example', sent: { id }, lead: leadFor(id) });

describe('createRecentLeads', () => {
  it('lists the newest first and keeps at most `limit`', () => {
    const recent = createRecentLeads(2);
    recent.record(entry('evt-1', 1));
    recent.record(entry('evt-2', 2));
    recent.record(entry('evt-3', 3));
    expect(recent.list().map((e) => e.uniqueEventId)).toEqual(['evt-3', 'evt-2']);
  });

  it('moves a resubmitted lead to the front with its new body, once', () => {
    const recent = createRecentLeads();
    recent.record(entry('evt-1', 1));
    recent.record(entry('evt-2', 2));
    recent.record({ ...entry('evt-1', 3), sent: { id: 'evt-1', again: true } });
    expect(recent.list().map((e) => [e.uniqueEventId, e.receivedAt])).toEqual([['evt-1', 3], ['evt-2', 2]]);
    expect(recent.list()[0]?.sent).toEqual({ id: 'evt-1', again: true });
  });
});
