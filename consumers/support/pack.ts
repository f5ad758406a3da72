import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    tarballs: { server: string; browser: string; rules: string; 'stand-in': string };
  }
}

/**
 * Packs each published package with `pnpm pack`, as `pnpm publish` would (workspace: versions
 * replaced, `files` applied), once for every test file. The packages must be built first.
 */
export default async function pack(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'leadbeacon-packs-'));
  const pnpm = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).packageManager as string;
  const tarballs: Record<string, string> = {};
  for (const name of ['rules', 'browser', 'stand-in', 'server']) {
    await run('npx', ['-y', pnpm, 'pack', '--pack-destination', dir], { cwd: join(ROOT, 'packages', name) });
    const file = (await readdir(dir)).find((f) => f.startsWith(`leadbeacon-${name}-`));
    if (!file) throw new Error(`pnpm pack left no tarball for @leadbeacon/${name}`);
    tarballs[name] = join(dir, file);
  }
  project.provide('tarballs', tarballs as { server: string; browser: string; rules: string; 'stand-in': string });
  return () => rm(dir, { recursive: true, force: true });
}
