/**
 * `pnpm --filter @leadbeacon/server bench:drivers` (after `pnpm build`, on Node 22.13+): the SQLite
 * outbox's driver candidates side by side in one run, node:sqlite (built in) and better-sqlite3
 * (a native addon), each under the same outbox code:
 * - install time of @leadbeacon/server from its packed tarball into a fresh folder with a fresh
 *   npm cache, without and with better-sqlite3;
 * - appends per second and p50/p99 latency with group commit, 50 concurrent appenders, for
 *   synchronous=FULL and NORMAL;
 * - kill -9 while appending: how many acknowledged appends are missing after a reopen.
 * Prints a Markdown table for docs/benchmarks.md. better-sqlite3 is compiled from source (its
 * prebuilt download is unreachable here) against the Node headers of the node-linux-<arch> npm
 * package at 24.18.1 (built against 24.19+ headers it aborts the process: nodejs/node#65446).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNodeSqlite } from '../src/delivery/outbox/sqlite-driver.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const KILLS = Number(process.env.BENCH_KILLS ?? 5);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const child = fileURLToPath(new URL('./outbox-driver-child.ts', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'leadbeacon-drivers-'));
const rows: string[] = [];
const sh = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

// The tarballs a consumer would install: the server and the two workspace packages it depends on.
const packed = join(dir, 'packed');
await mkdir(packed);
for (const pkg of ['rules', 'browser', 'server']) sh('npx', ['-y', 'pnpm@10.34.8', 'pack', '--pack-destination', packed], join(root, 'packages', pkg));
const tarballs = (await readdir(packed)).map((f) => join(packed, f));

const headers = join(dir, 'headers');
await mkdir(headers);
sh('npm', ['pack', '-s', `node-linux-${process.arch}@24.18.1`], headers);
sh('tar', ['xzf', (await readdir(headers)).find((f) => f.endsWith('.tgz'))!], headers);

async function install(slug: string, label: string, extra: string[]): Promise<string> {
  const app = join(dir, slug);
  await mkdir(app);
  sh('npm', ['init', '-y'], app);
  const started = performance.now();
  let outcome = 'ok';
  try {
    sh('npm', ['install', '--no-audit', '--no-fund', '--cache', join(dir, `cache-${slug}`), ...tarballs, ...extra], app, {
      ...process.env,
      npm_config_nodedir: join(headers, 'package'),
    });
  } catch (error) {
    outcome = `failed: ${String((error as { stderr?: string }).stderr ?? error).split('\n').find((l) => /ERR/.test(l)) ?? 'see npm log'}`;
  }
  const seconds = (performance.now() - started) / 1_000;
  rows.push(`| install @leadbeacon/server tarball, fresh folder and npm cache, ${label} | ${seconds.toFixed(1)} s | ${outcome} |`);
  return app;
}

await install('without', 'node:sqlite (no addon)', []);
const withAddon = await install('with', 'with better-sqlite3@^12.11.1', ['better-sqlite3@^12.11.1']);
const addonDir = join(withAddon, 'node_modules', 'better-sqlite3');
const drivers = existsSync(join(addonDir, 'build', 'Release', 'better_sqlite3.node')) ? ['node:sqlite', 'better-sqlite3'] : ['node:sqlite'];

function runChild(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, BENCH_BETTER_SQLITE3: addonDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function throughput(driver: string, synchronous: string): Promise<void> {
  const proc = runChild([driver, synchronous, join(dir, `tp-${driver.replace(':', '-')}-${synchronous}.db`), String(DURATION_S), 'throughput']);
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d));
  await new Promise((resolve) => proc.once('exit', resolve));
  const r = JSON.parse(out) as { appends: number; seconds: number; p50: number; p99: number };
  rows.push(`| append, ${driver}, synchronous=${synchronous.toUpperCase()} | ${Math.round(r.appends / r.seconds)} appends/s | p50 ${r.p50} ms, p99 ${r.p99} ms |`);
}

async function killNine(driver: string, synchronous: string): Promise<void> {
  const path = join(dir, `kill-${driver.replace(':', '-')}-${synchronous}.db`);
  const acknowledged: string[] = [];
  for (let round = 0; round < KILLS; round++) {
    const proc = runChild([driver, synchronous, path, '0', 'ack']);
    let buffer = '';
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      acknowledged.push(...lines);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 1_000));
    proc.kill('SIGKILL');
    await new Promise((resolve) => proc.once('close', resolve));
  }
  const db = openNodeSqlite(path, 5_000);
  const stored = new Set((db.prepare('SELECT id FROM leadbeacon_outbox').all() as { id: string }[]).map((r) => r.id));
  db.close();
  const lost = acknowledged.filter((id) => !stored.has(id)).length;
  rows.push(`| kill -9 while appending, ${driver}, synchronous=${synchronous.toUpperCase()}, ${KILLS} kills | ${lost} of ${acknowledged.length} acknowledged appends lost | ${stored.size} rows after reopen |`);
}

for (const synchronous of ['full', 'normal']) for (const driver of drivers) await throughput(driver, synchronous);
for (const synchronous of ['full', 'normal']) for (const driver of drivers) await killNine(driver, synchronous);
await rm(dir, { recursive: true, force: true });

process.stdout.write(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, ${DURATION_S} s per append run, 50 appenders\n\n` +
    `| run | figure | notes |\n|---|---|---|\n${rows.join('\n')}\n`,
);
