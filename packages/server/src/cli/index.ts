#!/usr/bin/env node
import { createRequire } from 'node:module';
import { printable } from './printable.js';

/** `leadbeacon <command>`: a table of subcommands, each loaded only when it runs. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

export type Command = { run(args: string[], io: CliIo): Promise<number> };

const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  serve: { load: () => import('./serve.js'), summary: 'run the endpoint as a server of its own, configured from the environment' },
  worker: { load: () => import('./worker.js'), summary: 'run the delivery worker as a process of its own' },
  sandbox: { load: () => import('./sandbox.js'), summary: 'try leadbeacon on your own pages: endpoint, LeadTrackr stand-in and inspector, no credentials' },
  doctor: { load: () => import('./doctor.js'), summary: 'check the configuration, the API key, the outbox, the origins and the clock' },
  outbox: { load: () => import('./outbox.js'), summary: 'status | list [--dead] | retry <id|--dead> | purge --dead|--delivered [--older-than <age>] | migrate' },
};

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];
if (name === '--version' || name === '-v') {
  // dist/cli/index.js → the package's own package.json, as installed.
  process.stdout.write(`${(createRequire(import.meta.url)('../../package.json') as { version: string }).version}\n`);
} else if (!command) {
  const list = Object.entries(commands).map(([key, c]) => `  ${key.padEnd(10)}${c.summary}`).join('\n');
  process.stderr.write(printable(`${name && name !== '--help' && name !== 'help' ? `Unknown command ${JSON.stringify(name)}\n\n` : ''}Usage: leadbeacon <command> | --version\n\n${list}\n`, true));
  process.exitCode = name === undefined || name === '--help' || name === 'help' ? 0 : 1;
} else {
  // Whatever a command prints may quote the outside world (upstream messages, ids, database errors).
  const io: CliIo = { stdout: (t) => process.stdout.write(printable(t, true)), stderr: (t) => process.stderr.write(printable(t, true)), env: process.env };
  process.exitCode = await (await command.load()).run(args, io);
}
