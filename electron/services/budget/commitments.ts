import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema';
import type {
  CommitmentAdjustmentRow,
  CommitmentDetail,
  CommitmentRow,
  CommitmentsPage,
  InterventionSuggestion,
  PaymentRow,
  commitmentAdjustInput,
  commitmentInput,
} from '../../contract/budget';
import { AppError } from '../../contract/errors';
import { formatEuro } from '../../domain/money';
import { write, type AuditEntry, type ServiceContext } from '../context';
import { appendLedgerRow } from './ledgerRow';
import { allocationLabel, loadAllocation, loadAllocations, lockTotals, moneyTotals, personName, sumCents, type AllocationInfo, type Db } from './common';

type CommitmentValues = z.output<typeof commitmentInput>;
type AdjustValues = z.output<typeof commitmentAdjustInput>;

// ---- reading --------------------------------------------------------------------------------------

interface CommitmentDbRow {
  id: number;
  allocation_id: number;
  amount_cents: number;
  net_cents: number;
  paid_cents: number;
  committed_on: string;
  act_number: string | null;
  description: string;
  intervention_id: number | null;
  instrument_code: string | null;
  person_id: number | null;
  last_name: string | null;
  first_name: string | null;
  company_id: number | null;
  company_name: string | null;
  override_reason: string | null;
  cancelled: number;
  created_at: string;
  created_by: string | null;
}

const COMMITMENT_SELECT = sql`
  SELECT c.id, c.allocation_id, c.amount_cents, t.net_cents, t.paid_cents, c.committed_on, c.act_number, c.description,
    c.intervention_id, t.instrument_code, c.person_id, p.last_name, p.first_name, c.company_id, co.name AS company_name,
    c.override_reason, EXISTS (SELECT 1 FROM commitments x WHERE x.adjusts_id = c.id AND x.kind = 'annullamento') AS cancelled,
    c.created_at, u.full_name AS created_by
  FROM commitments c
  JOIN commitment_totals t ON t.commitment_id = c.id
  LEFT JOIN people p ON p.id = c.person_id
  LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN users u ON u.id = c.created_by`;

