import { z } from 'zod';
import { method } from './define';
import type { JobStarted } from './jobs';
import { BUDGET_READERS, MONEY_WRITERS } from './roles';
import { cents, id, isoDate, noInput, requiredText, optionalText, version } from './common';

/**
 * Bilancio (DOMAIN.md §5, issue #5): funds, allocations fund × year × spending line, commitments
 * (impegni) and payments (liquidazioni), what is left, burn rate and projected run-out, drill-down,
 * spending per person / company / instrument, overrides, exports.
 *
 * Rules every method keeps:
 * - Money is integer cents (`…Cents`), never floats. Percentages (`…Percent`) are for display only,
 *   computed at the edge from integers, with one decimal (e.g. 42.5).
 * - The ledger is append-only: reductions, cancellations, corrections and reversals are new rows
 *   (`adjustsId` points at the row they adjust); the database refuses UPDATE/DELETE of money rows.
 * - Signs: an impegno / liquidazione is positive; riduzione, annullamento and storno are negative;
 *   a rettifica is signed. "Net" of a commitment = impegno + its adjustments.
 * - available = allocated − committed (net). toPay = committed − paid.
 * - Refusals are AppError in Italian: over-allocation of a fund (never overridable, names the excess:
 *   "La somma delle assegnazioni supera il fondo di € 12.345,00"); a commitment beyond what the
 *   allocation has left, a payment beyond what the commitment has left ("Restano € 1.200,00
 *   sull’assegnazione …"), code CONFLICT with `fields.amountCents` and `fields.overrideReason`, unless
 *   the caller gives `overrideReason` (stored on the row, listed by budget.overrides.list).
 * - Roles: MONEY_WRITERS (amministratore, finanza) write; BUDGET_READERS (amministratore, finanza,
 *   coordinatore, sola lettura) read. Operators have no access to money (decision: they work on
 *   people and cases; the Cruscotto still shows them the programme's totals).
 */


