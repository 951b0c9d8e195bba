import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../contract/errors';
import type { BackupInfo, RestoreResult } from '../../contract/system';
import { openSqlite, type Store } from '../../../db/connection';
import { migrate, unknownMigrations } from '../../../db/migrate';
import { schemaDifferences, schemaSnapshot } from '../../../db/schemaSnapshot';
import { audit, serviceContext, type ServiceContext } from '../context';
import { readSettings } from './settings';

/**
 * Backups: SQLite online backups in a `backups` folder beside the database, named by time
 * (`ixl-YYYYMMDD-HHMMSS-<reason>.sqlite`), keeping the newest N (setting `backupKeep`).
 * A restore checks the file first and keeps a copy of the database it replaces.
 */
export type BackupReason = 'manuale' | 'avvio' | 'giornaliero' | 'prima-del-ripristino';
const NAME = /^ixl-(\d{8})-(\d{6})(\d{3})?-([a-z-]+)\.sqlite$/;

export function backupDirFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

function stamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}${iso.slice(20, 23)}`;
}

export function backupsIn(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .map((fileName) => {
      const stat = fs.statSync(path.join(dir, fileName));
      return { fileName, sizeBytes: stat.size, createdAt: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.fileName.localeCompare(a.fileName));
}

/** Deletes the oldest backups beyond `keep`; the safety copies made before restores are kept apart. */
function prune(dir: string, keep: number): void {
  const regular = backupsIn(dir).filter((b) => !b.fileName.endsWith('-prima-del-ripristino.sqlite'));
  const safety = backupsIn(dir).filter((b) => b.fileName.endsWith('-prima-del-ripristino.sqlite'));
  for (const old of [...regular.slice(keep), ...safety.slice(keep)]) fs.rmSync(path.join(dir, old.fileName), { force: true });
}

/** The backups of the open database, newest first. */
export async function listBackups(ctx: ServiceContext): Promise<BackupInfo[]> {
  return backupsIn(backupDirFor(ctx.store.file));
}

/** Copies the open database into `dir` (its backup folder unless given), then keeps the newest `backupKeep`. */
export async function backupNow(ctx: ServiceContext, { reason, dir = backupDirFor(ctx.store.file) }: { reason: BackupReason; dir?: string }): Promise<BackupInfo> {
  if (ctx.store.file === ':memory:') throw new AppError('VALIDATION', 'Un database in memoria non può essere salvato in un backup');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `ixl-${stamp(ctx.clock.now())}-${reason}.sqlite`;
  const target = path.join(dir, fileName);
  await ctx.store.raw.backup(target);
  await audit(ctx.store.db, ctx, { action: 'backup', entity: 'database', after: { fileName, reason } });
  const { backupKeep } = await readSettings(ctx.store);
  prune(dir, backupKeep);
  const stat = fs.statSync(target);
  return { fileName, sizeBytes: stat.size, createdAt: stat.mtime.toISOString() };
}

/**
 * Checks that `source` is a sound IXL Desk database this version can open, and gives a copy of it
 * brought to this version's migration level, in a temporary folder; throws an Italian message if not.
 * After migrating, its whole schema (tables, columns, indexes, triggers) must be exactly the one this
 * version creates: a backup with a table or a ledger trigger dropped by hand is refused.
 */
export function prepareRestore(source: string): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-ripristino-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'ripristino.sqlite');
  try {
    fs.copyFileSync(source, file);
    let db;
    try {
      db = openSqlite(file);
    } catch {
      throw new AppError('VALIDATION', 'Il file non è un database SQLite leggibile');
    }
    try {
      let integrity: string;
      try {
        integrity = String(db.pragma('integrity_check', { simple: true }));
      } catch {
        throw new AppError('VALIDATION', 'Il file non è un database SQLite valido');
      }
      if (integrity !== 'ok') throw new AppError('VALIDATION', `Il file è danneggiato (verifica di integrità: ${integrity})`);
      const isIxl = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
      if (!isIxl) throw new AppError('VALIDATION', 'Il file non è un database di IXL Desk');
      if (unknownMigrations(db).length > 0) throw new AppError('VALIDATION', 'Il backup è stato creato da una versione più recente di IXL Desk: aggiornare l’applicazione');
      try {
        migrate(db);
      } catch (error) {
        throw new AppError('VALIDATION', `Il backup non si può aggiornare a questa versione: ${error instanceof Error ? error.message : String(error)}`);
      }
      const differences = schemaDifferences(schemaSnapshot(db));
      if (differences.length > 0) {
        throw new AppError('VALIDATION', `La struttura del backup è stata modificata e non corrisponde a quella di IXL Desk (${differences.length} differenze; ad esempio ${differences.slice(0, 2).join('; ')}): ripristino rifiutato`);
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    return { file, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * Restores the database from `source` after checking it; the replaced database is kept as a backup.
 * The copy goes into the live database through SQLite's backup API (see Store.replaceWith), so other
 * windows or processes on the same file read the restored data, and drop their sessions.
 */
export async function restoreFrom(
  ctx: ServiceContext,
  { source, label = path.basename(source), dir = backupDirFor(ctx.store.file) }: { source: string; label?: string; dir?: string },
): Promise<RestoreResult> {
  const prepared = prepareRestore(source);
  try {
    const safety = await backupNow(ctx, { reason: 'prima-del-ripristino', dir });
    await ctx.store.replaceWith(prepared.file);
    await audit(ctx.store.db, ctx, { action: 'ripristino', entity: 'database', after: { restoredFrom: label, safetyCopy: safety.fileName } });
    return { restoredFrom: label, safetyCopy: safety.fileName };
  } finally {
    prepared.cleanup();
  }
}

export async function restoreFromBackupName(ctx: ServiceContext, { fileName }: { fileName: string }): Promise<RestoreResult> {
  const dir = backupDirFor(ctx.store.file);
  const file = path.join(dir, path.basename(fileName));
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Backup «${fileName}» non trovato`);
  return restoreFrom(ctx, { source: file, label: fileName, dir });
}

export async function restoreFromBytes(ctx: ServiceContext, { uploadName, contentBase64 }: { uploadName: string; contentBase64: string }): Promise<RestoreResult> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-restore-'));
  const tmp = path.join(tmpDir, 'upload.sqlite');
  try {
    fs.writeFileSync(tmp, Buffer.from(contentBase64, 'base64'));
    return await restoreFrom(ctx, { source: tmp, label: uploadName });
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/**
 * Automatic backups: one at start (for a database that already existed) and one a day while the app
 * runs. Returns a function that stops the schedule.
 */
export function scheduleBackups(store: Store, onError: (error: unknown) => void): () => void {
  const ctx = serviceContext(store);
  const dir = backupDirFor(store.file);
  const run = (reason: BackupReason) => backupNow(ctx, { reason, dir }).catch(onError);
  if (!store.created) void run('avvio');
  const DAY = 24 * 60 * 60 * 1000;
  const timer = setInterval(() => {
    const newest = backupsIn(dir)[0];
    if (!newest || ctx.clock.now().getTime() - Date.parse(newest.createdAt) >= DAY) void run('giornaliero');
  }, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