function toCommitmentRow(r: CommitmentDbRow, a: AllocationInfo): CommitmentRow {
  return {
    id: r.id,
    allocationId: r.allocation_id,
    fundId: a.fundId,
    fundCode: a.fundCode,
    fundName: a.fundName,
    year: a.year,
    lineCode: a.lineCode,
    lineName: a.lineName,
    amountCents: r.amount_cents,
    netCents: r.net_cents,
    paidCents: r.paid_cents,
    leftCents: sumCents(r.net_cents, -r.paid_cents),
    committedOn: r.committed_on,
    actNumber: r.act_number,
    description: r.description,
    interventionId: r.intervention_id,
    instrumentCode: r.instrument_code,
    personId: r.person_id,
    personName: personName(r.last_name, r.first_name),
    companyId: r.company_id,
    companyName: r.company_name,
    overrideReason: r.override_reason,
    cancelled: r.cancelled === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Commitments (impegni) by id, in the order given. */
export async function commitmentRows(db: Db, ids: readonly number[]): Promise<CommitmentRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<CommitmentDbRow>`${COMMITMENT_SELECT} WHERE c.id IN (${sql.join(ids)})`.execute(db);
  const allocations = new Map((await loadAllocations(db)).map((a) => [a.id, a]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    const a = r ? allocations.get(r.allocation_id) : undefined;
    return r && a ? [toCommitmentRow(r, a)] : [];
  });
}

/** One commitment with its adjustments and payments; `db` is the caller's transaction when inside one. */
export async function commitmentDetail(ctx: ServiceContext, { id }: { id: number }, db: Db = ctx.store.db): Promise<CommitmentDetail> {
  const root = await db.selectFrom('commitments').select(['kind', 'adjusts_id']).where('id', '=', id).executeTakeFirst();
  if (!root) throw new AppError('NOT_FOUND', `Impegno n. ${id} non trovato`);
  if (root.kind !== 'impegno') throw new AppError('NOT_FOUND', `Il movimento n. ${id} è una rettifica dell’impegno n. ${root.adjusts_id ?? '?'}`);
  const [commitment] = await commitmentRows(db, [id]);
  if (!commitment) throw new AppError('NOT_FOUND', `Impegno n. ${id} non trovato`);
  const adjustments = await db
    .selectFrom('commitments as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select(['c.id', 'c.kind', 'c.amount_cents', 'c.committed_on', 'c.act_number', 'c.description', 'c.override_reason', 'c.created_at', 'u.full_name'])
    .where('c.adjusts_id', '=', id)
    .orderBy('c.committed_on')
    .orderBy('c.id')
    .execute();
  const payments = await db
    .selectFrom('payments as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.kind', 'p.adjusts_id', 'p.amount_cents', 'p.paid_on', 'p.payee', 'p.document_number', 'p.description', 'p.override_reason', 'p.created_at', 'u.full_name'])
    .where('p.commitment_id', '=', id)
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .execute();
  const netOf = new Map<number, number>();
  for (const p of payments) {
    const key = p.adjusts_id ?? p.id;
    netOf.set(key, sumCents(netOf.get(key) ?? 0, p.amount_cents));
  }
  const allocation = await loadAllocation(db, commitment.allocationId);
  return {
    commitment,
    adjustments: adjustments.map(
      (a): CommitmentAdjustmentRow => ({
        id: a.id,
        kind: a.kind as CommitmentAdjustmentRow['kind'],
        amountCents: a.amount_cents,
        committedOn: a.committed_on,
        actNumber: a.act_number,
        description: a.description,
        overrideReason: a.override_reason,
        createdAt: a.created_at,
        createdBy: a.full_name,
      }),
    ),
    payments: payments.map(
      (p): PaymentRow => ({
        id: p.id,
        commitmentId: id,
        kind: p.kind,
        adjustsId: p.adjusts_id,
        amountCents: p.amount_cents,
        netCents: p.kind === 'liquidazione' ? (netOf.get(p.id) ?? p.amount_cents) : p.amount_cents,
        paidOn: p.paid_on,
        payee: p.payee,
        documentNumber: p.document_number,
        description: p.description,
        overrideReason: p.override_reason,
        createdAt: p.created_at,
        createdBy: p.full_name,
      }),
    ),
    allocation: { id: commitment.allocationId, ...moneyTotals(allocation?.amountCents ?? 0, allocation?.committedCents ?? 0, allocation?.paidCents ?? 0) },
  };
}

export interface CommitmentListQuery {
  fundId: number | null;
  year: number | null;
  lineCode: string | null;
  allocationId: number | null;
  personId: number | null;
  companyId: number | null;
  interventionId: number | null;
  search: string;
  openOnly: boolean;
  page: number;
  pageSize: number;
}

/** Commitments, newest first, to pick the one to pay or adjust. */
export async function listCommitments(ctx: ServiceContext, q: CommitmentListQuery): Promise<CommitmentsPage> {
  const db = ctx.store.db;
  const conditions = [sql`c.kind = 'impegno'`];
  if (q.fundId !== null || q.year !== null || q.lineCode !== null || q.allocationId !== null) {
    const ids = (await loadAllocations(db, q)).map((a) => a.id);
    if (ids.length === 0) return { rows: [], total: 0 };
    conditions.push(sql`c.allocation_id IN (${sql.join(ids)})`);
  }
  if (q.personId !== null) conditions.push(sql`c.person_id = ${q.personId}`);
  if (q.companyId !== null) conditions.push(sql`c.company_id = ${q.companyId}`);
  if (q.interventionId !== null) conditions.push(sql`c.intervention_id = ${q.interventionId}`);
  if (q.openOnly) conditions.push(sql`t.net_cents > t.paid_cents`);
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(c.act_number LIKE ${like} ESCAPE '\\' OR c.description LIKE ${like} ESCAPE '\\' OR CAST(c.id AS TEXT) = ${q.search})`);
  }
  const where = sql.join(conditions, sql` AND `);
  const { rows: counted } = await sql<{ n: number }>`SELECT count(*) AS n FROM commitments c JOIN commitment_totals t ON t.commitment_id = c.id WHERE ${where}`.execute(db);
  const { rows: keys } = await sql<{ id: number }>`SELECT c.id FROM commitments c JOIN commitment_totals t ON t.commitment_id = c.id WHERE ${where}
    ORDER BY c.committed_on DESC, c.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db);
  return { rows: await commitmentRows(db, keys.map((k) => k.id)), total: counted[0]?.n ?? 0 };
}

