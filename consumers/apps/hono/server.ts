// A Hono app on Node with the fetch handler: no Express installed, types checked by tsc (nodenext, no skipLibCheck).
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createFetchHandler, type FetchHandler } from '@leadbeacon/server';

const handler: FetchHandler = createFetchHandler();
const app = new Hono();
app.all('/leadbeacon', (c) => handler(c.req.raw, { clientAddress: getConnInfo(c).remote.address }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
process.once('SIGTERM', () => server.close(() => void handler.close()));
