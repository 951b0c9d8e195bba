import type BetterSqlite3 from 'better-sqlite3';
import { mulDiv, splitByWeights } from './amounts';
import type { CompanyRecord } from './companies';
import type { SeedContext } from './context';
import { addMonths, dayFromCivil, iso, stampAt, yearOf } from './dates';
import type { InterventionPlan } from './paths';
import type { PersonRecord } from './people';
import { Weighted, type Rng } from './random';
import { LINE_PROJECTS } from './vocabulary';

/**
 * Funds, allocations, commitments (impegni) and payments (liquidazioni), DOMAIN.md §5. Integer cents
 * only. Invariants, kept with counters while generating (never re-checked in SQL per row):
 *   Σ allocations of a fund ≤ the fund; Σ commitments of an allocation ≤ the allocation;
 *   Σ payments of a commitment ≤ the commitment + its adjustments.
 */

interface FundSpec {
  code: string;
  name: string;
  donor: string;
  amount: number;
  startYear: number;
  endYear: number;
  notes: string | null;
  /** Spending lines and their integer weights; the rounding remainder goes to the first. */
  lines: readonly (readonly [string, number])[];
}

const BASE_FUNDS: readonly FundSpec[] = [
  {
    code: 'comune_bo_2017', name: 'Comune di Bologna – Insieme per il lavoro 2017–2020', donor: 'comune_bo', amount: 1_000_000_000,
    startYear: 2017, endYear: 2020, notes: 'Tirocini e inserimento, innovazione sociale, cultura tecnica, scuola-territorio',
    lines: [['tirocini_inserimento', 56], ['innovazione_sociale', 12], ['cultura_tecnica', 10], ['scuola_territorio', 8], ['orientamento_formazione', 8], ['pon', 3], ['gestione', 3]],
  },
  {
    code: 'arcidiocesi_2017', name: 'Arcidiocesi di Bologna – Insieme per il lavoro 2017–2020', donor: 'arcidiocesi_bo', amount: 400_000_000,
    startYear: 2017, endYear: 2020, notes: null,
    lines: [['tirocini_inserimento', 55], ['orientamento_formazione', 15], ['autoimpiego', 12], ['credito', 8], ['gestione', 10]],
  },
];
const LATER_FUNDS: readonly FundSpec[] = [
  {
    code: 'fondo_sociale_comunita_2021', name: 'Fondo Sociale di Comunità 2021', donor: 'comune_bo', amount: 100_000_000,
    startYear: 2021, endYear: 2021, notes: 'Promosso da Comune di Bologna e Arcidiocesi di Bologna',
    lines: [['tirocini_inserimento', 70], ['autoimpiego', 15], ['credito', 15]],
  },
  {
    code: 'regione_er_2021', name: 'Regione Emilia-Romagna – inclusione lavorativa 2021–2024', donor: 'regione_er', amount: 400_000_000,
    startYear: 2021, endYear: 2024, notes: null,
    lines: [['tirocini_inserimento', 60], ['orientamento_formazione', 25], ['pon', 5], ['gestione', 10]],
  },
];

interface Allocation {
  id: number;
  year: number;
  line: string;
  amount: number;
}

type Kind = 'tirocinio' | 'incentivo' | 'corso' | 'contributo' | 'credito' | 'pon';

interface Planned {
  alloc: number;
  amount: number;
  day: number;
  kind: Kind;
  iv: InterventionPlan;
  personId: number;
  companyId: number | null;
}

interface Schedule {
  reduction: { day: number; amount: number; description: string } | null;
  payments: { day: number; amount: number; description: string }[];
}

export interface MoneySummary {
  funds: number;
  allocations: number;
  commitments: number;
  payments: number;
}

