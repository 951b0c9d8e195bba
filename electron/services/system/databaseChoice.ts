import type { Store } from '../../../db/connection';
import { isPostgresLocation, redactLocation } from '../../../db/location';
import { checkServer } from '../../../db/postgres/check';
import { AppError } from '../../contract/errors';
import type { DatabaseCheck, DatabaseChoice, DatabaseServer, DatabaseServerInput, SslMode } from '../../contract/systemDatabase';
import { SSL_MODES } from '../../contract/systemDatabase';
import { readSaved, toSaved, writeSaved, type DatabaseSettingsPlace } from '../../shared/savedDatabase';
import { audit, type ServiceContext } from '../context';
import { databaseInfo } from './database';

/**
 * Impostazioni → Database: the database the next start opens. The host says where the choice is kept
 * and whether it can encrypt a password (`DatabaseSettingsPlace`, electron/shared/savedDatabase.ts),
 * once per open database (`keepDatabaseSettings`); a server is checked before it is saved; the change
 * is audited in the database open now, with the server's address and never a password.
 */
const places = new WeakMap<Store, DatabaseSettingsPlace>();

/** Set by a host that lets the administrator choose the database of the next start (desktop, web host); null where it cannot. */
export function keepDatabaseSettings(store: Store, place: DatabaseSettingsPlace | null): void {
  if (place) places.set(store, place);
  else places.delete(store);
}

export function databaseSettingsOf(store: Store): DatabaseSettingsPlace | null {
  return places.get(store) ?? null;
}

const NOT_HERE = 'Questa modalità di IXL Desk non salva la scelta del database: usare --db o IXL_DB.';

/** The URL of a server as the form describes it (password apart), TLS settings in its query. */
export function serverLocation(server: Omit<DatabaseServerInput, 'password'>, password?: string): string {
  const url = new URL('postgres://localhost');
  url.hostname = server.host;
  url.port = String(server.port);
  url.pathname = `/${encodeURIComponent(server.database)}`;
  url.username = encodeURIComponent(server.user);
  if (password) url.password = encodeURIComponent(password);
  url.searchParams.set('sslmode', server.sslmode);
  if (server.caFile) url.searchParams.set('sslrootcert', server.caFile);
  return url.toString();
}

/** The form's fields from a saved URL. */
function serverFields(location: string): DatabaseServer {
  const url = new URL(location);
  const mode = url.searchParams.get('sslmode') ?? 'disable';
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    sslmode: (SSL_MODES as readonly string[]).includes(mode) ? (mode as SslMode) : 'disable',
    caFile: url.searchParams.get('sslrootcert'),
  };
}

function place(ctx: ServiceContext): DatabaseSettingsPlace {
  const found = places.get(ctx.store);
  if (!found) throw new AppError('CONFLICT', NOT_HERE);
  return found;
}

export async function databaseChoice(ctx: ServiceContext): Promise<DatabaseChoice> {
  const where = place(ctx);
  const saved = readSaved(where.file);
  return {
    current: await databaseInfo(ctx),
    next: saved
      ? { engine: 'postgres', location: redactLocation(saved.location), server: serverFields(saved.location), passwordSaved: saved.encryptedPassword !== undefined }
      : { engine: 'sqlite', location: where.localFile, server: null, passwordSaved: false },
    override: where.override ? redactLocation(where.override) : null,
    canSavePassword: where.box !== null,
  };
}

export function checkDatabaseServer(_ctx: ServiceContext, input: DatabaseServerInput): Promise<DatabaseCheck> {
  return checkServer(serverLocation(input, input.password));
}

export async function saveDatabaseChoice(ctx: ServiceContext, input: { kind: 'locale' } | { kind: 'server'; server: DatabaseServerInput }): Promise<DatabaseChoice> {
  const where = place(ctx);
  const before = readSaved(where.file);
  let next = null;
  if (input.kind === 'server') {
    const check = await checkServer(serverLocation(input.server, input.server.password));
    const problem = check.findings.find((f) => f.level === 'errore');
    if (problem) throw new AppError('CONFLICT', `Server non salvato: ${problem.text}`);
    next = toSaved(serverLocation(input.server), input.server.password ?? null, where.box);
  }
  const shown = (location: string | undefined) => (location && isPostgresLocation(location) ? redactLocation(location) : 'file locale');
  await ctx.store.db.transaction().execute(async (trx) => {
    await audit(trx, ctx, {
      action: 'modifica',
      entity: 'database',
      entityId: 'prossimo_avvio',
      before: { databaseAtNextStart: shown(before?.location) },
      after: { databaseAtNextStart: shown(next?.saved.location), passwordSaved: next?.passwordSaved ?? false },
    });
    // last: if the file cannot be written, the audit row is rolled back with it
    writeSaved(where.file, next?.saved ?? null);
  });
  return databaseChoice(ctx);
}
