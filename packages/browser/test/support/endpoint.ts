import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestEndpoint {
  url: string;
  /** Bodies received, in order. */
  bodies: string[];
  /** The status the next requests get. */
  status: number;
  close(): Promise<void>;
}

/** A real HTTP endpoint on a random port standing in for the leadbeacon router. */
export async function startEndpoint(): Promise<TestEndpoint> {
  const endpoint: TestEndpoint = { url: '', bodies: [], status: 200, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      endpoint.bodies.push(body);
      res.writeHead(endpoint.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon`;
  endpoint.close = () => new Promise((resolve) => server.close(() => resolve()));
  return endpoint;
}
