import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Starts test/support/server-process.ts with `env`; resolves once it listens. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, child, exited });
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening: ${stderr.slice(-2000)}`)));
  });
}

export const ORIGIN = 'https://www.site.example';

/** Posts one beacon as the browser would; resolves to the status, or 0 for a network error. */
export async function postLead(url: string, uniqueEventId: string): Promise<number> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: JSON.stringify({ uniqueEventId, userData: { email: `${uniqueEventId}@example.com` }, formData: { formName: 'proof' } }),
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
