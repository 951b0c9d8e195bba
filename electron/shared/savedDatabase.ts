import fs from 'node:fs';
import path from 'node:path';
import { isPostgresLocation } from '../../db/location';

/**
 * The database chosen in Impostazioni → Database, for the next start: `database.json` in the user
 * data folder, beside the default database file. It holds the server's URL without its password
 * (TLS settings in the query); the password is kept only encrypted by the operating system's
 * keychain (Electron `safeStorage`, injected here as a SecretBox so that this module runs, and is
 * tested, without Electron). Without a keychain — the browser mode, the CLI — no password is kept:
 * the server's comes from PGPASSWORD or ~/.pgpass. No file means the desk's own SQLite file.
 */
export const DATABASE_SETTINGS_FILE = 'database.json';

/** Encrypts text for this user on this computer (base64 out), and back. */
export interface SecretBox {
  encrypt(text: string): string;
  decrypt(data: string): string;
}

export interface SavedDatabase {
  /** postgres://user@host:port/database?sslmode=…&sslrootcert=… — never with a password. */
  location: string;
  /** The password encrypted by the SecretBox, when one was given and a keychain is available. */
  encryptedPassword?: string;
}

/** Where a host keeps the choice, how it protects a password, the file used when nothing is chosen, and what overrides the choice (IXL_DB, --db). */
export interface DatabaseSettingsPlace {
  file: string;
  box: SecretBox | null;
  localFile: string;
  override: string | null;
}

export class SavedDatabaseError extends Error {
  override name = 'SavedDatabaseError';
}

export function databaseSettingsFile(userDataDir: string): string {
  return path.join(userDataDir, DATABASE_SETTINGS_FILE);
}

/**
 * What to write for a server: the URL stripped of any password, and the password (given apart, or
 * found in the URL) only if `box` can encrypt it. `passwordSaved` says which happened.
 */
export function toSaved(location: string, password: string | null, box: SecretBox | null): { saved: SavedDatabase; passwordSaved: boolean } {
  if (!isPostgresLocation(location)) throw new SavedDatabaseError('Si salva solo l’indirizzo di un server PostgreSQL (postgres://…)');
  const url = new URL(location);
  const secret = password || decodeURIComponent(url.password) || null;
  url.password = '';
  url.searchParams.delete('password');
  const saved: SavedDatabase = { location: url.toString() };
  if (secret && box) saved.encryptedPassword = box.encrypt(secret);
  return { saved, passwordSaved: saved.encryptedPassword !== undefined };
}

/** The saved choice, or null when there is none (the desk's own file). A damaged file is an error, never a silent switch. */
export function readSaved(file: string): SavedDatabase | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const saved = value as Partial<SavedDatabase> | null;
  if (!saved || typeof saved.location !== 'string' || !isPostgresLocation(saved.location) || (saved.encryptedPassword !== undefined && typeof saved.encryptedPassword !== 'string')) {
    throw new SavedDatabaseError(`Le impostazioni del database non si leggono: ${file}. Correggere o eliminare il file (senza, si usa il file locale).`);
  }
  return { location: saved.location, ...(saved.encryptedPassword ? { encryptedPassword: saved.encryptedPassword } : {}) };
}

/** Writes the choice (readable by this user only), or removes it (`null`: back to the desk's own file). */
export function writeSaved(file: string, saved: SavedDatabase | null): void {
  if (saved === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(saved, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * The location to open from a saved choice: the URL with the decrypted password put back, for this
 * process only (messages show it masked). Without a box, or without a kept password, the URL as
 * saved: the driver then looks in PGPASSWORD and ~/.pgpass.
 */
export function openingLocation(saved: SavedDatabase, box: SecretBox | null): string {
  if (!saved.encryptedPassword || !box) return saved.location;
  let password: string;
  try {
    password = box.decrypt(saved.encryptedPassword);
  } catch {
    throw new SavedDatabaseError('La password salvata del database condiviso non si decifra su questo computer: inserirla di nuovo in Impostazioni → Database.');
  }
  const url = new URL(saved.location);
  url.password = encodeURIComponent(password);
  return url.toString();
}
