import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { DuplicatePairsPage } from '../../contract/people';
import { taxCodeKey } from '../../domain/codiceFiscale';
import { italianDate } from '../../domain/dates';
import { write, type ServiceContext } from '../context';
import { duplicateCandidates } from './duplicates';
import { DUPLICATE_REASONS, duplicateReasons, keyed, normalizePhone, reasonLabels, type DuplicateReason, type Keyed } from './duplicateRules';

/**
 * The network's «Possibili doppioni» (duplicate_pairs, migration 018): pairs of records that may be one
 * person, found at registration (the doubts an operator set aside) and by a search over every record;
 * coordinators merge them or dismiss them («non è un doppione»), which is remembered: a later search
 * never brings a dismissed pair back.
 */

/** Records the pairs (`personId`, each other) with their reasons; a dismissed pair stays dismissed. */
export async function recordPairs(trx: Transaction<DB>, personId: number, pairs: { otherId: number; reasons: DuplicateReason[] }[], now: string): Promise<void> {
  await upsertPairs(
    trx,
    pairs.map((p) => ({ a: personId, b: p.otherId, reasons: p.reasons })),
    now,
  );
}

async function upsertPairs(trx: Transaction<DB>, pairs: { a: number; b: number; reasons: DuplicateReason[] }[], now: string): Promise<void> {
  const rows = pairs
    .filter((p) => p.a !== p.b && p.reasons.length > 0)
    .map((p) => ({ person_id: Math.min(p.a, p.b), other_id: Math.max(p.a, p.b), reasons: p.reasons.join(','), found_at: now }));
  for (let start = 0; start < rows.length; start += 500) {
    await trx
      .insertInto('duplicate_pairs')
      .values(rows.slice(start, start + 500))
      .onConflict((oc) =>
        oc
          .columns(['person_id', 'other_id'])
          .doUpdateSet({ reasons: (eb) => eb.ref('excluded.reasons') })
          .where('duplicate_pairs.dismissed_at', 'is', null),
      )
      .execute();
  }
}

interface ScanRow extends Keyed {
  id: number;
}

/** Blocks larger than this are not a doubt about one person (an office's phone given by many): skipped. */
const MAX_BLOCK = 50;

/**
 * Every pair of live records that duplicateRules.ts flags, without comparing every record with every
 * other: records are compared only within blocks that share a key the rules need — the codice fiscale
 * without omocodia, the birth date (similar names), the name (birth dates a day apart or swapped), the
 * phone, the email. Linear in the records, plus the pairs within each block.
 */
export function pairsInNetwork(people: ScanRow[]): Map<string, { a: number; b: number; reasons: DuplicateReason[] }> {
  const blocks = new Map<string, ScanRow[]>();
  const add = (key: string, row: ScanRow) => {
    const block = blocks.get(key);
    if (block) block.push(row);
    else blocks.set(key, [row]);
  };
  for (const p of people) {
    if (p.taxCodeKey) add(`cf:${p.taxCodeKey}`, p);
    if (p.birthDate) add(`nato:${p.birthDate}`, p);
    const [first, second] = [p.lastKey + p.firstKey, p.firstKey + p.lastKey].sort();
    if (first) add(`nome:${first}|${second}`, p);
    if (p.phone) add(`tel:${normalizePhone(p.phone)}`, p);
    if (p.email) add(`email:${p.email.toLowerCase()}`, p);
  }
  const pairs = new Map<string, { a: number; b: number; reasons: DuplicateReason[] }>();
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > MAX_BLOCK) continue;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const [x, y] = [block[i]!, block[j]!].sort((p, q) => p.id - q.id) as [ScanRow, ScanRow];
        const key = `${x.id}-${y.id}`;
        if (pairs.has(key)) continue;
        const reasons = duplicateReasons(x, y);
        if (reasons.length > 0) pairs.set(key, { a: x.id, b: y.id, reasons });
      }
    }
  }
  return pairs;
}

