import { describe, expect, it } from 'vitest';
import { createQueue, QUEUE_KEY } from '../src/queue';
import { blockedStorage, createMemoryStorage } from './support/memory-storage';

describe('createQueue', () => {
  it('keeps entries for the next page view', () => {
    const storage = createMemoryStorage();
    createQueue(storage).put('a1', '{"x":1}');
    expect(createQueue(storage).pending()).toEqual([{ id: 'a1', body: '{"x":1}', at: expect.any(Number) }]);
  });

  it('replaces the body of the same id and keeps its first time', () => {
    const storage = createMemoryStorage();
    let now = 1_000;
    const queue = createQueue(storage, () => now);
    queue.put('a1', 'first');
    now = 2_000;
    queue.put('a1', 'second');
    expect(queue.pending()).toEqual([{ id: 'a1', body: 'second', at: 1_000 }]);
  });

  it("keeps entries readable for the next page view under Prototype.js's Array.prototype.toJSON", () => {
    const storage = createMemoryStorage();
    const proto = Array.prototype as unknown as Record<string, unknown>;
    proto.toJSON = function (this: unknown[]) {
      return `[${this.map((v) => JSON.stringify(v)).join(',')}]`;
    };
    try {
      createQueue(storage).put('a1', '{"x":1}');
    } finally {
      delete proto.toJSON;
    }
    expect(createQueue(storage).pending()).toEqual([{ id: 'a1', body: '{"x":1}', at: expect.any(Number) }]);
  });

  it('removes an entry only while it holds the acknowledged body', () => {
    const queue = createQueue(createMemoryStorage());
    queue.put('a1', 'first');
    queue.put('a1', 'second');
    queue.remove('a1', 'first');
    expect(queue.pending().map((e) => e.body)).toEqual(['second']);
    queue.remove('a1', 'second');
    expect(queue.pending()).toEqual([]);
  });

  it('keeps at most ten entries, dropping the oldest', () => {
    const queue = createQueue(createMemoryStorage());
    for (let i = 0; i < 12; i++) queue.put(`id${i}`, 'b');
    expect(queue.pending().map((e) => e.id)).toEqual(['id2', 'id3', 'id4', 'id5', 'id6', 'id7', 'id8', 'id9', 'id10', 'id11']);
  });

  it('drops entries older than seven days', () => {
    const storage = createMemoryStorage();
    let now = 0;
    createQueue(storage, () => now).put('old', 'b');
    now = 7 * 24 * 3600 * 1000;
    expect(createQueue(storage, () => now).pending()).toEqual([]);
  });

  it('treats a corrupt stored value as empty', () => {
    const storage = createMemoryStorage();
    for (const junk of ['{not json', '{"a":1}', '[1,null,{"id":"x"}]', '"text"']) {
      storage.data.set(QUEUE_KEY, junk);
      expect(createQueue(storage).pending(), junk).toEqual([]);
    }
  });

  it('works in memory for this page when storage is blocked', () => {
    const queue = createQueue(blockedStorage);
    queue.put('a1', 'b');
    expect(queue.pending().map((e) => e.id)).toEqual(['a1']);
    expect(createQueue(undefined).pending()).toEqual([]);
  });
});
