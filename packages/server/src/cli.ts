#!/usr/bin/env node
/** `leadbeacon <command>`: a table of subcommands, each loaded only when it runs. */

type Command = { run(args: string[]): Promise<number> };

const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  serve: { load: () => import('./serve-command.js'), summary: 'run the endpoint as a server of its own, configured from the environment' },
};

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];
if (!command) {
  const list = Object.entries(commands).map(([key, c]) => `  ${key.padEnd(10)}${c.summary}`).join('\n');
  process.stderr.write(`${name && name !== '--help' && name !== 'help' ? `Unknown command ${JSON.stringify(name)}\n\n` : ''}Usage: leadbeacon <command>\n\n${list}\n`);
  process.exitCode = name === undefined || name === '--help' || name === 'help' ? 0 : 1;
} else {
  process.exitCode = await (await command.load()).run(args);
}