// ---- interventions: what a commitment for them would be --------------------------------------------

interface InterventionDbRow {
  id: number;
  instrument_code: string;
  instrument_name: string;
  default_line_code: string;
  status: string;
  person_id: number;
  last_name: string;
  first_name: string;
  company_id: number | null;
  company_name: string | null;
  start_date: string | null;
  end_date: string | null;
  months: number | null;
  monthly_indemnity_cents: number | null;
  grant_cents: number | null;
  course_name: string | null;
  business_idea: string | null;
  project_name: string | null;
  committed: number;
}

const INTERVENTION_SELECT = sql`
  SELECT i.id, i.instrument_code, ins.name AS instrument_name, ins.default_line_code, i.status, i.person_id, p.last_name, p.first_name,
    i.company_id, co.name AS company_name, i.start_date, i.end_date, i.months, i.monthly_indemnity_cents, i.grant_cents,
    i.course_name, i.business_idea, i.project_name,
    coalesce((SELECT sum(t.net_cents) FROM commitments c JOIN commitment_totals t ON t.commitment_id = c.id WHERE c.intervention_id = i.id), 0) AS committed
  FROM interventions i
  JOIN instruments ins ON ins.code = i.instrument_code
  JOIN people p ON p.id = i.person_id
  LEFT JOIN companies co ON co.id = i.company_id`;

/** `today` gives the year of an intervention not started yet. */
function toSuggestion(r: InterventionDbRow, today: string): InterventionSuggestion {
  const who = `${r.first_name} ${r.last_name}`;
  let amount: number | null = null;
  let description: string;
  switch (r.instrument_code) {
    case 'tirocinio':
      if (r.months !== null && r.monthly_indemnity_cents !== null) amount = r.months * r.monthly_indemnity_cents;
      description = `Indennità di tirocinio – ${who}${r.company_name ? ` c/o ${r.company_name}` : ''}`;
      break;
    case 'autoimpiego':
      amount = r.grant_cents;
      description = `Contributo autoimpiego${r.business_idea ? ` «${r.business_idea}»` : ''} – ${who}`;
      break;
    case 'formazione':
      description = `Corso${r.course_name ? ` «${r.course_name}»` : ''} – quota di ${who}`;
      break;
    case 'pon':
      description = `Borsa lavoro ${r.project_name ?? 'PON'} – ${who}`;
      break;
    case 'inserimento':
      description = `Incentivo all’assunzione – ${who}${r.company_name ? ` c/o ${r.company_name}` : ''}`;
      break;
    default:
      description = `${r.instrument_name} – ${who}`;
  }
  if (amount !== null && !Number.isSafeInteger(amount)) amount = null;
  return {
    interventionId: r.id,
    instrumentCode: r.instrument_code,
    instrumentName: r.instrument_name,
    status: r.status,
    personId: r.person_id,
    personName: `${r.last_name} ${r.first_name}`,
    companyId: r.company_id,
    companyName: r.company_name,
    startDate: r.start_date,
    endDate: r.end_date,
    months: r.instrument_code === 'tirocinio' ? r.months : null,
    monthlyIndemnityCents: r.instrument_code === 'tirocinio' ? r.monthly_indemnity_cents : null,
    amountCents: amount,
    lineCode: r.default_line_code,
    year: Number((r.start_date ?? today).slice(0, 4)),
    description,
    alreadyCommittedCents: r.committed,
  };
}

