import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../contract/errors';
import type { JobStarted } from '../../contract/jobs';
import type { BackupInfo, BackupStatus, RestoreResult } from '../../contract/system';
import { openSqlite, type Store } from '../../../db/connection';
import { startFileJob } from '../../jobs/start';
import { migrate, unknownMigrations } from '../../../db/migrate';
import { schemaDifferences, schemaSnapshot } from '../../../db/schemaSnapshot';
import { audit, serviceContext, write, type ServiceContext } from '../context';
import { readSettings } from './settings';
import { decryptFile, encryptTo, isEncryptedBackup } from './backupCrypto';
import { hashPassword, verifyPassword } from './password';

/**
 * Backups: SQLite online backups in a `backups` folder beside the database, named by time
 * (`ixl-YYYYMMDD-HHMMSS-<reason>.sqlite`), keeping the newest N (setting `backupKeep`).
 * A restore checks the file first and keeps a copy of the database it replaces.
 */
export type BackupReason = 'manuale' | 'avvio' | 'giornaliero' | 'prima-del-ripristino' | 'prima-anonimizzazione';
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
/**
 * Backups, copies and restores are the file database's: a shared PostgreSQL server is backed up by
 * its administrator (pg_dump), and a portable snapshot of it is `ixl db copy --to FILE`.
 */
export const SHARED_DATABASE_BACKUPS =
  'Il database condiviso (PostgreSQL) è salvato dall’amministratore del server: backup e ripristini non si fanno da qui. ' +
  'Per una copia portatile su file: «ixl db copy --from postgres://… --to copia.sqlite».';

function requireFileDatabase(store: Store): void {
  if (store.engine === 'postgres') throw new AppError('CONFLICT', SHARED_DATABASE_BACKUPS);
}

export async function listBackups(ctx: ServiceContext): Promise<BackupInfo[]> {
  if (ctx.store.engine === 'postgres') return [];
  return backupsIn(backupDirFor(ctx.store.file));
}

