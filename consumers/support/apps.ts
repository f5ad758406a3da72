import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

/**
 * The environment of a user's terminal: this process's, less the npm_* variables that `pnpm run`
 * sets (npm warns about each, and they would reconfigure the apps' npm).
 */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
const APPS = new URL('../apps/', import.meta.url);

/**
 * npm's cache for the apps' installs, kept between runs on one machine so that a repeated run
 * installs from disk (Next.js alone is ~100 MB); LEADBEACON_NPM_CACHE to move it.
 */
export const NPM_CACHE = process.env.LEADBEACON_NPM_CACHE ?? join(homedir(), '.cache', 'leadbeacon-consumers-npm');

export interface App {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Copies `apps/<name>` to a fresh folder outside the workspace (no pnpm, no workspace links) and
 * installs it with npm, the leadbeacon packages from the packed tarballs, as a user would.
 */
export async function installApp(name: string, packages: ('server' | 'browser' | 'rules')[]): Promise<App> {
  const tarballs = inject('tarballs');
  const dir = await mkdtemp(join(tmpdir(), `leadbeacon-consumer-${name}-`));
  await cp(new URL(name, APPS), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  // The server's own dependencies on @leadbeacon/rules, browser and stand-in resolve to the same
  // tarballs: nothing is taken from the registry under a leadbeacon name.
  const all = {
    '@leadbeacon/rules': `file:${tarballs.rules}`,
    '@leadbeacon/browser': `file:${tarballs.browser}`,
    '@leadbeacon/stand-in': `file:${tarballs['stand-in']}`,
    '@leadbeacon/server': `file:${tarballs.server}`,
  };
  manifest.dependencies = { ...manifest.dependencies, ...Object.fromEntries(packages.map((p) => [`@leadbeacon/${p}`, all[`@leadbeacon/${p}`]])) };
  manifest.overrides = all;
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `--cache=${NPM_CACHE}`], { cwd: dir, env: userEnv, maxBuffer: 1 << 24 });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs a command in `cwd` to its end; rejects with its output when it fails. */
export async function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env: { ...userEnv, ...env }, maxBuffer: 1 << 24 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

export interface Running {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a server process; resolves once a line of its output matches `ready` (group 1: its base URL). */
export async function start(command: string, args: string[], cwd: string, env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<Running> {
  const child: ChildProcess = spawn(command, args, { cwd, env: { ...userEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? '');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // The whole process group: npx and next start children of their own.
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A free port on 127.0.0.1, for servers that take no port 0 (next start). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const ORIGIN = 'https://www.site.example';

/** A beacon as the script sends it, with a fresh uniqueEventId. */
export function beacon(email: string) {
  return {
    uniqueEventId: `evt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    userData: { firstName: 'Jane', lastName: 'Consumer', email },
    attributionData: { gclid: 'Cj0KCQ-consumer' },
    formData: { formName: 'Contact', formMessage: 'From a packed tarball' },
  };
}

export async function postBeacon(url: string, body: object, origin = ORIGIN): Promise<Response> {
  return fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain;charset=UTF-8', origin } });
}

/** Resolves once `count` leads reached the stand-in; rejects after `timeoutMs`. */
export async function leadsArrived<L>(standIn: { leads: L[] }, count: number, timeoutMs = 10_000): Promise<L[]> {
  const until = Date.now() + timeoutMs;
  while (standIn.leads.length < count) {
    if (Date.now() > until) throw new Error(`expected ${count} leads at the stand-in, got ${standIn.leads.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return standIn.leads;
}
