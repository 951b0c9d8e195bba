import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../contract/errors';
import { SYSTEM_CALLER, type ServiceContext } from './context';

/**
 * A version per editable record (migration 015): several desks may edit the same record of a shared
 * database, and a save must never silently overwrite what another desk saved after the form was
 * loaded. Every save of a record's data carries the version its form read and claims the next one
 * inside its transaction; when the record has moved on, the save is refused, naming who changed it
 * and when (from the audit log), and nothing is written.
 */

/** The versioned records: their table, and the audit entity and actions of the saves that raise the version. */
const RECORDS = {
  persona: { table: 'people', actions: ['crea', 'modifica', 'unisci'] },
  azienda: { table: 'companies', actions: ['crea', 'modifica'] },
  fabbisogno: { table: 'needs', actions: ['crea', 'modifica'] },
  patto: { table: 'pacts', actions: ['crea', 'modifica'] },
  // one audit row per save of a fund's grid (entity id: the fund), listing the cells it changed
  assegnazioni: { table: 'allocations', actions: ['assegna'] },
} as const;
export type VersionedRecord = keyof typeof RECORDS;

type Db = Kysely<DB> | Transaction<DB>;

/** Where to find the latest change of a record in the audit log; `concerns` picks, among a fund's grid saves, those of one cell. */
export interface ChangeLookup {
  record: VersionedRecord;
  /** The audit row's entity id: the record's id (the fund's, for an allocation). */
  entityId: number;
  concerns?: (after: unknown) => boolean;
}

/** The value that raises a record's version in an UPDATE's SET, for the saves that need no check (a merge). */
export const nextVersion = sql<number>`version + 1`;

const OFFICE_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant in the office's time (Bologna), as 'DD/MM/YYYY' and 'HH:MM'. */
function officeTime(instant: Date): { day: string; time: string } {
  const part = Object.fromEntries(OFFICE_TIME.formatToParts(instant).map((p) => [p.type, p.value]));
  return { day: `${part.day}/${part.month}/${part.year}`, time: `${part.hour}:${part.minute}` };
}

/**
 * The refusal of a save made on an old version: "Modificato da Laura Verdi alle 10:42: ricarica per
 * vedere le modifiche" (with "il DD/MM/YYYY" when the change was not today), from the latest audit row
 * of the record's saves. `fields.version` tells the forms this refusal from the other conflicts.
 */
export async function staleVersion(db: Db, ctx: ServiceContext, lookup: ChangeLookup): Promise<AppError> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.at', 'a.username', 'a.after_json', 'u.full_name'])
    .where('a.entity', '=', lookup.record)
    .where('a.entity_id', '=', String(lookup.entityId))
    .where('a.action', 'in', [...RECORDS[lookup.record].actions])
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(lookup.concerns ? 50 : 1)
    .execute();
  const concerns = lookup.concerns;
  const change = (concerns && rows.find((r) => r.after_json !== null && concerns(JSON.parse(r.after_json)))) || rows[0];
  let message = 'Modificato da un altro utente nel frattempo: ricarica per vedere le modifiche';
  if (change) {
    const who = change.full_name ?? (change.username === SYSTEM_CALLER.username ? SYSTEM_CALLER.fullName : (change.username ?? 'un altro utente'));
    const when = officeTime(new Date(change.at));
    const sameDay = when.day === officeTime(ctx.clock.now()).day;
    message = `Modificato da ${who}${sameDay ? '' : ` il ${when.day}`} alle ${when.time}: ricarica per vedere le modifiche`;
  }
  return new AppError('CONFLICT', message, { version: message });
}

/** Refuses the save when the version read (`expected`) is not the record's current one; reads only. */
export async function checkVersion(db: Db, ctx: ServiceContext, lookup: ChangeLookup, current: number, expected: number): Promise<void> {
  if (current !== expected) throw await staleVersion(db, ctx, lookup);
}

/**
 * Inside a save's transaction, before it writes: raises the record's version from `expected` to the
 * next, or refuses the save when the record is no longer at `expected`. On PostgreSQL the UPDATE locks
 * the row until the save commits, so of two desks saving the same version at once, the second finds it
 * moved on and is refused.
 */
export async function claimVersion(trx: Transaction<DB>, ctx: ServiceContext, lookup: ChangeLookup & { id: number }, expected: number): Promise<void> {
  const table = RECORDS[lookup.record].table;
  const result = await sql`UPDATE ${sql.table(table)} SET version = version + 1 WHERE id = ${lookup.id} AND version = ${expected}`.execute(trx);
  if (Number(result.numAffectedRows ?? 0n) === 0) throw await staleVersion(trx, ctx, lookup);
}
