import { AppError } from '../../contract/errors';
import type { NoteView } from '../../contract/people';
import { auditRead, write, type ServiceContext } from '../context';

/** Adds a note to a person's record, optionally about one of their cases. The text is sensitive: it is not copied into the audit log. */
export async function addNote(ctx: ServiceContext, { caseId = null, ...rest }: { personId: number; caseId?: number | null; body: string }): Promise<{ id: number }> {
  const input = { ...rest, caseId };
  const db = ctx.store.db;
  const person = await db.selectFrom('people').select(['merged_into_id', 'anonymised_at']).where('id', '=', input.personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (person.merged_into_id !== null) throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${person.merged_into_id}: aggiungere la nota a quella`);
  if (person.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è stata anonimizzata: non si aggiungono note');
  if (input.caseId !== null) {
    const found = await db.selectFrom('cases').select('id').where('id', '=', input.caseId).where('person_id', '=', input.personId).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', 'Il caso indicato non appartiene a questa persona', { caseId: 'Il caso indicato non appartiene a questa persona' });
  }
  return write(ctx, async (trx) => {
    const { id } = await trx
      .insertInto('notes')
      .values({ person_id: input.personId, case_id: input.caseId, body: input.body, created_at: ctx.clock.nowIso(), user_id: ctx.caller.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { result: { id }, audit: { action: 'crea', entity: 'nota', entityId: id, after: { personId: input.personId, caseId: input.caseId, length: input.body.length } } };
  });
}

/** A person's notes, newest first. Reading them is audited (the person page shows them only in the «Note» tab). */
export async function listNotes(ctx: ServiceContext, { personId }: { personId: number }): Promise<NoteView[]> {
  const db = ctx.store.db;
  const person = await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  const rows = await db
    .selectFrom('notes as n')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.case_id', 'n.body', 'n.created_at', 'u.full_name'])
    .where('n.person_id', '=', personId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  if (rows.length > 0) await auditRead(ctx, { entity: 'persona', entityId: personId, after: { notes: rows.length } });
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, body: r.body, createdAt: r.created_at, by: r.full_name }));
}
