import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, PersonTable } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { MergeView } from '../../contract/people';
import { italianDate } from '../../domain/dates';
import { write, type ServiceContext } from '../context';
import { nextVersion } from '../versions';
import { PERSON_TABLES, type MergeSnapshot, type PersonRow } from './merge';

/** How long a merge can be undone. */
export const UNMERGE_DAYS = 30;
const DAY_MS = 86_400_000;

/** The last day a merge made at `mergedAt` can be undone. */
function undoUntil(mergedAt: string): string {
  return new Date(Date.parse(mergedAt) + UNMERGE_DAYS * DAY_MS).toISOString().slice(0, 10);
}

const ROW_LABELS: Record<keyof MergeSnapshot['moved'], string> = {
  cases: 'il caso',
  assessments: 'la valutazione',
  interventions: 'il percorso',
  pacts: 'il patto',
  notes: 'la nota',
  work_experiences: 'l’esperienza lavorativa',
  commitments: 'l’impegno di spesa',
  privacy_acknowledgements: 'la firma dell’informativa',
  attachments: 'il documento',
  merged_records: 'la scheda',
};

const FIELD_LABELS: Partial<Record<keyof PersonRow, string>> = {
  birth_date: 'data di nascita', birth_place_code: 'luogo di nascita', birth_place_text: 'luogo di nascita', citizenship: 'cittadinanza',
  nationality_group: 'gruppo di nazionalità', phone: 'telefono', email: 'email', education_isced: 'titolo di studio', languages: 'lingue',
  driving_licence: 'patente', privacy_missing_reason: 'informativa privacy', cv_attachment_id: 'CV',
  tax_code: 'codice fiscale', tax_code_key: 'codice fiscale', tax_code_missing_reason: 'codice fiscale',
};

/** Columns the services write on a person (the rest: the id, the version, and what triggers keep). */
type WritableColumn = Exclude<keyof PersonRow, 'id' | 'version' | 'current_case_id' | 'current_band' | 'domicile_name'>;
function writable(row: PersonRow): Updateable<PersonTable> {
  const { id: _id, version: _version, current_case_id: _case, current_band: _band, domicile_name: _name, ...rest } = row;
  return rest satisfies Record<WritableColumn, unknown>;
}