/** Searches the whole network for possible doubles and records the new ones; returns how many pairs hold and how many are new. */
export async function scanNetwork(ctx: ServiceContext): Promise<{ pairs: number; added: number }> {
  const rows = await ctx.store.db
    .selectFrom('people')
    .select(['id', 'last_name', 'first_name', 'birth_date', 'tax_code', 'phone', 'email'])
    .where('merged_into_id', 'is', null)
    .where('anonymised_at', 'is', null)
    .execute();
  const people = rows.map((r) => ({
    id: r.id,
    ...keyed({
    lastName: r.last_name,
    firstName: r.first_name,
    birthDate: r.birth_date,
    // from the code itself: records left without people.tax_code_key by migration 018 are found too
    taxCodeKey: r.tax_code ? taxCodeKey(r.tax_code) : null,
    phone: r.phone,
    email: r.email,
    }),
  }));
  const found = [...pairsInNetwork(people).values()];
  return write(ctx, async (trx) => {
    const before = await countPairs(trx);
    await upsertPairs(trx, found, ctx.clock.nowIso());
    const added = (await countPairs(trx)) - before;
    return { result: { pairs: found.length, added }, audit: { action: 'cerca', entity: 'ricerca_doppioni', after: { people: people.length, pairs: found.length, added } } };
  });
}

async function countPairs(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('duplicate_pairs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The pairs still to decide: not dismissed, both records live (not merged into another, not anonymised). */
function openPairs(db: Kysely<DB>) {
  return db
    .selectFrom('duplicate_pairs as d')
    .innerJoin('people as a', 'a.id', 'd.person_id')
    .innerJoin('people as b', 'b.id', 'd.other_id')
    .where('d.dismissed_at', 'is', null)
    .where('a.merged_into_id', 'is', null)
    .where('b.merged_into_id', 'is', null)
    .where('a.anonymised_at', 'is', null)
    .where('b.anonymised_at', 'is', null);
}

/** One page of the pairs still to decide, newest first, with both records and who holds their cases. */
export async function listPairs(ctx: ServiceContext, { page, pageSize }: { page: number; pageSize: number }): Promise<DuplicatePairsPage> {
  const db = ctx.store.db;
  const [rows, total, lastSearch] = await Promise.all([
    openPairs(db)
      .select(['d.id', 'd.person_id', 'd.other_id', 'd.reasons', 'd.found_at'])
      .orderBy('d.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    openPairs(db)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('audit_log as l')
      .leftJoin('users as u', 'u.id', 'l.user_id')
      .select(['l.at', 'l.username', 'u.full_name'])
      .where('l.entity', '=', 'ricerca_doppioni')
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const people = await duplicateCandidates(ctx, rows.flatMap((r) => [r.person_id, r.other_id]));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      reasons: reasonLabels(r.reasons.split(',').filter((c): c is DuplicateReason => c in DUPLICATE_REASONS)),
      foundAt: r.found_at,
      first: people.get(r.person_id)!,
      second: people.get(r.other_id)!,
    })),
    total: Number(total.n),
    lastSearch: lastSearch ? { at: lastSearch.at, by: lastSearch.full_name ?? lastSearch.username ?? 'sistema' } : null,
  };
}

/** «Non è un doppione»: the pair leaves the list for good (a later search does not bring it back). */
export async function dismissPair(ctx: ServiceContext, { id, note }: { id: number; note: string | null }): Promise<{ ok: true }> {
  return write(ctx, async (trx) => {
    const pair = await trx
      .selectFrom('duplicate_pairs as d')
      .leftJoin('users as u', 'u.id', 'd.dismissed_by')
      .select(['d.person_id', 'd.other_id', 'd.reasons', 'd.dismissed_at', 'u.full_name'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!pair) throw new AppError('NOT_FOUND', 'Coppia di possibili doppioni non trovata');
    if (pair.dismissed_at !== null) {
      throw new AppError('CONFLICT', `Coppia già segnata come «non è un doppione»${pair.full_name ? ` da ${pair.full_name}` : ''} il ${italianDate(pair.dismissed_at.slice(0, 10))}`);
    }
    await trx.updateTable('duplicate_pairs').set({ dismissed_at: ctx.clock.nowIso(), dismissed_by: ctx.caller.userId, dismissed_note: note }).where('id', '=', id).execute();
    return {
      result: { ok: true as const },
      audit: { action: 'non_doppione', entity: 'doppione', entityId: id, after: { personId: pair.person_id, otherId: pair.other_id, reasons: pair.reasons.split(','), note } },
    };
  });
}
