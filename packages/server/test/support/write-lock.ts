import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Another process holding a SQLite file's write lock (BEGIN IMMEDIATE), as a second app, a
 * `leadbeacon outbox` command or a backup tool would; resolves once the lock is held.
 */
export async function holdWriteLock(path: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(process.argv[1], { timeout: 5000 });
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); }).resume();`;
  const child = spawn(process.execPath, ['--no-warnings', '-e', script, path], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => String(d).includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return {
    async release() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
