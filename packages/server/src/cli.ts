#!/usr/bin/env node
/** `leadbeacon <command>`: each command's module is loaded only when it runs. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

export type Command = { run(argv: string[], io: CliIo): Promise<number> };

const commands: Record<string, () => Promise<Command>> = {
  outbox: () => import('./cli/outbox.js'),
  worker: () => import('./cli/worker.js'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  process.stderr.write(`Usage: leadbeacon <${Object.keys(commands).join('|')}> [options]\n`);
  process.exitCode = 2;
} else {
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env };
  process.exitCode = await (await load()).run(rest, io);
}