export const COMMITMENT_KINDS = ['impegno', 'riduzione', 'annullamento', 'rettifica'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const PAYMENT_KINDS = ['liquidazione', 'storno', 'rettifica'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export type LedgerSource = 'impegno' | 'liquidazione';

export const COMMITMENT_KIND_LABELS: Record<CommitmentKind, string> = {
  impegno: 'Impegno',
  riduzione: 'Riduzione',
  annullamento: 'Annullamento',
  rettifica: 'Rettifica impegno',
};
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  liquidazione: 'Liquidazione',
  storno: 'Storno',
  rettifica: 'Rettifica liquidazione',
};
export const LEDGER_SOURCE_LABELS: Record<LedgerSource, string> = { impegno: 'Impegni', liquidazione: 'Liquidazioni' };

const year = z.number({ error: 'Anno mancante' }).int('Anno non valido').min(2000, 'Anno non valido').max(2100, 'Anno non valido');
const lineCode = z.string({ error: 'Voce di spesa mancante' }).trim().min(1, 'Voce di spesa mancante').max(40);
const positiveCents = cents.refine((n) => n > 0, 'L’importo deve essere maggiore di zero');
const overrideReason = optionalText(500);
const page = z.number().int().min(1).default(1);
const pageSize = z.number().int().min(10).max(200).default(50);

// ---------------------------------------------------------------------------------------------------
// Output types

/** Totals of any cell of the budget (a fund, a year, a line, an allocation). */
export interface MoneyTotals {
  allocatedCents: number;
  /** Net commitments (impegni + adjustments). */
  committedCents: number;
  /** Net payments (liquidazioni + storni + rettifiche). */
  paidCents: number;
  /** allocated − committed (negative only after an override). */
  availableCents: number;
  /** committed − paid. */
  toPayCents: number;
  /** committed / allocated × 100, one decimal; null when nothing is allocated. */
  usedPercent: number | null;
  /** paid / allocated × 100, one decimal; null when nothing is allocated. */
  paidPercent: number | null;
}

export interface SpendingLine {
  code: string;
  name: string;
  sort: number;
}
export interface InstrumentLine {
  code: string;
  name: string;
  defaultLineCode: string;
  defaultLineName: string;
}
export interface BudgetReference {
  lines: SpendingLine[];
  /** Each instrument and the spending line its commitments go to by default. */
  instruments: InstrumentLine[];
  /** Organisations that can be a fund's donor (kind firmatario / finanziatore first, then all). */
  donors: { id: number; code: string; name: string }[];
  funds: { id: number; code: string; name: string; startYear: number; endYear: number }[];
  /** Whether the caller may write money (MONEY_WRITERS): the UI hides write buttons otherwise. */
  canWrite: boolean;
}

export interface FundRow extends MoneyTotals {
  id: number;
  code: string;
  name: string;
  donorOrgId: number | null;
  donorName: string | null;
  amountCents: number;
  startYear: number;
  endYear: number;
  notes: string | null;
  createdAt: string;
  /** amount − allocated. */
  unallocatedCents: number;
  /** Commitments and payments made with an override on this fund. */
  overrides: number;
}

export interface GridCell extends MoneyTotals {
  year: number;
  lineCode: string;
  /** null: no allocation row yet (amount 0). */
  allocationId: number | null;
  /** The allocation's version (null with no row yet): budget.allocations.set sends back the one it read. */
  version: number | null;
}
export interface AllocationGrid {
  fund: FundRow;
  years: number[];
  lines: SpendingLine[];
  /** One cell per year × line, years outer, lines in `lines` order. */
  cells: GridCell[];
  /** Per line across the years (row totals). */
  lineTotals: (MoneyTotals & { lineCode: string })[];
  /** Per year across the lines (column totals). */
  yearTotals: (MoneyTotals & { year: number })[];
  total: MoneyTotals;
  /** fund amount − Σ allocated. */
  unallocatedCents: number;
}

export interface CommitmentRow {
  id: number;
  allocationId: number;
  fundId: number;
  fundCode: string;
  fundName: string;
  year: number;
  lineCode: string;
  lineName: string;
  /** The original impegno's amount. */
  amountCents: number;
  /** impegno + riduzioni + annullamenti + rettifiche. */
  netCents: number;
  paidCents: number;
  /** net − paid: what payments may still draw. */
  leftCents: number;
  committedOn: string;
  actNumber: string | null;
  description: string;
  interventionId: number | null;
  instrumentCode: string | null;
  personId: number | null;
  personName: string | null;
  companyId: number | null;
  companyName: string | null;
  overrideReason: string | null;
  /** true when an annullamento brought it to zero. */
  cancelled: boolean;
  createdAt: string;
  createdBy: string | null;
}
export interface CommitmentAdjustmentRow {
  id: number;
  kind: Exclude<CommitmentKind, 'impegno'>;
  amountCents: number;
  committedOn: string;
  actNumber: string | null;
  description: string;
  overrideReason: string | null;
  createdAt: string;
  createdBy: string | null;
}
export interface PaymentRow {
  id: number;
  commitmentId: number;
  kind: PaymentKind;
  adjustsId: number | null;
  amountCents: number;
  /** For a liquidazione: itself + its storni/rettifiche. Equal to amountCents for the adjustments. */
  netCents: number;
  paidOn: string;
  payee: string;
  documentNumber: string | null;
  description: string | null;
  overrideReason: string | null;
  createdAt: string;
  createdBy: string | null;
}
export interface CommitmentDetail {
  commitment: CommitmentRow;
  adjustments: CommitmentAdjustmentRow[];
  /** Oldest first. */
  payments: PaymentRow[];
  allocation: MoneyTotals & { id: number };
}
export interface CommitmentsPage {
  rows: CommitmentRow[];
  total: number;
}

/** What a commitment for an intervention would be: amount (months × indemnity for a traineeship), line, links. */
export interface InterventionSuggestion {
  interventionId: number;
  instrumentCode: string;
  instrumentName: string;
  status: string;
  personId: number;
  personName: string;
  companyId: number | null;
  companyName: string | null;
  startDate: string | null;
  endDate: string | null;
  /** Traineeship only. */
  months: number | null;
  monthlyIndemnityCents: number | null;
  /** months × indemnity for a traineeship, else the grant / null. */
  amountCents: number | null;
  lineCode: string;
  /** Year of the start date (or today's). */
  year: number;
  description: string;
  /** Commitments already linked to it (net). */
  alreadyCommittedCents: number;
}

export interface BurnRate {
  /** Average net commitments per month over the window. */
  committedPerMonthCents: number;
  /** Average net payments per month over the window. */
  paidPerMonthCents: number;
  /**
   * When "available" reaches zero at the commitment rate: for a fund, amount − committed; for a line,
   * allocated − committed. null when nothing was committed in the window or nothing is left.
   */
  projectedRunOut: string | null;
  /** 'esaurito' nothing left; 'previsto' a date is given; 'fermo' no commitments in the window. */
  runOutStatus: 'esaurito' | 'previsto' | 'fermo';
}
export interface MonthPoint {
  /** 'YYYY-MM' */
  month: string;
  committedCents: number;
  paidCents: number;
}
export interface OverviewRow extends MoneyTotals {
  fundId: number;
  year: number;
  lineCode: string;
  lineName: string;
  allocationId: number;
}
export interface OverviewLine extends MoneyTotals, BurnRate {
  fundId: number;
  lineCode: string;
  lineName: string;
}
export interface OverviewFund extends MoneyTotals, BurnRate {
  fundId: number;
  code: string;
  name: string;
  amountCents: number;
  startYear: number;
  endYear: number;
  unallocatedCents: number;
  /** Per line across the years, with their own burn rate and run-out. */
  lines: OverviewLine[];
  /** Per year across the lines. */
  years: (MoneyTotals & { year: number })[];
  /** The window's months, oldest first. */
  monthly: MonthPoint[];
}
export interface BudgetOverview {
  /** End of the burn-rate window: the date asked, else the latest ledger date (or today on an empty ledger). */
  asOf: string;
  /** Months in the window (the month of asOf and the N − 1 before it). */
  months: number;
  /** One row per allocation (fund × year × line), ordered by fund, year, line. */
  rows: OverviewRow[];
  funds: OverviewFund[];
  /** Σ of the funds (equal to Σ rows). */
  total: MoneyTotals & { amountCents: number; unallocatedCents: number };
}

export interface LedgerEntry {
  source: LedgerSource;
  id: number;
  /** CommitmentKind for source 'impegno', PaymentKind for 'liquidazione'. */
  kind: CommitmentKind | PaymentKind;
  /** Italian label of the kind. */
  kindLabel: string;
  date: string;
  amountCents: number;
  /** The commitment (impegno) the row belongs to. */
  commitmentId: number;
  adjustsId: number | null;
  fundId: number;
  fundCode: string;
  fundName: string;
  year: number;
  lineCode: string;
  lineName: string;
  /** Act number (impegni) or document number (liquidazioni). */
  reference: string | null;
  description: string | null;
  payee: string | null;
  personId: number | null;
  personName: string | null;
  companyId: number | null;
  companyName: string | null;
  interventionId: number | null;
  instrumentCode: string | null;
  overrideReason: string | null;
  createdAt: string;
  createdBy: string | null;
}
export interface LedgerPage {
  rows: LedgerEntry[];
  total: number;
  /** Σ amountCents of every row matching the filter (not only the page). */
  sumCents: number;
}

export interface SpendingRow {
  /** personId / companyId (number) or instrument code (string); null = commitments without that link. */
  key: number | string | null;
  label: string;
  commitments: number;
  committedCents: number;
  paidCents: number;
}
export interface SpendingPage {
  rows: SpendingRow[];
  total: number;
  totals: { committedCents: number; paidCents: number };
}

export interface OverrideRow {
  source: LedgerSource;
  id: number;
  commitmentId: number;
  kind: CommitmentKind | PaymentKind;
  date: string;
  amountCents: number;
  /** What was left on the allocation (impegni) or the commitment (liquidazioni) before this row. */
  leftBeforeCents: number;
  /** How much the row went beyond what was left. */
  excessCents: number;
  reason: string;
  fundId: number;
  fundName: string;
  year: number;
  lineCode: string;
  lineName: string;
  description: string | null;
  createdAt: string;
  createdBy: string | null;
}
export interface OverridesPage {
  rows: OverrideRow[];
  total: number;
}

// ---------------------------------------------------------------------------------------------------
// Inputs

export const fundInput = z
  .object({
    code: z
      .string({ error: 'Codice: campo obbligatorio' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, 'Codice: da 2 a 40 caratteri tra lettere minuscole, cifre, _ e -'),
    name: requiredText('Nome', 150),
    donorOrgId: id.nullish().transform((v) => v ?? null),
    amountCents: cents.refine((n) => n > 0, 'L’importo del fondo deve essere maggiore di zero'),
    startYear: year,
    endYear: year,
    notes: optionalText(2000),
  })
  .strict()
  .refine((f) => f.endYear >= f.startYear, { message: 'L’anno di fine non può precedere l’anno di inizio', path: ['endYear'] })
  .refine((f) => f.endYear - f.startYear <= 20, { message: 'Periodo troppo lungo (massimo 20 anni)', path: ['endYear'] });
export type FundInput = z.input<typeof fundInput>;

const allocationTarget = z
  .object({
    allocationId: id.nullish().transform((v) => v ?? null),
    fundId: id.nullish().transform((v) => v ?? null),
    year: year.nullish().transform((v) => v ?? null),
    lineCode: lineCode.nullish().transform((v) => v ?? null),
  })
  .refine((t) => t.allocationId !== null || (t.fundId !== null && t.year !== null && t.lineCode !== null), {
    message: 'Indicare l’assegnazione, oppure fondo, anno e voce di spesa',
    path: ['allocationId'],
  });

/** A plain amount, or a traineeship: months × monthly indemnity (integer arithmetic). */
export const commitmentAmount = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('importo'), amountCents: positiveCents }).strict(),
  z
    .object({
      mode: z.literal('tirocinio'),
      months: z.number({ error: 'Mesi mancanti' }).int('Mesi: numero intero').min(1, 'Almeno 1 mese').max(24, 'Al massimo 24 mesi'),
      monthlyIndemnityCents: positiveCents,
    })
    .strict(),
]);