export async function interventionSuggestion(ctx: ServiceContext, { interventionId }: { interventionId: number }): Promise<InterventionSuggestion> {
  const { rows } = await sql<InterventionDbRow>`${INTERVENTION_SELECT} WHERE i.id = ${interventionId}`.execute(ctx.store.db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Percorso non trovato');
  return toSuggestion(row, ctx.clock.today());
}

/** Interventions by the person's surname (prefix) or the company's name, newest first; at most 20. */
export async function searchInterventions(ctx: ServiceContext, q: { search: string; instrumentCode?: string | null; personId?: number | null }): Promise<InterventionSuggestion[]> {
  const db = ctx.store.db;
  const conditions = [sql`1 = 1`];
  if (q.personId != null) conditions.push(sql`i.person_id = ${q.personId}`);
  if (q.instrumentCode) conditions.push(sql`i.instrument_code = ${q.instrumentCode}`);
  const text = q.search.trim();
  if (text) {
    const prefix = `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(i.person_id IN (SELECT id FROM people WHERE last_name LIKE ${prefix} ESCAPE '\\' AND merged_into_id IS NULL)
      OR i.company_id IN (SELECT id FROM companies WHERE name LIKE ${prefix} ESCAPE '\\'))`);
  } else if (q.personId == null) {
    return [];
  }
  const { rows } = await sql<InterventionDbRow>`${INTERVENTION_SELECT} WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY i.start_date DESC, i.id DESC LIMIT 20`.execute(db);
  return rows.map((r) => toSuggestion(r, ctx.clock.today()));
}

// ---- writing --------------------------------------------------------------------------------------

/** A refusal naming what is left; CONFLICT so the UI offers the override reason to MONEY_WRITERS. */
export function overLimit(what: string, leftCents: number, amountCents: number, noun: string): AppError {
  const excess = sumCents(amountCents, -Math.max(leftCents, 0));
  const left = leftCents > 0 ? `Restano ${formatEuro(leftCents)} ${what}` : `Non resta nulla ${what} (disponibile ${formatEuro(leftCents)})`;
  const message = `${left}: ${noun} di ${formatEuro(amountCents)} lo supera di ${formatEuro(excess)}. Per procedere comunque indicare il motivo della deroga.`;
  return new AppError('CONFLICT', message, { amountCents: message, overrideReason: 'Indicare il motivo della deroga' });
}

async function resolveAllocation(trx: Db, target: CommitmentValues['target']): Promise<AllocationInfo> {
  if (target.allocationId !== null) {
    const a = await loadAllocation(trx, target.allocationId);
    if (!a) throw new AppError('NOT_FOUND', 'Assegnazione non trovata', { 'target.allocationId': 'Assegnazione non trovata' });
    return a;
  }
  const fund = await trx.selectFrom('funds').select(['id', 'name', 'start_year', 'end_year']).where('id', '=', target.fundId ?? 0).executeTakeFirst();
  if (!fund) throw new AppError('NOT_FOUND', 'Fondo non trovato', { 'target.fundId': 'Fondo non trovato' });
  const year = target.year ?? 0;
  if (year < fund.start_year || year > fund.end_year) {
    const message = `Il fondo «${fund.name}» copre gli anni ${fund.start_year}–${fund.end_year}`;
    throw new AppError('VALIDATION', message, { 'target.year': message });
  }
  const [a] = await loadAllocations(trx, { fundId: fund.id, year, lineCode: target.lineCode });
  if (!a) {
    const line = await trx.selectFrom('spending_lines').select('name').where('code', '=', target.lineCode ?? '').executeTakeFirst();
    if (!line) throw new AppError('VALIDATION', 'Voce di spesa sconosciuta', { 'target.lineCode': 'Voce di spesa sconosciuta' });
    const message = `Nulla è assegnato a «${fund.name} · ${year} · ${line.name}»: assegnare prima una somma nella griglia delle assegnazioni`;
    throw new AppError('CONFLICT', message, { 'target.lineCode': message });
  }
  return a;
}

interface Links {
  interventionId: number | null;
  personId: number | null;
  companyId: number | null;
}

