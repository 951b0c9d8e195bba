import pg from 'pg';
import type { CheckLevel, DatabaseCheck } from '../../electron/contract/systemDatabase';
import { serverOf } from '../location';
import { migrationVersion } from '../migrate';
import { pgConfig, tlsOf } from './config';
import { connectionFailureMessage } from './errors';
import { PG_MIGRATIONS } from './migrations/index';
import { roleRights } from './roles';

/**
 * «Verifica connessione» of Impostazioni → Database: connects to the server at `location` once, on
 * its own connection, and says in Italian what a desk would find there — whether it connects (and
 * with TLS), how far the schema is from this version, and what the user may do. It writes nothing.
 */
export async function checkServer(location: string): Promise<DatabaseCheck> {
  const target = serverOf(location);
  const findings: DatabaseCheck['findings'] = [];
  const say = (level: CheckLevel, text: string) => findings.push({ level, text });
  let client: pg.Client;
  try {
    client = new pg.Client({ ...pgConfig(location), application_name: 'IXL Desk (verifica)', connectionTimeoutMillis: 10_000 });
    await client.connect();
  } catch (error) {
    say('errore', connectionFailureMessage(error, target) ?? `Connessione non riuscita: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, findings };
  }
  try {
    const tls = tlsOf(location).sslmode !== 'disable';
    say(tls ? 'ok' : 'attenzione', `Connessione riuscita a ${target.server}, database «${target.database}», utente «${target.user}»` +
      (tls ? ', cifrata (TLS).' : ', non cifrata: usarla solo su una rete fidata.'));

    const migrated = (await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t")).rows[0]?.t;
    const done = migrated ? (await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id) : [];
    const known = new Set(PG_MIGRATIONS.map((m) => m.id));
    const unknown = done.filter((id) => !known.has(id));
    const pending = PG_MIGRATIONS.filter((m) => !done.includes(m.id)).map((m) => m.id);
    const rights = migrated ? await roleRights(client) : null;
    const mayMigrate = rights ? rights.owner : Boolean((await client.query<{ ok: boolean }>("SELECT has_schema_privilege(current_schema(), 'CREATE') AS ok")).rows[0]?.ok);
    const ownerHint = '«ixl migrate --db postgres://proprietario@server/database --app-role RUOLO»';

    if (unknown.length > 0) {
      say('errore', `Il database è stato scritto da una versione più recente di IXL Desk (${unknown.join(', ')}): aggiornare l’applicazione.`);
    } else if (!migrated) {
      say(mayMigrate ? 'ok' : 'errore', mayMigrate ? 'Il database è vuoto: le tabelle saranno create alla prima apertura.'
        : `Il database è vuoto e l’utente non può creare le tabelle: il proprietario esegua ${ownerHint}.`);
    } else if (pending.length > 0) {
      say(mayMigrate ? 'attenzione' : 'errore', mayMigrate ? `Lo schema va aggiornato (${pending.length} migrazioni): sarà aggiornato alla prossima apertura.`
        : `Lo schema va aggiornato (migrazioni ${pending.join(', ')}) e l’utente non può farlo: il proprietario esegua ${ownerHint}.`);
    } else {
      say('ok', `Lo schema è aggiornato a questa versione (migrazione ${Math.max(...done.map(migrationVersion))}).`);
    }

    if (rights) {
      if (!rights.write) say('errore', `L’utente «${target.user}» non può scrivere i dati: il proprietario gli conceda i permessi con ${ownerHint}.`);
      else if (rights.owner) say('attenzione', `L’utente «${target.user}» è il proprietario dello schema e può modificare tutto: per le postazioni usare il ruolo dell’applicazione.`);
      else if (rights.restricted) say('ok', `L’utente «${target.user}» legge e scrive i dati, ma non può modificare lo schema, il registro delle attività né i movimenti contabili.`);
      else say('attenzione', `L’utente «${target.user}» può modificare o cancellare righe del registro o dei movimenti contabili: il proprietario esegua ${ownerHint}.`);
    }
    return { ok: !findings.some((f) => f.level === 'errore'), findings };
  } finally {
    await client.end().catch(() => undefined);
  }
}