/** Copies the open database into `dir` (its backup folder unless given), then keeps the newest `backupKeep`. */
export async function backupNow(ctx: ServiceContext, { reason, dir = backupDirFor(ctx.store.file) }: { reason: BackupReason; dir?: string }): Promise<BackupInfo> {
  requireFileDatabase(ctx.store);
  if (ctx.store.file === ':memory:') throw new AppError('VALIDATION', 'Un database in memoria non può essere salvato in un backup');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `ixl-${stamp(ctx.clock.now())}-${reason}.sqlite`;
  const target = path.join(dir, fileName);
  await ctx.store.raw.backup(target);
  await audit(ctx.store.db, ctx, { read: true, action: 'backup', entity: 'database', after: { fileName, reason } });
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
 * An encrypted backup (backupCrypto.ts) decrypted into a temporary folder, or the file itself when it
 * is not encrypted. A missing or wrong passphrase, a tampered file: an Italian VALIDATION error, and
 * nothing written anywhere but that temporary folder, which is removed.
 */
export async function openBackupFile(source: string, passphrase: string | undefined): Promise<{ file: string; encrypted: boolean; cleanup: () => void }> {
  if (!isEncryptedBackup(source)) return { file: source, encrypted: false, cleanup: () => undefined };
  if (!passphrase) throw new AppError('VALIDATION', 'Il backup è cifrato: inserire la passphrase con cui è stato salvato', { passphrase: 'Inserire la passphrase del backup' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-decifrato-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'decifrato.sqlite');
  try {
    await decryptFile(source, file, passphrase);
  } catch (error) {
    cleanup();
    throw error;
  }
  return { file, encrypted: true, cleanup };
}

/**
 * Restores the database from `source` after checking it; the replaced database is kept as a backup.
 * An encrypted copy needs its passphrase; it is decrypted and checked before anything changes.
 * The copy goes into the live database through SQLite's backup API (see Store.replaceWith), so other
 * windows or processes on the same file read the restored data, and drop their sessions.
 */
export async function restoreFrom(
  ctx: ServiceContext,
  { source, label = path.basename(source), dir = backupDirFor(ctx.store.file), passphrase }: { source: string; label?: string; dir?: string; passphrase?: string },
): Promise<RestoreResult> {
  requireFileDatabase(ctx.store);
  const opened = await openBackupFile(source, passphrase);
  let prepared: { file: string; cleanup: () => void };
  try {
    prepared = prepareRestore(opened.file);
  } finally {
    opened.cleanup();
  }
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
  requireFileDatabase(ctx.store);
  const dir = backupDirFor(ctx.store.file);
  const file = path.join(dir, path.basename(fileName));
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Backup «${fileName}» non trovato`);
  return restoreFrom(ctx, { source: file, label: fileName, dir });
}

export async function restoreFromBytes(ctx: ServiceContext, { uploadName, contentBase64, passphrase }: { uploadName: string; contentBase64: string; passphrase?: string }): Promise<RestoreResult> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-restore-'));
  const tmp = path.join(tmpDir, 'upload.sqlite');
  try {
    fs.writeFileSync(tmp, Buffer.from(contentBase64, 'base64'));
    return await restoreFrom(ctx, { source: tmp, label: uploadName, passphrase });
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

// ---- the backup passphrase and the copies that leave the app's folder ------------------------------

/** The settings key of the passphrase's verifier: an scrypt hash (password.ts), never the passphrase. */
const PASSPHRASE_KEY = 'backupPassphraseVerifier';

async function passphraseVerifier(store: Store): Promise<string | null> {
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', PASSPHRASE_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as string) : null;
}

export async function backupStatus(ctx: ServiceContext): Promise<BackupStatus> {
  return { passphraseSet: (await passphraseVerifier(ctx.store)) !== null };
}

/** Refuses `given` unless it is the passphrase set (field `field`). */
async function requirePassphrase(verifier: string, given: string | undefined, field: string, missing: string): Promise<string> {
  if (!given) throw new AppError('VALIDATION', missing, { [field]: missing });
  if (!(await verifyPassword(given, verifier))) throw new AppError('VALIDATION', 'Passphrase errata', { [field]: 'Passphrase errata' });
  return given;
}

/** Sets the passphrase, or changes it (the current one is needed); audited without any value. */
export async function setBackupPassphrase(ctx: ServiceContext, { current, next }: { current?: string; next: string }): Promise<BackupStatus> {
  const verifier = await passphraseVerifier(ctx.store);
  if (verifier) await requirePassphrase(verifier, current, 'current', 'Per cambiarla inserire la passphrase attuale');
  const value = JSON.stringify(await hashPassword(next));
  await write(ctx, async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: PASSPHRASE_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    return { result: undefined, audit: { action: verifier ? 'cambia_passphrase' : 'imposta_passphrase', entity: 'backup' } };
  });
  return { passphraseSet: true };
}

export async function removeBackupPassphrase(ctx: ServiceContext, { current }: { current: string }): Promise<BackupStatus> {
  const verifier = await passphraseVerifier(ctx.store);
  if (!verifier) return { passphraseSet: false };
  await requirePassphrase(verifier, current, 'current', 'Inserire la passphrase attuale');
  await write(ctx, async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', PASSPHRASE_KEY).execute();
    return { result: undefined, audit: { action: 'rimuovi_passphrase', entity: 'backup' } };
  });
  return { passphraseSet: false };
}

/**
 * The passphrase a copy must be encrypted with: null when none is set (the copy is a plain SQLite
 * file); else `given`, which must be it.
 */
export async function copyPassphrase(store: Store, given: string | undefined): Promise<string | null> {
  const verifier = await passphraseVerifier(store);
  if (!verifier) {
    if (given) throw new AppError('VALIDATION', 'Nessuna passphrase dei backup è impostata: impostarla in Impostazioni → Backup per salvare copie cifrate', { passphrase: 'Nessuna passphrase impostata' });
    return null;
  }
  return requirePassphrase(verifier, given, 'passphrase', 'È impostata una passphrase dei backup: inserirla per salvare la copia, che sarà cifrata');
}

/**
 * Writes a consistent copy of the database `db` (SQLite's online backup, into a temporary file) to
 * `out`, encrypted when `passphrase` is given; `out` is not ended.
 */
export async function writeCopy(db: BetterSqlite3.Database, out: Writable, passphrase: string | null, progress?: (done: number, total: number) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-copia-'));
  try {
    const tmp = path.join(dir, 'copia.sqlite');
    await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        progress?.(totalPages - remainingPages, totalPages);
        return 2000;
      },
    });
    if (passphrase) {
      await encryptTo(tmp, out, passphrase);
    } else {
      for await (const chunk of fs.createReadStream(tmp, { highWaterMark: 1024 * 1024 })) {
        if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The name of a copy: `ixl-copia-YYYYMMDD-HHMMSS.sqlite`, or `.ixlbak` when encrypted. */
export function copyFileName(date: Date, encrypted: boolean): string {
  return `ixl-copia-${stamp(date).slice(0, 15)}${encrypted ? '.ixlbak' : '.sqlite'}`;
}

/** «Salva una copia»: a job that writes the copy (encrypted when a passphrase is set), delivered as the other exports are. */
export async function saveCopy(ctx: ServiceContext, { passphrase }: { passphrase?: string }): Promise<JobStarted> {
  requireFileDatabase(ctx.store);
  if (ctx.store.file === ':memory:') throw new AppError('VALIDATION', 'Un database in memoria non può essere copiato');
  const key = await copyPassphrase(ctx.store, passphrase);
  const fileName = copyFileName(ctx.clock.now(), key !== null);
  return startFileJob(ctx, 'system.backupCopy', { passphrase: key }, { fileName, mimeType: 'application/octet-stream' }, () => ({
    read: true,
    action: 'copia',
    entity: 'database',
    after: { fileName, encrypted: key !== null },
  }));
}

/** `ixl backup --to FILE`: the copy written to FILE (encrypted when a passphrase is set), and audited. */
export async function saveCopyTo(ctx: ServiceContext, { target, passphrase }: { target: string; passphrase?: string }): Promise<{ encrypted: boolean }> {
  requireFileDatabase(ctx.store);
  const key = await copyPassphrase(ctx.store, passphrase);
  const partial = `${target}.parziale`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const closed = new Promise<void>((resolve, reject) => out.once('close', () => resolve()).once('error', reject));
  try {
    await writeCopy(ctx.store.raw, out, key);
    out.end();
    await closed;
    fs.renameSync(partial, target);
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  await audit(ctx.store.db, ctx, { read: true, action: 'copia', entity: 'database', after: { fileName: path.basename(target), encrypted: key !== null } });
  return { encrypted: key !== null };
}

/**
 * Automatic backups: one at start (for a database that already existed) and one a day while the app
 * runs (none on a shared server: its administrator's). Returns a function that stops the schedule.
 */
export function scheduleBackups(store: Store, onError: (error: unknown) => void): () => void {
  if (store.engine === 'postgres') return () => undefined;
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
