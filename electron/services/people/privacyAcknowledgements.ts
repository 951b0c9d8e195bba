import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { PrivacyAcknowledgement } from '../../contract/people';
import { italianDate } from '../../domain/dates';
import type { NoticeVersion } from '../../domain/privacyNotices';
import { write, type ServiceContext } from '../context';
import { noticeForSignature } from '../system/privacyNotices';

/**
 * Which version of the privacy notice each person signed, and when (DOMAIN.md §11): at registration
 * (people.create / people.register) or later from the person's page. Every signature is kept.
 */

/** The audit action of a signature recorded after the registration. */
export const ACKNOWLEDGE_ACTION = 'informativa';

function acknowledgementQuery(db: Kysely<DB>) {
  return db
    .selectFrom('privacy_acknowledgements as a')
    .innerJoin('privacy_notices as n', 'n.id', 'a.notice_id')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .select(['a.id', 'a.notice_id', 'n.version', 'a.acknowledged_on', 'u.full_name as recorded_by_name', 'a.created_at']);
}

/** A person's signatures, newest first. */
export async function personAcknowledgements(db: Kysely<DB>, personId: number): Promise<PrivacyAcknowledgement[]> {
  const rows = await acknowledgementQuery(db).where('a.person_id', '=', personId).orderBy('a.acknowledged_on', 'desc').orderBy('a.id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, noticeId: r.notice_id, version: r.version, acknowledgedOn: r.acknowledged_on, recordedBy: r.recorded_by_name, recordedAt: r.created_at }));
}

/** Writes a signature inside the caller's transaction and empties the reason the notice was missing; returns its id. */
export async function insertAcknowledgement(trx: Transaction<DB>, ctx: ServiceContext, personId: number, notice: NoticeVersion, day: string): Promise<number> {
  const { id } = await trx
    .insertInto('privacy_acknowledgements')
    .values({ person_id: personId, notice_id: notice.id, acknowledged_on: day, recorded_by: ctx.caller.userId, created_at: ctx.clock.nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('people').set({ privacy_missing_reason: null }).where('id', '=', personId).where('privacy_missing_reason', 'is not', null).execute();
  return id;
}

/** Records that a person signed a version of the notice on a day (the one in force that day unless another is named). */
export async function acknowledgeNotice(ctx: ServiceContext, input: { personId: number; acknowledgedOn: string; noticeId: number | null }): Promise<PrivacyAcknowledgement> {
  const db = ctx.store.db;
  const person = await db.selectFrom('people').select(['merged_into_id', 'anonymised_at', 'privacy_missing_reason']).where('id', '=', input.personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (person.merged_into_id !== null) throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${person.merged_into_id}: registrare l’informativa su quella`);
  if (person.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è stata anonimizzata: non si registrano firme');
  const notice = await noticeForSignature(ctx, { day: input.acknowledgedOn, noticeId: input.noticeId }, { day: 'acknowledgedOn', notice: 'noticeId' });
  const already = (await personAcknowledgements(db, input.personId)).find((a) => a.noticeId === notice.id);
  if (already) {
    throw new AppError('CONFLICT', `La persona ha già firmato la versione «${notice.version}» dell’informativa il ${italianDate(already.acknowledgedOn)}`);
  }
  const id = await write(ctx, async (trx) => {
    const ackId = await insertAcknowledgement(trx, ctx, input.personId, notice, input.acknowledgedOn);
    return {
      result: ackId,
      audit: {
        action: ACKNOWLEDGE_ACTION,
        entity: 'persona',
        entityId: input.personId,
        ...(person.privacy_missing_reason !== null && { before: { privacyMissingReason: person.privacy_missing_reason } }),
        after: { privacyVersion: notice.version, noticeId: notice.id, acknowledgedOn: input.acknowledgedOn },
      },
    };
  });
  return (await personAcknowledgements(db, input.personId)).find((a) => a.id === id)!;
}