export const commitmentInput = z
  .object({
    target: allocationTarget,
    amount: commitmentAmount,
    committedOn: isoDate,
    actNumber: optionalText(60),
    description: requiredText('Descrizione', 500),
    interventionId: id.nullish().transform((v) => v ?? null),
    personId: id.nullish().transform((v) => v ?? null),
    companyId: id.nullish().transform((v) => v ?? null),
    /** Only used (and stored) when the amount goes beyond what the allocation has left. */
    overrideReason,
  })
  .strict();
export type CommitmentInput = z.input<typeof commitmentInput>;

export const commitmentAdjustInput = z
  .object({
    /** The impegno (not one of its adjustments). */
    commitmentId: id,
    /**
     * riduzione: amountCents > 0 is taken off (at most what is not yet paid);
     * annullamento: brings the net to zero (refused if anything is paid; amountCents ignored);
     * rettifica: amountCents signed (≠ 0); a positive one draws on the allocation like a new commitment.
     */
    kind: z.enum(['riduzione', 'annullamento', 'rettifica'], { error: 'Tipo di movimento non valido' }),
    amountCents: cents.nullish().transform((v) => v ?? null),
    committedOn: isoDate,
    actNumber: optionalText(60),
    description: requiredText('Motivazione', 500),
    overrideReason,
  })
  .strict();
