import type { Transaction, Updateable, UpdateResult } from 'kysely';
import type { DB, PersonTable } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import { write, type ServiceContext } from '../context';
import { nextVersion } from '../versions';

/** Fields of the kept record filled from the merged one when empty (the codice fiscale is handled apart: it is unique). */
const FILLABLE = [
  'birth_date', 'birth_place_code', 'birth_place_text', 'citizenship', 'nationality_group', 'phone', 'email', 'education_isced',
  'languages', 'driving_licence', 'cv_attachment_id',
] as const satisfies readonly (keyof PersonTable)[];

async function loadForMerge(trx: Transaction<DB>, id: number) {
  const row = await trx
    .selectFrom('people')
    .select(['id', 'tax_code', 'merged_into_id', 'anonymised_at', ...FILLABLE])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `Scheda n. ${id} non trovata`);
  if (row.merged_into_id !== null) throw new AppError('CONFLICT', `La scheda n. ${id} è già stata unita alla scheda n. ${row.merged_into_id}`);
  if (row.anonymised_at !== null) throw new AppError('CONFLICT', `La scheda n. ${id} è stata anonimizzata: non si unisce ad altre`);
  return row;
}

/**
 * Merges two records of the same person: everything attached to `mergeId` (cases, assessments,
 * interventions, pacts, commitments, notes, documents, skills, work experiences, signed privacy notices)
 * moves to `keepId`, keep's empty fields are filled from merge's, and the merged record stays, pointing at the kept one.
 */
export async function mergePeople(ctx: ServiceContext, { keepId, mergeId }: { keepId: number; mergeId: number }): Promise<{ personId: number }> {
  if (keepId === mergeId) throw new AppError('VALIDATION', 'Scegliere due persone diverse', { mergeId: 'Scegliere due persone diverse' });
  return write(ctx, async (trx) => {
    const keep = await loadForMerge(trx, keepId);
    const merge = await loadForMerge(trx, mergeId);
    const open = await trx.selectFrom('cases').select('person_id').where('person_id', 'in', [keepId, mergeId]).where('closed_on', 'is', null).execute();
    if (open.length > 1) throw new AppError('CONFLICT', 'Entrambe le schede hanno un caso aperto: chiudere prima uno dei due casi');

    const moved: Record<string, number> = {};
    const count = (result: UpdateResult) => Number(result.numUpdatedRows);
    for (const table of ['cases', 'assessments', 'interventions', 'pacts', 'notes', 'work_experiences', 'privacy_acknowledgements'] as const) {
      moved[table] = count(await trx.updateTable(table).set({ person_id: keepId }).where('person_id', '=', mergeId).executeTakeFirstOrThrow());
    }
    moved.commitments = count(await trx.updateTable('commitments').set({ person_id: keepId }).where('person_id', '=', mergeId).executeTakeFirstOrThrow());
    moved.attachments = count(
      await trx.updateTable('attachments').set({ owner_id: keepId }).where('owner_type', '=', 'person').where('owner_id', '=', mergeId).executeTakeFirstOrThrow(),
    );
    const [skills] = await trx
      .insertInto('person_skills')
      .columns(['person_id', 'skill'])
      .expression((eb) => eb.selectFrom('person_skills').select([eb.val(keepId).as('person_id'), 'skill']).where('person_id', '=', mergeId))
      .onConflict((oc) => oc.doNothing())
      .execute();
    moved.person_skills = Number(skills?.numInsertedOrUpdatedRows ?? 0n);
    await trx.deleteFrom('person_skills').where('person_id', '=', mergeId).execute();
    // records merged earlier into the merged one now point at the kept one: no chains
    moved.merged_records = count(await trx.updateTable('people').set({ merged_into_id: keepId }).where('merged_into_id', '=', mergeId).executeTakeFirstOrThrow());

    const filled: Updateable<PersonTable> = {};
    for (const field of FILLABLE) if (keep[field] === null && merge[field] !== null) Object.assign(filled, { [field]: merge[field] });
    const now = ctx.clock.nowIso();
    if (keep.tax_code === null && merge.tax_code !== null) {
      // the codice fiscale is unique: free it on the merged record first
      await trx
        .updateTable('people')
        .set({ tax_code: null, tax_code_missing_reason: `Codice fiscale spostato sulla scheda n. ${keepId}` })
        .where('id', '=', mergeId)
        .execute();
      filled.tax_code = merge.tax_code;
    }
    // a signed notice, now on the kept record, answers why it was missing
    const signed = await trx.selectFrom('privacy_acknowledgements').select('id').where('person_id', '=', keepId).executeTakeFirst();
    await trx
      .updateTable('people')
      .set({ ...filled, ...(filled.tax_code !== undefined && { tax_code_missing_reason: null }), ...(signed && { privacy_missing_reason: null }), updated_at: now, version: nextVersion })
      .where('id', '=', keepId)
      .execute();
    await trx.updateTable('people').set({ merged_into_id: keepId, updated_at: now, version: nextVersion }).where('id', '=', mergeId).execute();

    return {
      result: { personId: keepId },
      audit: { action: 'unisci', entity: 'persona', entityId: keepId, before: { keepId, mergeId }, after: { keepId, mergeId, moved, filledFields: Object.keys(filled) } },
    };
  });
}
