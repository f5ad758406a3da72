import { parseArgs } from 'node:util';
import type { CliIo } from './index.js';
import { startServer } from '../adapters/serve.js';
import { createMemoryOutbox } from '../delivery/outbox/memory.js';
import { compileOrigins } from '../intake/origin.js';

const USAGE = `Usage: leadbeacon sandbox [--origin <origin>]… [--port <port>] [--host <host>]

Tries leadbeacon on your own pages without LeadTrackr credentials: the endpoint, the browser
script and the lead inspector, with a local stand-in for LeadTrackr. Leads stay in memory.
  --origin   an origin whose pages may send leads (https://www.example.com, http://localhost:8080);
             repeat it for more. The sandbox's own sample page is always allowed.
  --port     where it listens (3000)
  --host     which address it listens on (127.0.0.1; the inspector answers this machine only)
`;

/** `leadbeacon sandbox`: endpoint + LeadTrackr stand-in + inspector in one command, no credentials. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        origin: { type: 'string', multiple: true, default: [] },
        port: { type: 'string', default: io.env.PORT ?? '3000' },
        host: { type: 'string', default: '127.0.0.1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const origins = values.origin.map((origin) => origin.replace(/\/+$/, ''));
  const port = Number(values.port);
  try {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new TypeError(`Expected --port to be a port number, got ${JSON.stringify(values.port)}`);
    compileOrigins(origins);
  } catch (error) {
    io.stderr(`leadbeacon sandbox: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

  // The stand-in is loaded only here: no other command needs it.
  const { createStandIn } = await import('@leadbeacon/stand-in');
  const standIn = createStandIn({ projectId: 'sandbox' });
  const apiUrl = await standIn.listen();
  let server;
  try {
    server = await startServer({
      port,
      host: values.host,
      apiKey: standIn.apiKey,
      projectId: 'sandbox',
      apiUrl,
      // The sample page's own origin, under both names a browser may use for it.
      allowedOrigins: [...origins, `http://localhost:${port}`, `http://127.0.0.1:${port}`],
      outbox: createMemoryOutbox(),
      inspector: 'local',
      samplePage: true,
    });
  } catch (error) {
    await standIn.close();
    io.stderr(`leadbeacon sandbox: ${(error as Error).message}\n`);
    return 1;
  }
  const base = server.url.replace('//127.0.0.1:', '//localhost:');
  io.stdout(`
leadbeacon sandbox: no credentials needed. Leads go to a local LeadTrackr stand-in and stay in memory.

Paste this tag into your page, before </body>:

  <script src="${base}/leadbeacon.js" data-endpoint="${base}/leadbeacon" defer></script>

Pages that may send leads: ${origins.length ? origins.join(', ') : 'none of yours yet: add --origin https://www.your-site.example'}, and the sample page ${base}/
Send a form, then watch the lead arrive in the inspector: ${base}/leadbeacon/inspector
Stop with Ctrl-C.

`);
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.once('SIGINT', () => process.exit(1));
      void server.close().then(() => standIn.close()).then(() => resolve(0), () => resolve(1));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
