import type { Selectable, Transaction, Updateable } from 'kysely';
import type { DB, PersonTable } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import { write, type ServiceContext } from '../context';
import { nextVersion } from '../versions';

/** The tables whose rows belong to a person by `person_id`: a merge moves them all to the kept record. */
export const PERSON_TABLES = ['cases', 'assessments', 'interventions', 'pacts', 'notes', 'work_experiences', 'commitments', 'privacy_acknowledgements'] as const;
export type PersonTableName = (typeof PERSON_TABLES)[number];

/** Fields of the kept record filled from the merged one when empty (the codice fiscale is handled apart: it is unique). */
const FILLABLE = [
  'birth_date', 'birth_place_code', 'birth_place_text', 'citizenship', 'nationality_group', 'phone', 'email', 'education_isced',
  'driving_licence', 'cv_attachment_id',
] as const satisfies readonly (keyof PersonTable)[];

export type PersonRow = Selectable<PersonTable>;

/** What a merge did, kept in person_merges.snapshot_json: enough to undo it exactly (unmerge.ts). */
export interface MergeSnapshot {
  /** both records as they were before the merge */
  keep: PersonRow;
  merge: PersonRow;
  /** ids of the rows moved from the merged record to the kept one, per table */
  moved: Record<PersonTableName | 'attachments' | 'merged_records', number[]>;
  /** the merged record's skills, and those of them the kept record did not have */
  mergeSkills: string[];
  addedSkills: string[];
  /** the kept record's columns the merge set, with the values it set */
  changed: Partial<PersonRow>;
}

async function loadForMerge(trx: Transaction<DB>, id: number): Promise<PersonRow> {
  const row = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `Scheda n. ${id} non trovata`);
  if (row.merged_into_id !== null) throw new AppError('CONFLICT', `La scheda n. ${id} è già stata unita alla scheda n. ${row.merged_into_id}`);
  if (row.anonymised_at !== null) throw new AppError('CONFLICT', `La scheda n. ${id} è stata anonimizzata: non si unisce ad altre`);
  return row;
}

/** Languages of both records (people.languages: a JSON array, or a comma-separated list from bulk loads), without repeats. */
function unionLanguages(keep: string | null, merge: string | null): string | null {
  const list = (text: string | null): string[] => (!text ? [] : text.startsWith('[') ? (JSON.parse(text) as string[]) : text.split(',').map((l) => l.trim()).filter(Boolean));
  const all = [...list(keep)];
  for (const l of list(merge)) if (!all.some((k) => k.toLowerCase() === l.toLowerCase())) all.push(l);
  return all.length > list(keep).length ? JSON.stringify(all) : keep;
}

/**
 * Merges two records of the same person: everything attached to `mergeId` (cases, assessments,
 * interventions, pacts, commitments, notes, documents, skills, work experiences, signed privacy notices,
 * records merged into it) moves to `keepId`, keep's empty fields are filled from merge's and the languages joined, and the
 * merged record stays, pointing at the kept one. What moved is recorded (person_merges) so that the
 * merge can be undone within 30 days (people.unmerge).
 */
