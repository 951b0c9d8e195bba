import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { assertEmpty, seedDatabase, type SeedOptions, type SeedSummary } from './index';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function removeDatabase(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

/**
 * Seeds the database file `file` (created, or migrated, when needed) through a temporary file renamed
 * over it at the end: a seed stopped half way (killed, a full disk) leaves `file` as it was, never half
 * a database that a second run would refuse or trip over. An existing file must hold no data yet; it
 * is copied (VACUUM INTO) so that what it has (settings, users) is kept.
 *
 * The temporary file is nobody else's while it loads, so it is written without syncing (a crash
 * only loses the temporary file); closing it checkpoints the log, and it is synced before the rename.
 */
export function seedFile(file: string, options: SeedOptions): SeedSummary {
  const target = path.resolve(file);
  const tmp = `${target}.seeding`;
  removeDatabase(tmp); // left by a seed that was stopped
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    const existing = openSqlite(target);
    try {
      migrate(existing);
      assertEmpty(existing);
      existing.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      existing.close();
    }
    // Closing the last connection removes the log: one still there means another program has the file open.
    if (fs.existsSync(`${target}-wal`)) throw new Error(`Il database è aperto da un altro programma: chiuderlo prima di caricare i dati (${target})`);
  }

  const db = openSqlite(tmp);
  let summary: SeedSummary;
  try {
    // Write-ahead log as always (better-sqlite3's defensive mode refuses journal_mode = OFF), but no
    // syncing: a crash only loses the temporary file.
    db.pragma('synchronous = OFF');
    migrate(db);
    summary = seedDatabase(db, options);
    db.close();
  } catch (error) {
    if (db.open) db.close();
    removeDatabase(tmp);
    throw error;
  }
  // On disk before it takes the name (it was written without syncing).
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  for (const suffix of SIDE_FILES) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(tmp, target);
  return summary;
}