/** Streams ledger rows in transactions of `chunk` rows, stopping exactly at `limit`. */
class Ledger {
  rows = 0;
  commitments = 0;
  payments = 0;
  private readonly insertCommitment: BetterSqlite3.Statement;
  private readonly insertPayment: BetterSqlite3.Statement;
  private readonly acts = new Map<string, string>();
  private readonly actsPerYear = new Map<number, number>();
  private readonly docsPerYear = new Map<number, number>();

  constructor(
    private readonly ctx: SeedContext,
    private nextCommitmentId: number,
    private nextPaymentId: number,
    readonly limit: number,
    private readonly expected: number,
  ) {
    this.insertCommitment = ctx.db.prepare(
      `INSERT INTO commitments (id, allocation_id, kind, adjusts_id, amount_cents, committed_on, act_number, description, intervention_id,
        person_id, company_id, override_reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    );
    this.insertPayment = ctx.db.prepare(
      `INSERT INTO payments (id, commitment_id, kind, adjusts_id, amount_cents, paid_on, payee, document_number, description,
        override_reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    );
  }

  get full(): boolean {
    return this.rows >= this.limit;
  }

  private counted(): void {
    this.rows++;
    if (this.rows % this.ctx.cfg.chunk === 0) {
      this.ctx.db.exec('COMMIT');
      this.ctx.progress.update('Movimenti contabili', this.rows, this.expected);
      this.ctx.db.exec('BEGIN');
    }
  }

  /** One determina per fund line and month: commitments of the same month share its number. */
  private act(allocation: Allocation, day: number): string {
    const key = `${allocation.id}|${day - (day % 30)}`;
    let act = this.acts.get(key);
    if (act === undefined) {
      const year = yearOf(day);
      const n = (this.actsPerYear.get(year) ?? 0) + 1;
      this.actsPerYear.set(year, n);
      act = `DD/${year}/${String(n).padStart(4, '0')}`;
      this.acts.set(key, act);
    }
    return act;
  }

  commit(
    allocation: Allocation, amount: number, day: number, description: string, link: { interventionId: number | null; personId: number | null; companyId: number | null },
    adjusts: number | null = null,
  ): number | null {
    if (this.full) return null;
    const id = this.nextCommitmentId++;
    const user = this.ctx.rng.pick(this.ctx.staff.finance).id;
    this.insertCommitment.run(
      id, allocation.id, adjusts === null ? 'impegno' : 'riduzione', adjusts, amount, iso(day), this.act(allocation, day), description,
      link.interventionId, link.personId, link.companyId, stampAt(day, 10, id), user,
    );
    this.commitments++;
    this.counted();
    return id;
  }

  pay(commitmentId: number, amount: number, day: number, payee: string, description: string, adjusts: number | null = null): number | null {
    if (this.full) return null;
    const id = this.nextPaymentId++;
    const year = yearOf(day);
    const n = (this.docsPerYear.get(year) ?? 0) + 1;
    this.docsPerYear.set(year, n);
    this.insertPayment.run(
      id, commitmentId, adjusts === null ? 'liquidazione' : 'storno', adjusts, amount, iso(day), payee, `LIQ/${year}/${String(n).padStart(5, '0')}`,
      description, stampAt(day, 12, id), this.ctx.rng.pick(this.ctx.staff.finance).id,
    );
    this.payments++;
    this.counted();
    return id;
  }

  /** A payment, occasionally reversed (storno) and issued again: the net stays the same. */
  payWithStorno(rng: Rng, commitmentId: number, amount: number, day: number, payee: string, description: string, today: number): void {
    const id = this.pay(commitmentId, amount, day, payee, description);
    if (id === null || !rng.chance(0.004)) return;
    const stornoDay = day + rng.int(3, 20);
    const againDay = stornoDay + rng.int(2, 15);
    if (againDay > today) return;
    if (this.pay(commitmentId, -amount, stornoDay, payee, 'Storno: coordinate bancarie errate', id) === null) return;
    this.pay(commitmentId, amount, againDay, payee, `${description} (riemissione)`);
  }
}

/**
 * The description and payee of a linked commitment, written when it is (not kept in the plan: at xl
 * ~250,000 strings held until the end of the ledger).
 */
function describe(p: Planned, people: PersonRecord[], companies: CompanyRecord[], ref: SeedContext['ref']): { description: string; payee: string } {
  const iv = p.iv;
  const person = people[iv.personIndex] as PersonRecord;
  const company = iv.companyIndex === null ? null : (companies[iv.companyIndex] ?? null);
  const who = `${person.firstName} ${person.lastName}`;
  switch (p.kind) {
    case 'tirocinio':
      return { description: `Indennità di tirocinio – ${who}${company ? ` c/o ${company.name}` : ''}`, payee: who };
    case 'incentivo':
      return { description: `Incentivo all’assunzione (${iv.contractType}) – ${who}`, payee: company ? company.name : who };
    case 'corso':
      return { description: `Corso «${iv.courseName ?? ''}» – quota di ${who}`, payee: ref.orgName(iv.providerCode ?? 'fomal') };
    case 'contributo':
      return { description: `Contributo autoimpiego «${iv.businessIdea ?? ''}» – ${who}`, payee: who };
    case 'credito':
      return { description: `Contributo su microcredito ${iv.lender ?? ''} – ${who}`, payee: iv.lender ?? who };
    case 'pon':
      return { description: `Borsa lavoro ${iv.projectName ?? 'PON'} – ${who}`, payee: who };
  }
}

/** Payments (and a reduction) of a linked commitment: pure, so rows can be counted before writing. */
function scheduleOf(p: Planned, amount: number, monthsPerInstallment: number, today: number): Schedule {
  const iv = p.iv;
  const payments: Schedule['payments'] = [];
  let reduction: Schedule['reduction'] = null;
  const add = (day: number, cents: number, description: string) => {
    if (day <= today && cents > 0) payments.push({ day, amount: cents, description });
  };
  switch (p.kind) {
    case 'tirocinio': {
      // Paid by month (or every few months at xl); an interrupted traineeship releases the months not done.
      const months = iv.months ?? 1;
      const done = iv.monthsDone ?? months;
      const base = (amount - (amount % months)) / months;
      const paidUpTo = (m: number) => (m >= months ? amount : base * m);
      if (iv.status === 'interrotto' && done < months && iv.end !== null) {
        reduction = { day: Math.min(today, iv.end + 10), amount: -(amount - paidUpTo(done)), description: 'Riduzione per interruzione anticipata del tirocinio' };
      }
      for (let from = 0; from < done; from += monthsPerInstallment) {
        const to = Math.min(done, from + monthsPerInstallment);
        add(addMonths(iv.start, to) + 10, paidUpTo(to) - paidUpTo(from), to - from === 1 ? `Indennità ${to}° mese` : `Indennità mesi ${from + 1}–${to}`);
      }
      break;
    }
    case 'incentivo': {
      const half = (amount - (amount % 2)) / 2;
      add(addMonths(iv.start, 6) + 15, half, 'Incentivo: prima tranche');
      add(addMonths(iv.start, 12) + 15, amount - half, 'Incentivo: saldo');
      break;
    }
    case 'corso': {
      const end = iv.end ?? iv.start;
      if (iv.status === 'interrotto') {
        const half = (amount - (amount % 2)) / 2;
        reduction = { day: Math.min(today, end + 10), amount: -(amount - half), description: 'Riduzione per corso non completato' };
        add(end + 30, half, 'Quota di partecipazione (frequenza parziale)');
      } else {
        add(end + 30, amount, 'Quota di partecipazione');
      }
      break;
    }
    case 'contributo': {
      const first = mulDiv(amount, 60, 100);
      add(iv.start + 15, first, 'Contributo autoimpiego: anticipo');
      add(addMonths(iv.start, 6) + 15, amount - first, 'Contributo autoimpiego: saldo');
      break;
    }
    case 'credito':
      add(iv.start + 30, amount, 'Contributo sul prestito');
      break;
    case 'pon': {
      const half = (amount - (amount % 2)) / 2;
      add(addMonths(iv.start, 3) + 10, half, 'Borsa PON: prima tranche');
      add((iv.end ?? iv.start) + 15, amount - half, 'Borsa PON: saldo');
      break;
    }
  }
  return { reduction, payments };
}

export function insertMoney(
  ctx: SeedContext,
  plans: InterventionPlan[],
  people: PersonRecord[],
  companies: CompanyRecord[],
  ids: { fund: number; allocation: number; commitment: number; payment: number },
): MoneySummary {
  const { db, rng, cfg, ref } = ctx;
  const today = cfg.today;
  const todayYear = yearOf(today);
  const funds = cfg.laterFunds ? [...BASE_FUNDS, ...LATER_FUNDS] : BASE_FUNDS;

  // Funds and allocations: every fund fully allocated, per year (2017 counts half) and spending line.
  const insertFund = db.prepare(
    'INSERT INTO funds (id, code, name, donor_org_id, amount_cents, start_year, end_year, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const updateFund = db.prepare('UPDATE funds SET name = ?, donor_org_id = ?, notes = ?, created_at = ? WHERE id = ?');
  // A migrated database already holds the founding funds (migration 005): reuse them when unallocated.
  const existingFund = db.prepare(
    'SELECT f.id FROM funds f WHERE f.code = ? AND f.amount_cents = ? AND f.start_year = ? AND f.end_year = ? AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.fund_id = f.id)',
  );
  const insertAllocation = db.prepare('INSERT INTO allocations (id, fund_id, year, line_code, amount_cents, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const allocations: Allocation[] = [];
  let fundId = ids.fund;
  let allocationId = ids.allocation;
  db.transaction(() => {
    for (const fund of funds) {
      const found = existingFund.get(fund.code, fund.amount, fund.startYear, fund.endYear) as { id: number } | undefined;
      const id = found ? found.id : fundId++;
      const created = stampAt(dayFromCivil(fund.startYear, 1, 10), 9, id);
      if (found) updateFund.run(fund.name, ref.orgId(fund.donor), fund.notes, created, id);
      else insertFund.run(id, fund.code, fund.name, ref.orgId(fund.donor), fund.amount, fund.startYear, fund.endYear, fund.notes, created);
      const years: number[] = [];
      for (let y = fund.startYear; y <= fund.endYear; y++) years.push(y);
      const perYear = splitByWeights(fund.amount, years.map((y) => (y === 2017 ? 1 : 2)), years.length - 1);
      years.forEach((year, yi) => {
        const perLine = splitByWeights(perYear[yi] ?? 0, fund.lines.map(([, w]) => w), 0);
        fund.lines.forEach(([line], li) => {
          const allocation = { id: allocationId++, year, line, amount: perLine[li] ?? 0 };
          insertAllocation.run(allocation.id, id, year, line, allocation.amount, stampAt(dayFromCivil(year, 1, 15), 9, allocation.id));
          allocations.push(allocation);
        });
      });
    }
  })();

  // Where a commitment of a given year and line can go: the allocations of that year and line, by size.
  const byYearLine = new Map<string, Weighted<number>>();
  const groups = new Map<string, [number, number][]>();
  allocations.forEach((a, i) => {
    const key = `${a.year}|${a.line}`;
    const list = groups.get(key) ?? [];
    list.push([i, a.amount]);
    groups.set(key, list);
  });
  for (const [key, list] of groups) byYearLine.set(key, new Weighted(list));

  // Commitments tied to interventions (the person's traineeship indemnity, hiring incentives, courses…).
  const planned: Planned[] = [];
  for (const iv of plans) {
    if (iv.status === 'proposto') continue;
    const person = people[iv.personIndex] as PersonRecord;
    const company = iv.companyIndex === null ? null : (companies[iv.companyIndex] ?? null);
    let kind: Kind | null = null;
    let amount = 0;
    let line = 'tirocini_inserimento';
    switch (iv.instrument) {
      case 'tirocinio':
        kind = 'tirocinio';
        amount = (iv.months ?? 0) * (iv.indemnityCents ?? 0);
        break;
      case 'inserimento':
        if (company && (iv.contractType === 'indeterminato' || iv.contractType === 'apprendistato' || iv.contractType === 'determinato') && rng.chance(0.4)) {
          kind = 'incentivo';
          amount = iv.contractType === 'indeterminato' ? 600_000 : iv.contractType === 'apprendistato' ? 400_000 : 250_000;
        }
        break;
      case 'formazione':
        if (rng.chance(0.7)) {
          kind = 'corso';
          line = 'orientamento_formazione';
          amount = (iv.courseHours ?? 0) * rng.int(8, 14) * 100;
        }
        break;
      case 'autoimpiego':
        kind = 'contributo';
        line = 'autoimpiego';
        amount = iv.grantCents ?? 0;
        break;
      case 'credito':
        kind = 'credito';
        line = 'credito';
        amount = mulDiv(iv.loanCents ?? 0, 10, 100);
        break;
      case 'pon':
        if (rng.chance(0.6)) {
          kind = 'pon';
          line = 'pon';
          amount = rng.int(6, 12) * 40_000;
        }
        break;
    }
    if (kind === null || amount <= 0) continue;
    const year = yearOf(iv.start);
    const picker = byYearLine.get(`${year}|${line}`);
    if (!picker) continue; // no fund covers that year and line
    const yearStart = dayFromCivil(year, 1, 1);
    planned.push({
      alloc: picker.pick(rng), amount, day: Math.max(yearStart, iv.start - rng.int(0, 20)), kind, iv,
      personId: person.id, companyId: company ? company.id : null,
    });
  }

  // Scale down where the linked commitments would exceed 90% of an allocation (always at xl).
  const linkedSum = allocations.map(() => 0);
  for (const p of planned) linkedSum[p.alloc] = (linkedSum[p.alloc] ?? 0) + p.amount;
  const cap = allocations.map((a) => mulDiv(a.amount, 90, 100));
  const scaled = allocations.map(() => 0);
  for (const p of planned) {
    const sum = linkedSum[p.alloc] ?? 0;
    const limit = cap[p.alloc] ?? 0;
    if (sum > limit) p.amount = mulDiv(p.amount, limit, sum);
    scaled[p.alloc] = (scaled[p.alloc] ?? 0) + p.amount;
  }

  // Traineeships are paid monthly; when a row target is set, every few months so the target fits.
  let monthsPerInstallment = 1;
  if (cfg.ledgerTarget !== null) {
    for (const g of [1, 2, 3, 6, 12]) {
      monthsPerInstallment = g;
      let rows = 0;
      for (const p of planned) {
        if (p.amount <= 0) continue;
        const s = scheduleOf(p, p.amount, g, today);
        rows += 1 + (s.reduction ? 1 : 0) + s.payments.length;
      }
      if (rows <= cfg.ledgerTarget * 0.8) break;
    }
  }

  const expected = cfg.ledgerTarget ?? planned.length * 4;
  const ledger = new Ledger(ctx, ids.commitment, ids.payment, cfg.ledgerTarget ?? Number.MAX_SAFE_INTEGER, expected);
  db.exec('BEGIN');
  try {
    for (const p of planned) {
      if (ledger.full) break;
      if (p.amount <= 0) continue;
      const allocation = allocations[p.alloc] as Allocation;
      const link = { interventionId: p.iv.id, personId: p.personId, companyId: p.companyId };
      const { description, payee } = describe(p, people, companies, ref);
      const commitmentId = ledger.commit(allocation, p.amount, p.day, description, link);
      if (commitmentId === null) break;
      const s = scheduleOf(p, p.amount, monthsPerInstallment, today);
      if (s.reduction) ledger.commit(allocation, s.reduction.amount, Math.max(p.day, s.reduction.day), s.reduction.description, link, commitmentId);
      for (const pay of s.payments) ledger.payWithStorno(rng, commitmentId, pay.amount, pay.day, payee, pay.description, today);
    }

    // Commitments not tied to a person (projects, suppliers, management), sharing what is left of
    // each allocation. With a row target, enough of them to reach it exactly, taken round-robin.
    const budgets = allocations.map((a, i) => {
      const left = a.amount - (scaled[i] ?? 0);
      // Traineeship lines are spent mostly on the traineeships themselves; the rest on projects and suppliers.
      const percent = a.line === 'tirocini_inserimento' ? rng.int(3, 10) : a.year >= todayYear ? rng.int(40, 70) : rng.int(55, 95);
      return mulDiv(left, percent, 100);
    });
    const counts =
      cfg.ledgerTarget === null
        ? allocations.map((a) => (a.line === 'gestione' ? 4 : rng.int(2, 6)))
        : splitByWeights(Math.max(0, cfg.ledgerTarget - ledger.rows), allocations.map((a) => Math.max(1, Math.round(a.amount / 1_000_000))), 0);
    const shares = allocations.map((_, i) => {
      const n = counts[i] ?? 0;
      const weights: number[] = [];
      for (let k = 0; k < n; k++) weights.push(rng.int(1, 10));
      return splitByWeights(budgets[i] ?? 0, weights, 0);
    });
    const rounds = Math.max(0, ...counts);
    for (let k = 0; k < rounds && !ledger.full; k++) {
      for (let i = 0; i < allocations.length && !ledger.full; i++) {
        const amount = shares[i]?.[k];
        if (amount === undefined || amount <= 0) continue;
        const allocation = allocations[i] as Allocation;
        const yearStart = dayFromCivil(allocation.year, 1, 1);
        const yearEnd = Math.min(today, dayFromCivil(allocation.year, 12, 31));
        const day = yearStart + rng.int(0, yearEnd - yearStart);
        const project = rng.pick(LINE_PROJECTS[allocation.line] ?? [{ description: 'Spese del programma', payee: 'Fondazione San Petronio Onlus' }]);
        const link = { interventionId: null, personId: null, companyId: null };
        const commitmentId = ledger.commit(allocation, amount, day, project.description, link);
        if (commitmentId === null) break;
        let effective = amount;
        if (rng.chance(0.03)) {
          const cut = mulDiv(amount, rng.int(5, 20), 100);
          const cutDay = Math.min(today, day + rng.int(30, 200));
          if (cut > 0 && ledger.commit(allocation, -cut, cutDay, 'Riduzione per minore spesa', link, commitmentId) !== null) effective -= cut;
        }
        const paid = rng.chance(allocation.year < todayYear ? 0.8 : 0.4) ? effective : mulDiv(effective, rng.int(40, 90), 100);
        const n = rng.int(1, 4);
        const weights: number[] = [];
        for (let j = 0; j < n; j++) weights.push(rng.int(1, 5));
        let payDay = day;
        for (const [j, part] of splitByWeights(paid, weights, n - 1).entries()) {
          payDay += rng.int(15, 90);
          if (payDay > today) break;
          if (part > 0) ledger.payWithStorno(rng, commitmentId, part, payDay, project.payee, n === 1 ? 'Saldo' : j === n - 1 ? 'Saldo' : `Acconto ${j + 1}`, today);
        }
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  ctx.progress.update('Movimenti contabili', 1, 1);
  return { funds: funds.length, allocations: allocations.length, commitments: ledger.commitments, payments: ledger.payments };
}