export async function mergePeople(ctx: ServiceContext, { keepId, mergeId }: { keepId: number; mergeId: number }): Promise<{ personId: number }> {
  if (keepId === mergeId) throw new AppError('VALIDATION', 'Scegliere due persone diverse', { mergeId: 'Scegliere due persone diverse' });
  return write(ctx, async (trx) => {
    const keep = await loadForMerge(trx, keepId);
    const merge = await loadForMerge(trx, mergeId);
    const open = await trx.selectFrom('cases').select('person_id').where('person_id', 'in', [keepId, mergeId]).where('closed_on', 'is', null).execute();
    if (open.length > 1) throw new AppError('CONFLICT', 'Entrambe le schede hanno un caso aperto: chiudere prima uno dei due casi');

    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    const moved = {} as MergeSnapshot['moved'];
    for (const table of PERSON_TABLES) {
      moved[table] = ids(await trx.selectFrom(table).select('id').where('person_id', '=', mergeId).orderBy('id').execute());
      if (moved[table].length > 0) await trx.updateTable(table).set({ person_id: keepId }).where('id', 'in', moved[table]).execute();
    }
    moved.attachments = ids(await trx.selectFrom('attachments').select('id').where('owner_type', '=', 'person').where('owner_id', '=', mergeId).orderBy('id').execute());
    if (moved.attachments.length > 0) await trx.updateTable('attachments').set({ owner_id: keepId }).where('id', 'in', moved.attachments).execute();
    // records merged earlier into the merged one now point at the kept one: no chains
    moved.merged_records = ids(await trx.selectFrom('people').select('id').where('merged_into_id', '=', mergeId).orderBy('id').execute());
    if (moved.merged_records.length > 0) await trx.updateTable('people').set({ merged_into_id: keepId }).where('id', 'in', moved.merged_records).execute();

    const skillsOf = async (id: number) => (await trx.selectFrom('person_skills').select('skill').where('person_id', '=', id).orderBy('skill').execute()).map((r) => r.skill);
    const mergeSkills = await skillsOf(mergeId);
    const keepSkills = new Set(await skillsOf(keepId));
    const addedSkills = mergeSkills.filter((s) => !keepSkills.has(s));
    if (addedSkills.length > 0) await trx.insertInto('person_skills').values(addedSkills.map((skill) => ({ person_id: keepId, skill }))).execute();
    await trx.deleteFrom('person_skills').where('person_id', '=', mergeId).execute();

    const changed: Updateable<PersonTable> = {};
    for (const field of FILLABLE) if (keep[field] === null && merge[field] !== null) Object.assign(changed, { [field]: merge[field] });
    const languages = unionLanguages(keep.languages, merge.languages);
    if (languages !== keep.languages) changed.languages = languages;
    if (keep.tax_code === null && merge.tax_code !== null) {
      // the codice fiscale is unique: free it on the merged record first
      await trx
        .updateTable('people')
        .set({ tax_code: null, tax_code_key: null, tax_code_missing_reason: `Codice fiscale spostato sulla scheda n. ${keepId}` })
        .where('id', '=', mergeId)
        .execute();
      Object.assign(changed, { tax_code: merge.tax_code, tax_code_key: merge.tax_code_key, tax_code_missing_reason: null });
    }
    // a signed notice, now on the kept record, answers why it was missing
    if (keep.privacy_missing_reason !== null && moved.privacy_acknowledgements.length > 0) changed.privacy_missing_reason = null;
    const now = ctx.clock.nowIso();
    await trx
      .updateTable('people')
      .set({ ...changed, updated_at: now, version: nextVersion })
      .where('id', '=', keepId)
      .execute();
    await trx.updateTable('people').set({ merged_into_id: keepId, updated_at: now, version: nextVersion }).where('id', '=', mergeId).execute();

    const snapshot: MergeSnapshot = { keep, merge, moved, mergeSkills, addedSkills, changed: changed as Partial<PersonRow> };
    await trx
      .insertInto('person_merges')
      .values({ kept_id: keepId, merged_id: mergeId, merged_at: now, merged_by: ctx.caller.userId, snapshot_json: JSON.stringify(snapshot) })
      .execute();

    const counts = Object.fromEntries(Object.entries(moved).map(([table, list]) => [table, list.length]));
    return {
      result: { personId: keepId },
      audit: {
        action: 'unisci',
        entity: 'persona',
        entityId: keepId,
        before: { keepId, mergeId },
        after: { keepId, mergeId, moved: { ...counts, person_skills: addedSkills.length }, filledFields: Object.keys(changed).filter((f) => f !== 'tax_code_key' && f !== 'tax_code_missing_reason') },
      },
    };
  });
}