/** Why the merge cannot be undone exactly now; null when it can. */
async function obstacle(trx: Transaction<DB>, merge: { id: number; kept_id: number; merged_id: number }, snapshot: MergeSnapshot, kept: PersonRow, merged: PersonRow): Promise<string | null> {
  const K = merge.kept_id;
  const M = merge.merged_id;
  if (merged.merged_into_id !== K) return `la scheda n. ${M} non è più unita alla scheda n. ${K}`;
  if (kept.merged_into_id !== null) return `la scheda n. ${K} è stata poi unita alla scheda n. ${kept.merged_into_id}: separare prima quell’unione`;
  if (kept.anonymised_at !== null || merged.anonymised_at !== null) return `la scheda n. ${kept.anonymised_at !== null ? K : M} è stata anonimizzata`;
  const later = await trx
    .selectFrom('person_merges')
    .select('merged_id')
    .where('kept_id', '=', K)
    .where('id', '>', merge.id)
    .where('unmerged_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (later) return `dopo questa unione la scheda n. ${later.merged_id} è stata unita alla scheda n. ${K}: separare prima quell’unione`;

  for (const [table, ids] of Object.entries(snapshot.moved) as [keyof MergeSnapshot['moved'], number[]][]) {
    if (ids.length === 0) continue;
    const rows =
      table === 'attachments'
        ? await trx.selectFrom('attachments').select(['id', 'owner_id as owner']).where('id', 'in', ids).where('owner_type', '=', 'person').execute()
        : table === 'merged_records'
          ? await trx.selectFrom('people').select(['id', 'merged_into_id as owner']).where('id', 'in', ids).execute()
          : await trx.selectFrom(table).select(['id', 'person_id as owner']).where('id', 'in', ids).execute();
    const still = new Set(rows.filter((r) => r.owner === K).map((r) => r.id));
    const gone = ids.find((id) => !still.has(id));
    if (gone !== undefined) return `${ROW_LABELS[table]} n. ${gone} non è più della scheda n. ${K}`;
  }
  for (const [field, value] of Object.entries(snapshot.changed) as [keyof PersonRow, unknown][]) {
    if (kept[field] !== value) return `dopo l’unione è stato modificato il campo «${FIELD_LABELS[field] ?? field}» della scheda n. ${K}`;
  }
  return null;
}

/**
 * Undoes a merge within 30 days: the rows it moved go back to the merged record, the kept record's
 * fields it filled are emptied again, the skills it added removed, and the merged record gets back its
 * data and its skills. Rows added to the kept record after the merge stay there. Refused, naming why,
 * after 30 days or when the records changed so that the merge cannot be undone exactly.
 */
export async function unmergePeople(ctx: ServiceContext, { mergedId }: { mergedId: number }): Promise<{ personId: number; restoredId: number }> {
  return write(ctx, async (trx) => {
    const merge = await trx
      .selectFrom('person_merges')
      .select(['id', 'kept_id', 'merged_id', 'merged_at', 'snapshot_json'])
      .where('merged_id', '=', mergedId)
      .where('unmerged_at', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!merge) throw new AppError('NOT_FOUND', `La scheda n. ${mergedId} non risulta unita ad un’altra scheda`);
    const until = undoUntil(merge.merged_at);
    if (ctx.clock.nowIso().slice(0, 10) > until) {
      throw new AppError('CONFLICT', `Le schede sono state unite il ${italianDate(merge.merged_at)}: sono passati più di ${UNMERGE_DAYS} giorni e non si possono più separare`);
    }
    const snapshot = JSON.parse(merge.snapshot_json) as MergeSnapshot;
    const load = (id: number) => trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [kept, merged] = [await load(merge.kept_id), await load(merge.merged_id)];
    const why = await obstacle(trx, merge, snapshot, kept, merged);
    if (why) throw new AppError('CONFLICT', `Le schede non si possono separare esattamente: ${why}`);

    const K = merge.kept_id;
    const M = merge.merged_id;
    const now = ctx.clock.nowIso();
    for (const table of PERSON_TABLES) {
      if (snapshot.moved[table].length > 0) await trx.updateTable(table).set({ person_id: M }).where('id', 'in', snapshot.moved[table]).execute();
    }
    if (snapshot.moved.attachments.length > 0) await trx.updateTable('attachments').set({ owner_id: M }).where('id', 'in', snapshot.moved.attachments).execute();
    if (snapshot.moved.merged_records.length > 0) await trx.updateTable('people').set({ merged_into_id: M }).where('id', 'in', snapshot.moved.merged_records).execute();
    if (snapshot.addedSkills.length > 0) await trx.deleteFrom('person_skills').where('person_id', '=', K).where('skill', 'in', snapshot.addedSkills).execute();
    if (snapshot.mergeSkills.length > 0) await trx.insertInto('person_skills').values(snapshot.mergeSkills.map((skill) => ({ person_id: M, skill }))).execute();

    // the kept record first: it gives back the codice fiscale the merged one had (unique)
    const restored = Object.fromEntries(Object.keys(snapshot.changed).map((field) => [field, snapshot.keep[field as keyof PersonRow]]));
    await trx
      .updateTable('people')
      .set({ ...restored, updated_at: now, version: nextVersion })
      .where('id', '=', K)
      .execute();
    await trx
      .updateTable('people')
      .set({ ...writable(snapshot.merge), updated_at: now, version: nextVersion })
      .where('id', '=', M)
      .execute();
    await trx.updateTable('person_merges').set({ unmerged_at: now, unmerged_by: ctx.caller.userId }).where('id', '=', merge.id).execute();

    const counts = Object.fromEntries(Object.entries(snapshot.moved).map(([table, ids]) => [table, ids.length]));
    return {
      result: { personId: K, restoredId: M },
      audit: { action: 'separa', entity: 'persona', entityId: K, before: { keptId: K, mergedId: M, mergedAt: merge.merged_at }, after: { keptId: K, restoredId: M, restored: counts, restoredFields: Object.keys(snapshot.changed) } },
    };
  });
}

/** The merges into a person that can still be undone, newest first (the person's page). */
export async function undoableMerges(db: Kysely<DB>, personId: number, now: string): Promise<MergeView[]> {
  const rows = await db
    .selectFrom('person_merges as m')
    .innerJoin('people as p', 'p.id', 'm.merged_id')
    .leftJoin('users as u', 'u.id', 'm.merged_by')
    .select(['m.merged_id', 'm.merged_at', 'p.last_name', 'p.first_name', 'u.full_name'])
    .where('m.kept_id', '=', personId)
    .where('m.unmerged_at', 'is', null)
    .orderBy('m.id', 'desc')
    .execute();
  return rows
    .map((r) => ({ mergedId: r.merged_id, lastName: r.last_name, firstName: r.first_name, mergedAt: r.merged_at, mergedBy: r.full_name, undoUntil: undoUntil(r.merged_at) }))
    .filter((m) => m.undoUntil >= now.slice(0, 10));
}