export type CommitmentAdjustInput = z.input<typeof commitmentAdjustInput>;

export const paymentInput = z
  .object({
    commitmentId: id,
    amountCents: positiveCents,
    paidOn: isoDate,
    payee: requiredText('Beneficiario', 200),
    documentNumber: optionalText(60),
    description: optionalText(500),
    /** Only used (and stored) when the amount goes beyond what the commitment has left. */
    overrideReason,
  })
  .strict();
export type PaymentInput = z.input<typeof paymentInput>;

export const paymentAdjustInput = z
  .object({
    /** The liquidazione (not a storno or rettifica). */
    paymentId: id,
    /** storno: reverses the payment's whole net (amountCents ignored); rettifica: amountCents signed (≠ 0). */
    kind: z.enum(['storno', 'rettifica'], { error: 'Tipo di movimento non valido' }),
    amountCents: cents.nullish().transform((v) => v ?? null),
    paidOn: isoDate,
    documentNumber: optionalText(60),
    description: requiredText('Motivazione', 500),
    overrideReason,
  })
  .strict();
export type PaymentAdjustInput = z.input<typeof paymentAdjustInput>;

/** Filters of the drill-down and of the ledger export. */
export const ledgerFilter = z
  .object({
    fundId: id.nullish().transform((v) => v ?? null),
    year: year.nullish().transform((v) => v ?? null),
    lineCode: lineCode.nullish().transform((v) => v ?? null),
    allocationId: id.nullish().transform((v) => v ?? null),
    commitmentId: id.nullish().transform((v) => v ?? null),
    /** 'impegni': commitments and their adjustments; 'liquidazioni': payments; 'tutti': both. */
    kind: z.enum(['impegni', 'liquidazioni', 'tutti']).default('tutti'),
    from: isoDate.nullish().transform((v) => v ?? null),
    to: isoDate.nullish().transform((v) => v ?? null),
    personId: id.nullish().transform((v) => v ?? null),
    companyId: id.nullish().transform((v) => v ?? null),
    instrumentCode: z.string().max(40).nullish().transform((v) => v ?? null),
    overridesOnly: z.boolean().default(false),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.to >= f.from, { message: 'La data finale non può precedere quella iniziale', path: ['to'] });
export type LedgerFilter = z.input<typeof ledgerFilter>;

const overviewFilter = z
  .object({
    fundId: id.nullish().transform((v) => v ?? null),
    year: year.nullish().transform((v) => v ?? null),
    /** Burn-rate window in months (default 12). */
    months: z.number().int().min(1).max(60).default(12),
    /** End of the window; default: the latest ledger date. */
    asOf: isoDate.nullish().transform((v) => v ?? null),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------
// Methods

export const budgetContract = {
  'budget.reference': method<BudgetReference>()({
    summary: 'Voci di spesa, strumenti con la voce predefinita, enti finanziatori, fondi; se l’utente può scrivere.',
    input: noInput,
    roles: BUDGET_READERS,
  }),
  'budget.funds.list': method<FundRow[]>()({
    summary: 'I fondi con importo, assegnato, impegnato, liquidato e disponibile.',
    input: noInput,
    roles: BUDGET_READERS,
  }),
  'budget.funds.create': method<FundRow>()({
    summary: 'Crea un fondo (codice, nome, ente, importo in centesimi, anni di inizio e fine, note).',
    input: fundInput,
    roles: MONEY_WRITERS,
  }),
  'budget.funds.update': method<FundRow>()({
    summary: 'Modifica nome e note di un fondo; l’importo solo se non scende sotto quanto già assegnato.',
    input: z
      .object({
        id,
        name: requiredText('Nome', 150),
        notes: optionalText(2000),
        amountCents: cents.refine((n) => n > 0, 'L’importo del fondo deve essere maggiore di zero').nullish().transform((v) => v ?? null),
      })
      .strict(),
    roles: MONEY_WRITERS,
  }),
  'budget.lines.list': method<{ lines: SpendingLine[]; instruments: InstrumentLine[] }>()({
    summary: 'Le voci di spesa e, per ogni strumento, la voce predefinita.',
    input: noInput,
    roles: BUDGET_READERS,
  }),
  'budget.allocations.grid': method<AllocationGrid>()({
    summary: 'La griglia delle assegnazioni di un fondo: anni × voci, con totali di riga e di colonna.',
    input: z.object({ fundId: id }).strict(),
    roles: BUDGET_READERS,
  }),
  'budget.allocations.set': method<AllocationGrid>()({
    summary:
      'Imposta una o più celle della griglia in una sola transazione. Rifiuta se la somma supera il fondo (indicando l’eccedenza) ' +
      'o se una cella scende sotto quanto già impegnato. Ogni cella porta la version letta con la griglia (null se la cella era vuota): ' +
      'se nel frattempo un altro utente l’ha modificata, rifiuta (CONFLICT, fields.version).',
    input: z
      .object({
        fundId: id,
        cells: z
          .array(z.object({ year, lineCode, amountCents: cents.refine((n) => n >= 0, 'L’importo non può essere negativo'), version: version.nullable() }).strict())
          .min(1, 'Nessuna cella da salvare')
          .max(500, 'Troppe celle in una volta'),
      })
      .strict(),
    roles: MONEY_WRITERS,
  }),
  'budget.commitments.create': method<CommitmentDetail>()({
    summary: 'Registra un impegno su un’assegnazione (importo, oppure mesi × indennità per un tirocinio).',
    input: commitmentInput,
    roles: MONEY_WRITERS,
  }),
  'budget.commitments.adjust': method<CommitmentDetail>()({
    summary: 'Riduzione, annullamento o rettifica di un impegno, come nuovo movimento.',
    input: commitmentAdjustInput,
    roles: MONEY_WRITERS,
  }),
  'budget.commitments.get': method<CommitmentDetail>()({
    summary: 'Un impegno con le sue rettifiche e liquidazioni.',
    input: z.object({ id }).strict(),
    roles: BUDGET_READERS,
  }),
  'budget.commitments.list': method<CommitmentsPage>()({
    summary: 'Elenco degli impegni (per scegliere quello da liquidare), più recenti prima.',
    input: z
      .object({
        fundId: id.nullish().transform((v) => v ?? null),
        year: year.nullish().transform((v) => v ?? null),
        lineCode: lineCode.nullish().transform((v) => v ?? null),
        allocationId: id.nullish().transform((v) => v ?? null),
        personId: id.nullish().transform((v) => v ?? null),
        companyId: id.nullish().transform((v) => v ?? null),
        interventionId: id.nullish().transform((v) => v ?? null),
        /** Act number, description or payee words. */
        search: z.string().trim().max(80).default(''),
        /** Only commitments with something left to pay. */
        openOnly: z.boolean().default(false),
        page,
        pageSize,
      })
      .strict(),
    roles: BUDGET_READERS,
  }),
  'budget.paths.search': method<InterventionSuggestion[]>()({
    summary: 'Cerca percorsi (per cognome della persona o nome dell’azienda) da collegare a un impegno, con l’importo proposto.',
    input: z.object({ search: z.string().trim().max(80).default(''), instrumentCode: z.string().max(40).nullish(), personId: id.nullish() }).strict(),
    roles: BUDGET_READERS,
  }),
  'budget.commitments.fromIntervention': method<InterventionSuggestion>()({
    summary: 'Propone l’impegno per un percorso: per un tirocinio mesi × indennità mensile; voce predefinita dello strumento.',
    input: z.object({ interventionId: id }).strict(),
    roles: BUDGET_READERS,
  }),
  'budget.payments.create': method<CommitmentDetail>()({
    summary: 'Registra una liquidazione su un impegno (importo, data, beneficiario, documento).',
    input: paymentInput,
    roles: MONEY_WRITERS,
  }),
  'budget.payments.adjust': method<CommitmentDetail>()({
    summary: 'Storno o rettifica di una liquidazione, come nuovo movimento.',
    input: paymentAdjustInput,
    roles: MONEY_WRITERS,
  }),
  'budget.overview': method<BudgetOverview>()({
    summary: 'Quadro per fondo, anno e voce: assegnato, impegnato, liquidato, disponibile, % utilizzata; spesa mensile e data prevista di esaurimento.',
    input: overviewFilter,
    roles: BUDGET_READERS,
  }),
  'budget.drilldown': method<LedgerPage>()({
    summary: 'I movimenti dietro una cifra (per fondo, anno, voce, tipo, periodo…), 50 per pagina, più recenti prima.',
    input: z.object({ filter: ledgerFilter.prefault({}), page, pageSize }).strict(),
    roles: BUDGET_READERS,
  }),
  'budget.spending': method<SpendingPage>()({
    summary: 'Spesa per persona, per azienda o per strumento: impegnato e liquidato.',
    input: z
      .object({
        by: z.enum(['persona', 'azienda', 'strumento']),
        fundId: id.nullish().transform((v) => v ?? null),
        year: year.nullish().transform((v) => v ?? null),
        lineCode: lineCode.nullish().transform((v) => v ?? null),
        /** Surname / company name prefix. */
        search: z.string().trim().max(80).default(''),
        page,
        pageSize,
      })
      .strict(),
    roles: BUDGET_READERS,
  }),
  'budget.overrides.list': method<OverridesPage>()({
    summary: 'Gli impegni e le liquidazioni registrati oltre il disponibile, con la motivazione.',
    input: z.object({ fundId: id.nullish().transform((v) => v ?? null), page, pageSize }).strict(),
    roles: BUDGET_READERS,
  }),
  'budget.export.overview': method<JobStarted>()({
    summary: 'Esporta in Excel il quadro per fondo, anno e voce (totali come formule).',
    input: overviewFilter,
    roles: BUDGET_READERS,
  }),
  'budget.export.ledger': method<JobStarted>()({
    summary: 'Esporta in Excel i movimenti filtrati (impegni e liquidazioni), con il totale come formula.',
    input: z.object({ filter: ledgerFilter.prefault({}) }).strict(),
    roles: BUDGET_READERS,
  }),
};
