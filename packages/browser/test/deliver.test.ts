import { afterEach, describe, expect, it } from 'vitest';
import { createDelivery } from '../src/deliver';
import { createQueue } from '../src/queue';
import { send } from '../src/send';
import { startEndpoint, type TestEndpoint } from './support/endpoint';
import { createMemoryStorage } from './support/memory-storage';

describe('createDelivery', () => {
  let endpoint: TestEndpoint;
  afterEach(() => endpoint.close());

  async function setup(status: number) {
    endpoint = await startEndpoint();
    endpoint.status = status;
    const storage = createMemoryStorage();
    return { storage, queue: createQueue(storage), delivery: createDelivery(endpoint.url, createQueue(storage), send) };
  }

  it('removes the lead once the endpoint acknowledges it', async () => {
    const { queue, delivery } = await setup(202);
    await delivery.deliver('e1', '{"n":1}');
    expect(endpoint.bodies).toEqual(['{"n":1}']);
    expect(queue.pending()).toEqual([]);
  });

  it.each([408, 429, 500, 503])('keeps the lead for the next page view on %i', async (status) => {
    const { queue, delivery } = await setup(status);
    await delivery.deliver('e1', '{"n":1}');
    expect(queue.pending().map((e) => e.body)).toEqual(['{"n":1}']);
  });

  it.each([400, 403, 413])('drops a lead the endpoint refuses for good (%i)', async (status) => {
    const { queue, delivery } = await setup(status);
    await delivery.deliver('e1', '{"n":1}');
    expect(queue.pending()).toEqual([]);
  });

  it('keeps the lead when the endpoint is down, and resends it on the next page view', async () => {
    const { storage, queue, delivery } = await setup(200);
    const down = createDelivery('http://127.0.0.1:1/leadbeacon', createQueue(storage), send);
    await down.deliver('e1', '{"n":1}');
    expect(queue.pending()).toHaveLength(1);

    await delivery.resendPending();
    expect(endpoint.bodies).toEqual(['{"n":1}']);
    expect(queue.pending()).toEqual([]);
  });

  it('resends queued leads one at a time, oldest first', async () => {
    const { storage, queue } = await setup(200);
    queue.put('e1', 'one');
    queue.put('e2', 'two');
    await createDelivery(endpoint.url, createQueue(storage), send).resendPending();
    expect(endpoint.bodies).toEqual(['one', 'two']);
    expect(queue.pending()).toEqual([]);
  });
});