async function resolveLinks(trx: Db, input: Links): Promise<Links> {
  let { personId, companyId } = input;
  if (input.interventionId !== null) {
    const iv = await trx.selectFrom('interventions').select(['person_id', 'company_id']).where('id', '=', input.interventionId).executeTakeFirst();
    if (!iv) throw new AppError('VALIDATION', 'Percorso non trovato', { interventionId: 'Percorso non trovato' });
    if (personId !== null && personId !== iv.person_id) {
      throw new AppError('VALIDATION', 'La persona indicata non è quella del percorso', { personId: 'La persona indicata non è quella del percorso' });
    }
    personId = iv.person_id;
    companyId ??= iv.company_id;
  }
  if (personId !== null && !(await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst())) {
    throw new AppError('VALIDATION', 'Persona non trovata', { personId: 'Persona non trovata' });
  }
  if (companyId !== null && !(await trx.selectFrom('companies').select('id').where('id', '=', companyId).executeTakeFirst())) {
    throw new AppError('VALIDATION', 'Azienda non trovata', { companyId: 'Azienda non trovata' });
  }
  return { interventionId: input.interventionId, personId, companyId };
}

/** months × monthly indemnity, in integer arithmetic. */
export function commitmentAmount(amount: CommitmentValues['amount']): number {
  const cents = amount.mode === 'importo' ? amount.amountCents : amount.months * amount.monthlyIndemnityCents;
  if (!Number.isSafeInteger(cents)) throw new AppError('VALIDATION', 'Importo troppo grande', { amount: 'Importo troppo grande' });
  return cents;
}

/** The body of budget.commitments.create inside a transaction (the bench runs it and rolls back). */
export async function createCommitmentStep(trx: Transaction<DB>, ctx: ServiceContext, input: CommitmentValues): Promise<{ result: number; audit: AuditEntry }> {
  const found = await resolveAllocation(trx, input.target);
  await lockTotals(trx, { allocationId: found.id });
  // read again under the lock: another desk may have committed on it meanwhile
  const allocation = (await loadAllocation(trx, found.id)) ?? found;
  const amount = commitmentAmount(input.amount);
  const links = await resolveLinks(trx, input);
  const left = sumCents(allocation.amountCents, -allocation.committedCents);
  const over = amount > left;
  if (over && !input.overrideReason) throw overLimit(`sull’assegnazione ${allocationLabel(allocation)}`, left, amount, 'l’impegno');
  const { id, overrideAudit } = await appendLedgerRow(
    trx,
    ctx,
    {
      table: 'commitments',
      values: {
        allocation_id: allocation.id,
        kind: 'impegno',
        adjusts_id: null,
        amount_cents: amount,
        committed_on: input.committedOn,
        act_number: input.actNumber,
        description: input.description,
        intervention_id: links.interventionId,
        person_id: links.personId,
        company_id: links.companyId,
      },
    },
    { over, reason: input.overrideReason, left, amount, commitmentId: null, allocationId: allocation.id },
  );
  return {
    result: id,
    audit: {
      action: over ? 'impegno_in_deroga' : 'impegno',
      entity: 'impegno',
      entityId: id,
      after: {
        allocationId: allocation.id,
        amountCents: amount,
        ...(input.amount.mode === 'tirocinio' ? { months: input.amount.months, monthlyIndemnityCents: input.amount.monthlyIndemnityCents } : {}),
        committedOn: input.committedOn,
        actNumber: input.actNumber,
        description: input.description,
        ...links,
        ...overrideAudit,
      },
    },
  };
}

export async function createCommitment(ctx: ServiceContext, input: CommitmentValues): Promise<CommitmentDetail> {
  return write(ctx, async (trx) => {
    const { result: id, audit } = await createCommitmentStep(trx, ctx, input);
    return { result: await commitmentDetail(ctx, { id: id }, trx), audit };
  });
}

