import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec } from './support/apps.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`node_modules/.bin/${name}`, import.meta.url));

describe.each(['rules', 'browser', 'stand-in', 'server'] as const)('the packed @leadbeacon/%s', (name) => {
  it('holds its README and LICENSE, and source maps only with their sources', async () => {
    const tarball = inject('tarballs')[name];
    const files = (await exec('tar', ['tzf', tarball], HERE)).split('\n').filter(Boolean);
    expect(files).toEqual(expect.arrayContaining(['package/README.md', 'package/LICENSE', 'package/package.json']));
    for (const map of files.filter((f) => f.endsWith('.map'))) {
      const { sources, sourcesContent } = JSON.parse(await exec('tar', ['xzOf', tarball, map], HERE)) as { sources: string[]; sourcesContent?: string[] };
      const shipped = sources.every((source) => files.includes(posix.join(posix.dirname(map), source)));
      expect(shipped || sourcesContent?.length === sources.length, map).toBe(true);
    }
  });

  it('passes publint, suggestions included', async () => {
    const output = await exec(bin('publint'), ['run', '--strict', '--level', 'suggestion', inject('tarballs')[name]], HERE);
    expect(output).not.toMatch(/Errors|Warnings|Suggestions/);
  });

  // The node16 profile: node16 from ES modules and from CommonJS, and bundler; node10 (no
  // `exports`) is left out, as no supported Node resolves that way. "CJS resolves to ESM" is
  // ignored because require() of these ES modules works on every supported Node (22.12+ loads them
  // synchronously, and no module of theirs has a top-level await): express4-cjs proves it.
  it('passes Are the Types Wrong under node16 (ESM and CommonJS) and bundler', async () => {
    // attw exits 1 on any problem it does not ignore, which exec turns into a failure with the table.
    const output = await exec(bin('attw'), [inject('tarballs')[name], '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped'], HERE);
    expect(output).toMatch(/node16 \(from CJS\)/);
  });
});
