// pg_dump and pg_restore as child processes. The connection is given through the
// child's environment (PGHOST, PGUSER, PGPASSWORD, …), never on its command line: a
// command line is visible to every user of the machine (ps) and ends up in logs.
import { spawn } from 'node:child_process';

/** libpq environment of a connection URL, with another database name when given. */
export function libpqEnv(url: string, database?: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname || 'localhost'),
    PGPORT: u.port || '5432',
    PGDATABASE: database ?? decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** The URL of another database on the same server (for reports: the password is left out). */
export function urlOf(url: string, database: string, withPassword = true): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (!withPassword) u.password = '';
  return u.toString();
}

export class ToolError extends Error {}

/** where the PostgreSQL 15 client tools are looked for (Debian's own folder first) */
const TOOLS_PATH = '/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin';

/** Runs a PostgreSQL client tool; rejects with the end of its error output. */
export function runTool(command: 'pg_dump' | 'pg_restore', args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // a clean environment: the connection and where the tools are, nothing else of ours
    const child = spawn(command, args, {
      env: { PATH: TOOLS_PATH, LANG: 'C.UTF-8', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new ToolError(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}
