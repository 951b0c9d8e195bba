import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { BoardInfo, BoardPeriod } from '../../contract/companies';
import { italianDate } from '../../domain/dates';
import { write, type ServiceContext } from '../context';
import { requireCompany } from './companies';

/**
 * Board di imprese membership: periods (since, until inclusive). A company is «Board» when a period
 * is open today (since ≤ today and no until, or until ≥ today), otherwise «Collaboratrice».
 */

export function isOpenOn(period: { since: string; until: string | null }, day: string): boolean {
  return period.since <= day && (period.until === null || period.until >= day);
}

export function boardInfoOf(periods: { id: number; since: string; until: string | null }[], today: string): BoardInfo {
  const sorted = [...periods].sort((a, b) => b.since.localeCompare(a.since) || b.id - a.id);
  const views: BoardPeriod[] = sorted.map((p) => ({ id: p.id, since: p.since, until: p.until, current: isOpenOn(p, today) }));
  const open = views.find((p) => p.current);
  return { status: open ? 'board' : 'collaboratrice', since: open?.since ?? null, periods: views };
}

/** A company's Board periods, and whether one is open `today`. */
export async function boardInfo(db: Kysely<DB> | Transaction<DB>, companyId: number, today: string): Promise<BoardInfo> {
  const periods = await db.selectFrom('board_memberships').select(['id', 'since', 'until']).where('company_id', '=', companyId).execute();
  return boardInfoOf(periods, today);
}

function describe(p: { since: string; until: string | null }): string {
  return p.until ? `dal ${italianDate(p.since)} al ${italianDate(p.until)}` : `dal ${italianDate(p.since)}, ancora in corso`;
}

/** Refuses a period starting in the future or overlapping another of the same company. */
async function checkPeriod(trx: Transaction<DB>, today: string, companyId: number, period: { since: string; until: string | null }, excludeId: number | null): Promise<void> {
  if (period.since > today) throw new AppError('VALIDATION', 'La data di ingresso nel Board non può essere nel futuro', { since: 'La data non può essere nel futuro' });
  let query = trx
    .selectFrom('board_memberships')
    .select(['id', 'since', 'until'])
    .where('company_id', '=', companyId)
    .where('since', '<=', period.until ?? '9999-12-31')
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', period.since)]));
  if (excludeId !== null) query = query.where('id', '!=', excludeId);
  const overlapping = await query.orderBy('since').executeTakeFirst();
  if (overlapping) {
    const message = `Il periodo si sovrappone a quello già registrato ${describe(overlapping)}`;
    throw new AppError('CONFLICT', message, { since: message });
  }
}

async function requirePeriod(db: Kysely<DB> | Transaction<DB>, id: number) {
  const row = await db.selectFrom('board_memberships').select(['id', 'company_id', 'since', 'until']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Periodo di appartenenza al Board non trovato');
  return row;
}

export async function addBoardPeriod(ctx: ServiceContext, input: { companyId: number; since: string; until: string | null }): Promise<BoardInfo> {
  return write(ctx, async (trx) => {
    await requireCompany(trx, input.companyId);
    await checkPeriod(trx, ctx.clock.today(), input.companyId, input, null);
    const { id } = await trx
      .insertInto('board_memberships')
      .values({ company_id: input.companyId, since: input.since, until: input.until })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { result: await boardInfo(trx, input.companyId, ctx.clock.today()), audit: { action: 'crea', entity: 'periodo_board', entityId: id, after: input } };
  });
}

export async function updateBoardPeriod(ctx: ServiceContext, input: { id: number; since: string; until: string | null }): Promise<BoardInfo> {
  return write(ctx, async (trx) => {
    const before = await requirePeriod(trx, input.id);
    await checkPeriod(trx, ctx.clock.today(), before.company_id, input, input.id);
    await trx.updateTable('board_memberships').set({ since: input.since, until: input.until }).where('id', '=', input.id).execute();
    return {
      result: await boardInfo(trx, before.company_id, ctx.clock.today()),
      audit: {
        action: 'modifica',
        entity: 'periodo_board',
        entityId: input.id,
        before: { companyId: before.company_id, since: before.since, until: before.until },
        after: { companyId: before.company_id, since: input.since, until: input.until },
      },
    };
  });
}

export async function removeBoardPeriod(ctx: ServiceContext, { id }: { id: number }): Promise<BoardInfo> {
  return write(ctx, async (trx) => {
    const before = await requirePeriod(trx, id);
    await trx.deleteFrom('board_memberships').where('id', '=', id).execute();
    return {
      result: await boardInfo(trx, before.company_id, ctx.clock.today()),
      audit: { action: 'elimina', entity: 'periodo_board', entityId: id, before: { companyId: before.company_id, since: before.since, until: before.until } },
    };
  });
}
