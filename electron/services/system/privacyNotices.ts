import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError, fail } from '../../contract/errors';
import type { PrivacyNotice } from '../../contract/system';
import { italianDate } from '../../domain/dates';
import { noticeInForce, type NoticeVersion } from '../../domain/privacyNotices';
import { write, type ServiceContext } from '../context';

/**
 * The versions of the privacy notice (Impostazioni → Informativa privacy, migration 012). A version
 * is never edited nor removed — people signed its text — so a change is a new version, taking effect
 * after the latest one.
 */

/** Every version, oldest first: a handful of rows, read whole. */
export async function noticeVersions(db: Kysely<DB>): Promise<NoticeVersion[]> {
  const rows = await db.selectFrom('privacy_notices').select(['id', 'version', 'valid_from']).orderBy('valid_from').execute();
  return rows.map((r) => ({ id: r.id, version: r.version, validFrom: r.valid_from }));
}

function statusOf(notice: NoticeVersion, current: NoticeVersion | null): PrivacyNotice['status'] {
  if (notice.id === current?.id) return 'in_vigore';
  return current === null || notice.validFrom > current.validFrom ? 'futura' : 'sostituita';
}

async function noticeViews(ctx: ServiceContext, db: Kysely<DB>, id?: number): Promise<PrivacyNotice[]> {
  let query = db
    .selectFrom('privacy_notices as n')
    .leftJoin('users as u', 'u.id', 'n.created_by')
    .select((eb) => [
      'n.id',
      'n.version',
      'n.text',
      'n.valid_from',
      'n.created_at',
      'u.full_name as created_by_name',
      eb.selectFrom('privacy_acknowledgements as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.notice_id', '=', 'n.id').as('acknowledgements'),
    ])
    .orderBy('n.valid_from', 'desc');
  if (id !== undefined) query = query.where('n.id', '=', id);
  const rows = await query.execute();
  const current = noticeInForce(await noticeVersions(db), ctx.clock.today());
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    text: r.text,
    validFrom: r.valid_from,
    status: statusOf({ id: r.id, version: r.version, validFrom: r.valid_from }, current),
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    acknowledgements: Number(r.acknowledgements ?? 0),
  }));
}

/** The versions, newest first, with their status today and how many signatures each has. */
export function listNotices(ctx: ServiceContext): Promise<PrivacyNotice[]> {
  return noticeViews(ctx, ctx.store.db);
}

/** Adds a version, in force from a day after the latest version's; its label must be new. */
export async function createNotice(ctx: ServiceContext, input: { version: string; validFrom: string; text: string }): Promise<PrivacyNotice> {
  const versions = await noticeVersions(ctx.store.db);
  const latest = versions.at(-1);
  if (latest && input.validFrom <= latest.validFrom) {
    fail({ validFrom: `La nuova versione deve entrare in vigore dopo l’ultima («${latest.version}», in vigore dal ${italianDate(latest.validFrom)})` });
  }
  if (versions.some((v) => v.version.toLowerCase() === input.version.toLowerCase())) {
    throw new AppError('CONFLICT', `Esiste già una versione «${input.version}» dell’informativa`, { version: 'Versione già presente: scegliere un altro nome' });
  }
  const id = await write(ctx, async (trx) => {
    const row = await trx
      .insertInto('privacy_notices')
      .values({ version: input.version, text: input.text, valid_from: input.validFrom, created_at: ctx.clock.nowIso(), created_by: ctx.caller.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { result: row.id, audit: { action: 'crea', entity: 'informativa', entityId: row.id, after: input } };
  });
  return (await noticeViews(ctx, ctx.store.db, id))[0]!;
}

/**
 * The notice a signature on `day` is for: `noticeId` when given (it must have taken effect by then),
 * else the one in force that day; a day after today is refused. Refusals name the form's fields.
 */
export async function noticeForSignature(
  ctx: ServiceContext,
  { day, noticeId }: { day: string; noticeId: number | null },
  fields: { day: string; notice: string },
): Promise<NoticeVersion> {
  if (day > ctx.clock.today()) fail({ [fields.day]: 'La data della firma non può essere nel futuro' });
  const versions = await noticeVersions(ctx.store.db);
  if (noticeId === null) {
    const current = noticeInForce(versions, day);
    if (!current) {
      const first = versions[0];
      fail({ [fields.day]: first ? `Il ${italianDate(day)} non era in vigore nessuna informativa (la prima vale dal ${italianDate(first.validFrom)})` : 'Nessuna informativa registrata: un amministratore la inserisca in Impostazioni' });
    }
    return current;
  }
  const named = versions.find((v) => v.id === noticeId);
  if (!named) fail({ [fields.notice]: 'Versione dell’informativa non trovata' });
  if (named.validFrom > day) fail({ [fields.day]: `La versione «${named.version}» vale dal ${italianDate(named.validFrom)}: non può essere stata firmata prima` });
  return named;
}