/** Riduzione, annullamento or rettifica of an impegno: a new row with a signed amount. */
export async function adjustCommitment(ctx: ServiceContext, input: AdjustValues): Promise<CommitmentDetail> {
  return write(ctx, async (trx) => {
    const root = await trx.selectFrom('commitments').selectAll().where('id', '=', input.commitmentId).executeTakeFirst();
    if (!root) throw new AppError('NOT_FOUND', `Impegno n. ${input.commitmentId} non trovato`);
    await lockTotals(trx, { allocationId: root.allocation_id, commitmentId: root.id });
    if (root.kind !== 'impegno') {
      throw new AppError('VALIDATION', `Il movimento n. ${root.id} è già una rettifica: indicare l’impegno originale n. ${root.adjusts_id ?? '?'}`, {
        commitmentId: 'Indicare l’impegno originale',
      });
    }
    const totals = await trx.selectFrom('commitment_totals').select(['net_cents', 'paid_cents']).where('commitment_id', '=', root.id).executeTakeFirstOrThrow();
    const unpaid = sumCents(totals.net_cents, -totals.paid_cents);
    let amount: number;
    let over = false;
    let allocationLeft = 0;
    let allocation: AllocationInfo | undefined;
    switch (input.kind) {
      case 'riduzione': {
        const cut = input.amountCents;
        if (cut === null || cut <= 0) throw new AppError('VALIDATION', 'Indicare di quanto ridurre l’impegno', { amountCents: 'Indicare di quanto ridurre l’impegno' });
        if (cut > unpaid) {
          const message =
            unpaid > 0
              ? `Si può ridurre al massimo di ${formatEuro(unpaid)}: dell’impegno di ${formatEuro(totals.net_cents)} sono già liquidati ${formatEuro(totals.paid_cents)}`
              : `Nulla da ridurre: l’impegno di ${formatEuro(totals.net_cents)} è interamente liquidato`;
          throw new AppError('VALIDATION', message, { amountCents: message });
        }
        amount = -cut;
        break;
      }
      case 'annullamento': {
        if (totals.net_cents === 0) throw new AppError('CONFLICT', `L’impegno n. ${root.id} è già annullato`);
        if (totals.paid_cents !== 0) {
          const message = `Sull’impegno sono già liquidati ${formatEuro(totals.paid_cents)}: non si può annullare. Registrare una riduzione di ${formatEuro(Math.max(unpaid, 0))}.`;
          throw new AppError('CONFLICT', message, { kind: message });
        }
        amount = -totals.net_cents;
        break;
      }
      case 'rettifica': {
        const delta = input.amountCents;
        if (delta === null || delta === 0) throw new AppError('VALIDATION', 'Indicare l’importo della rettifica (positivo o negativo)', { amountCents: 'Indicare l’importo della rettifica' });
        if (delta < 0 && -delta > unpaid) {
          const message = `La rettifica può togliere al massimo ${formatEuro(Math.max(unpaid, 0))}: il resto dell’impegno è già liquidato`;
          throw new AppError('VALIDATION', message, { amountCents: message });
        }
        if (delta > 0) {
          allocation = await loadAllocation(trx, root.allocation_id);
          allocationLeft = sumCents(allocation?.amountCents ?? 0, -(allocation?.committedCents ?? 0));
          over = delta > allocationLeft;
          if (over && !input.overrideReason) throw overLimit(`sull’assegnazione ${allocationLabel(allocation ?? { fundName: '?', year: 0, lineName: '?' })}`, allocationLeft, delta, 'la rettifica');
        }
        amount = delta;
        break;
      }
    }
    const { id, overrideAudit } = await appendLedgerRow(
      trx,
      ctx,
      {
        table: 'commitments',
        values: {
          allocation_id: root.allocation_id,
          kind: input.kind,
          adjusts_id: root.id,
          amount_cents: amount,
          committed_on: input.committedOn,
          act_number: input.actNumber,
          description: input.description,
          intervention_id: root.intervention_id,
          person_id: root.person_id,
          company_id: root.company_id,
        },
      },
      { over, reason: input.overrideReason, left: allocationLeft, amount, commitmentId: root.id, allocationId: root.allocation_id },
    );
    return {
      result: await commitmentDetail(ctx, { id: root.id }, trx),
      audit: {
        action: over ? `${input.kind}_in_deroga` : input.kind,
        entity: 'impegno',
        entityId: root.id,
        before: { netCents: totals.net_cents, paidCents: totals.paid_cents },
        after: {
          id, kind: input.kind, amountCents: amount, committedOn: input.committedOn, actNumber: input.actNumber, description: input.description,
          ...overrideAudit,
        },
      },
    };
  });
}

