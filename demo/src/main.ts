// `pnpm start`: runs the demo until SIGINT/SIGTERM.
import { startDemo } from './app.js';

const demo = await startDemo({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
});

process.stdout.write(
  [
    '',
    `  leadbeacon demo      ${demo.url}/`,
    `  lead inspector       ${demo.url}/leadbeacon/inspector`,
    demo.standIn ? '  leads go to a local LeadTrackr stand-in' : '  sending leads to LeadTrackr (real credentials set)',
    `  try an ad click      ${demo.url}/?gclid=demo-gclid-123&utm_source=google&utm_medium=cpc&utm_campaign=spring`,
    '',
  ].join('\n') + '\n',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}
