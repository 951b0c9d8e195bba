import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationGrid, CommitmentDetail, FundRow } from '../../contract/budget';
import { callOk, callRefused } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlOne, sqlRun } from '../../testing/sql';

/**
 * The Bilancio through the API, as the UI calls it, on a fresh database (the founding funds only):
 * roles, refusals that write nothing, audit rows, the append-only ledger.
 */
describe('bilancio', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  let finance = '';
  let coordinator = '';
  let operator = '';
  let readOnly = '';
  let fund: FundRow;

  const n = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
  /** Rows that a refused call must not change. */
  const snapshot = async () => ({
    commitments: (await n('SELECT count(*) AS n FROM commitments')),
    payments: (await n('SELECT count(*) AS n FROM payments')),
    audit: (await n('SELECT count(*) AS n FROM audit_log')),
    overrides: (await n('SELECT count(*) AS n FROM budget_overrides')),
    allocated: (await n('SELECT coalesce(sum(amount_cents), 0) AS n FROM allocations')),
    funds: (await n('SELECT count(*) AS n FROM funds')),
  });

  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    finance = await loginAs(t.core, admin, 'finanza');
    coordinator = await loginAs(t.core, admin, 'coordinatore');
    operator = await loginAs(t.core, admin, 'operatore');
    readOnly = await loginAs(t.core, admin, 'sola_lettura');
    const funds = await callOk(t.core, 'budget.funds.list', {}, finance);
    fund = funds.find((f) => f.code === 'comune_bo_2017') as FundRow;
  });
  afterAll(() => t.cleanup());

  it('starts with the two founding funds, not yet allocated', async () => {
    const funds = await callOk(t.core, 'budget.funds.list', {}, coordinator);
    expect(funds.map((f) => [f.code, f.amountCents, f.startYear, f.endYear, f.allocatedCents])).toEqual([
      ['comune_bo_2017', 1_000_000_000, 2017, 2020, 0],
      ['arcidiocesi_2017', 400_000_000, 2017, 2020, 0],
    ]);
    expect(funds[0]?.donorName).toBe('Comune di Bologna');
    const ref = await callOk(t.core, 'budget.reference', {}, coordinator);
    expect(ref.canWrite).toBe(false);
    expect(ref.instruments.find((i) => i.code === 'tirocinio')?.defaultLineCode).toBe('tirocini_inserimento');
    expect((await callOk(t.core, 'budget.reference', {}, finance)).canWrite).toBe(true);
  });

  it('lets finance and administrators write, coordinators and read-only users read, operators nothing', async () => {
    for (const token of [coordinator, readOnly]) {
      await callOk(t.core, 'budget.overview', {}, token);
      const refused = await callRefused(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2017, lineCode: 'gestione', amountCents: 100, version: null }] }, token);
      expect(refused.code).toBe('FORBIDDEN');
    }
    for (const method of ['budget.overview', 'budget.funds.list', 'budget.drilldown'] as const) {
      expect((await callRefused(t.core, method, {}, operator)).code).toBe('FORBIDDEN');
    }
    const before = (await snapshot());
    expect((await callRefused(t.core, 'budget.funds.create', { code: 'x1', name: 'X', amountCents: 100, startYear: 2021, endYear: 2021 }, coordinator)).code).toBe('FORBIDDEN');
    expect((await snapshot())).toEqual(before);
  });

  it('creates a fund with an audit row and refuses a duplicate code', async () => {
    const before = (await snapshot());
    const created = await callOk(
      t.core,
      'budget.funds.create',
      { code: 'fsc_2021', name: 'Fondo Sociale di Comunità 2021', donorOrgId: null, amountCents: 100_000_000, startYear: 2021, endYear: 2021, notes: 'Bando 2021' },
      finance,
    );
    expect(created).toMatchObject({ code: 'fsc_2021', amountCents: 100_000_000, unallocatedCents: 100_000_000, availableCents: 0 });
    expect((await n("SELECT count(*) AS n FROM audit_log WHERE entity = 'fondo' AND action = 'crea' AND entity_id = ?", String(created.id)))).toBe(1);
    const again = await callRefused(t.core, 'budget.funds.create', { code: 'FSC_2021', name: 'Doppione', amountCents: 1, startYear: 2021, endYear: 2021 }, finance);
    expect(again.code).toBe('CONFLICT');
    expect(again.fields?.code).toBeDefined();
    expect((await snapshot())).toEqual({ ...before, funds: before.funds + 1, audit: before.audit + 1 });
  });

  it('sets a year of allocations in one transaction and refuses an excess over the fund, naming it, writing nothing', async () => {
    const grid = await callOk(
      t.core,
      'budget.allocations.set',
      {
        fundId: fund.id,
        cells: [
          { year: 2018, lineCode: 'tirocini_inserimento', amountCents: 150_000_000, version: null },
          { year: 2018, lineCode: 'innovazione_sociale', amountCents: 30_000_000, version: null },
          { year: 2018, lineCode: 'gestione', amountCents: 5_000_000, version: null },
        ],
      },
      finance,
    );
    expect(grid.total.allocatedCents).toBe(185_000_000);
    expect(grid.unallocatedCents).toBe(815_000_000);
    expect(grid.yearTotals.find((y) => y.year === 2018)?.allocatedCents).toBe(185_000_000);
    expect(grid.lineTotals.find((l) => l.lineCode === 'gestione')?.allocatedCents).toBe(5_000_000);
    expect(grid.cells).toHaveLength(grid.years.length * grid.lines.length);

    const before = (await snapshot());
    const refused = await callRefused(
      t.core,
      'budget.allocations.set',
      {
        fundId: fund.id,
        cells: [
          { year: 2019, lineCode: 'gestione', amountCents: 10_000_000, version: null },
          { year: 2020, lineCode: 'tirocini_inserimento', amountCents: 806_234_500, version: null },
        ],
      },
      finance,
    );
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe('La somma delle assegnazioni supera il fondo di € 12.345,00');
    expect(refused.fields?.['cells.2020.tirocini_inserimento']).toBe(refused.message);
    expect((await snapshot())).toEqual(before);

    const outside = await callRefused(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2021, lineCode: 'gestione', amountCents: 1, version: null }] }, finance);
    expect(outside.fields?.['cells.2021.gestione']).toBe('Il fondo copre gli anni 2017–2020');
    expect((await snapshot())).toEqual(before);
  });

  let traineeship: CommitmentDetail;

  it('commits a traineeship as months × monthly indemnity and the available amount drops by exactly that', async () => {
    const grid = await callOk(t.core, 'budget.allocations.grid', { fundId: fund.id }, coordinator);
    const cell = grid.cells.find((c) => c.year === 2018 && c.lineCode === 'tirocini_inserimento');
    const availableBefore = cell?.availableCents ?? 0;
    const auditBefore = (await snapshot()).audit;
    traineeship = await callOk(
      t.core,
      'budget.commitments.create',
      {
        target: { fundId: fund.id, year: 2018, lineCode: 'tirocini_inserimento' },
        amount: { mode: 'tirocinio', months: 6, monthlyIndemnityCents: 45_000 },
        committedOn: '2018-03-01',
        actNumber: 'DD/2018/0012',
        description: 'Indennità di tirocinio – Mario Rossi',
      },
      finance,
    );
    expect(traineeship.commitment).toMatchObject({ amountCents: 270_000, netCents: 270_000, paidCents: 0, leftCents: 270_000, overrideReason: null, year: 2018 });
    expect(traineeship.allocation.availableCents).toBe(availableBefore - 270_000);
    expect((await snapshot()).audit).toBe(auditBefore + 1);
    const row = (await sqlOne(t.core.store, "SELECT action, after_json FROM audit_log WHERE entity = 'impegno' ORDER BY id DESC LIMIT 1")) as { action: string; after_json: string };
    expect(row.action).toBe('impegno');
    expect(JSON.parse(row.after_json)).toMatchObject({ amountCents: 270_000, months: 6, monthlyIndemnityCents: 45_000 });

    const paid = await callOk(
      t.core,
      'budget.payments.create',
      { commitmentId: traineeship.commitment.id, amountCents: 90_000, paidOn: '2018-05-10', payee: 'Mario Rossi', documentNumber: 'LIQ/2018/00001', description: 'Indennità mesi 1–2' },
      finance,
    );
    expect(paid.commitment).toMatchObject({ paidCents: 90_000, leftCents: 180_000 });
    const overview = await callOk(t.core, 'budget.overview', { fundId: fund.id, year: 2018 }, coordinator);
    const line = overview.rows.find((r) => r.lineCode === 'tirocini_inserimento');
    expect(line).toMatchObject({ committedCents: 270_000, paidCents: 90_000, availableCents: 150_000_000 - 270_000, toPayCents: 180_000 });
  });

  it('refuses a commitment beyond what the allocation has left, naming what is left, unless finance gives a reason', async () => {
    const before = (await snapshot());
    const input = {
      target: { fundId: fund.id, year: 2018, lineCode: 'gestione' },
      amount: { mode: 'importo' as const, amountCents: 5_120_000 },
      committedOn: '2018-06-01',
      description: 'Servizio di coordinamento',
    };
    const refused = await callRefused(t.core, 'budget.commitments.create', input, finance);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Restano € 50.000,00 sull’assegnazione «Comune di Bologna – Insieme per il lavoro 2017–2020 · 2018 · Gestione»');
    expect(refused.message).toContain('lo supera di € 1.200,00');
    expect(refused.fields?.overrideReason).toBeDefined();
    expect((await snapshot())).toEqual(before);

    const forced = await callOk(t.core, 'budget.commitments.create', { ...input, overrideReason: 'Delibera di integrazione in arrivo' }, finance);
    expect(forced.commitment.overrideReason).toBe('Delibera di integrazione in arrivo');
    expect(forced.allocation.availableCents).toBe(-120_000);
    const overrides = await callOk(t.core, 'budget.overrides.list', {}, coordinator);
    expect(overrides.rows[0]).toMatchObject({
      source: 'impegno', id: forced.commitment.id, leftBeforeCents: 5_000_000, excessCents: 120_000, reason: 'Delibera di integrazione in arrivo', lineCode: 'gestione',
    });
    expect((await n("SELECT count(*) AS n FROM audit_log WHERE action = 'impegno_in_deroga'"))).toBe(1);
    expect((await callOk(t.core, 'budget.funds.list', {}, finance)).find((f) => f.id === fund.id)?.overrides).toBe(1);

    // now nothing is left: the message says so
    const nothing = await callRefused(t.core, 'budget.commitments.create', { ...input, amount: { mode: 'importo', amountCents: 100 } }, finance);
    expect(nothing.message).toContain('Non resta nulla sull’assegnazione');
  });

  it('refuses lowering an allocation below what is committed on it', async () => {
    const before = (await snapshot());
    const refused = await callRefused(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2018, lineCode: 'tirocini_inserimento', amountCents: 200_000, version: 1 }] }, finance);
    expect(refused.fields?.['cells.2018.tirocini_inserimento']).toContain('sono già impegnati € 2.700,00');
    expect((await snapshot())).toEqual(before);
  });

  it('refuses a payment beyond what the commitment has left unless a reason is given; storno and rettifica are new rows', async () => {
    const id = traineeship.commitment.id;
    const before = (await snapshot());
    const refused = await callRefused(t.core, 'budget.payments.create', { commitmentId: id, amountCents: 200_000, paidOn: '2018-07-10', payee: 'Mario Rossi' }, finance);
    expect(refused.message).toContain(`Restano € 1.800,00 sull’impegno n. ${id}`);
    const early = await callRefused(t.core, 'budget.payments.create', { commitmentId: id, amountCents: 100, paidOn: '2018-02-01', payee: 'Mario Rossi' }, finance);
    expect(early.fields?.paidOn).toBe('La liquidazione non può precedere l’impegno (01/03/2018)');
    expect((await snapshot())).toEqual(before);

    const over = await callOk(t.core, 'budget.payments.create', { commitmentId: id, amountCents: 200_000, paidOn: '2018-07-10', payee: 'Mario Rossi', overrideReason: 'Conguaglio INAIL' }, finance);
    expect(over.commitment).toMatchObject({ paidCents: 290_000, leftCents: -20_000 });
    const payment = over.payments.find((p) => p.amountCents === 200_000);
    const reversed = await callOk(t.core, 'budget.payments.adjust', { paymentId: payment?.id ?? 0, kind: 'storno', paidOn: '2018-07-20', description: 'IBAN errato' }, finance);
    expect(reversed.commitment.paidCents).toBe(90_000);
    expect(reversed.payments.find((p) => p.id === payment?.id)?.netCents).toBe(0);
    const twice = await callRefused(t.core, 'budget.payments.adjust', { paymentId: payment?.id ?? 0, kind: 'storno', paidOn: '2018-07-21', description: 'ancora' }, finance);
    expect(twice.message).toContain('già stornata');
    const first = over.payments.find((p) => p.amountCents === 90_000);
    const corrected = await callOk(t.core, 'budget.payments.adjust', { paymentId: first?.id ?? 0, kind: 'rettifica', amountCents: -100, paidOn: '2018-07-22', description: 'Arrotondamento' }, finance);
    expect(corrected.commitment.paidCents).toBe(89_900);
    expect((await n('SELECT count(*) AS n FROM payments WHERE commitment_id = ?', id))).toBe(4);
  });

  it('reduces and cancels commitments as new rows, never below what is paid', async () => {
    const id = traineeship.commitment.id;
    const before = (await snapshot());
    const tooMuch = await callRefused(t.core, 'budget.commitments.adjust', { commitmentId: id, kind: 'riduzione', amountCents: 180_101, committedOn: '2018-09-01', description: 'Interruzione' }, finance);
    expect(tooMuch.message).toBe('Si può ridurre al massimo di € 1.801,00: dell’impegno di € 2.700,00 sono già liquidati € 899,00');
    const cancel = await callRefused(t.core, 'budget.commitments.adjust', { commitmentId: id, kind: 'annullamento', committedOn: '2018-09-01', description: 'Annullato' }, finance);
    expect(cancel.message).toContain('non si può annullare');
    expect((await snapshot())).toEqual(before);

    const reduced = await callOk(t.core, 'budget.commitments.adjust', { commitmentId: id, kind: 'riduzione', amountCents: 90_000, committedOn: '2018-09-01', description: 'Interruzione anticipata' }, finance);
    expect(reduced.commitment).toMatchObject({ amountCents: 270_000, netCents: 180_000, paidCents: 89_900 });
    expect(reduced.adjustments).toMatchObject([{ kind: 'riduzione', amountCents: -90_000 }]);

    const other = await callOk(
      t.core,
      'budget.commitments.create',
      { target: { fundId: fund.id, year: 2018, lineCode: 'innovazione_sociale' }, amount: { mode: 'importo', amountCents: 1_000_000 }, committedOn: '2018-04-01', description: 'Laboratorio' },
      finance,
    );
    const cancelled = await callOk(t.core, 'budget.commitments.adjust', { commitmentId: other.commitment.id, kind: 'annullamento', committedOn: '2018-05-01', description: 'Progetto ritirato' }, finance);
    expect(cancelled.commitment).toMatchObject({ netCents: 0, cancelled: true });
    expect(cancelled.allocation.committedCents).toBe(0);
    const again = await callRefused(t.core, 'budget.commitments.adjust', { commitmentId: other.commitment.id, kind: 'annullamento', committedOn: '2018-05-02', description: 'x' }, finance);
    expect(again.message).toContain('già annullato');
  });

  it('keeps the ledger append-only in the database itself', async () => {
    const store = t.core.store;
    await expect(sqlRun(store, 'UPDATE commitments SET amount_cents = 1 WHERE id = ?', traineeship.commitment.id)).rejects.toThrow('I movimenti contabili non si modificano');
    await expect(sqlRun(store, 'DELETE FROM payments')).rejects.toThrow('I movimenti contabili non si cancellano');
    await expect(sqlRun(store, 'DELETE FROM budget_overrides')).rejects.toThrow('Le deroghe registrate non si cancellano');
    // links and descriptions stay editable (people merges, anonymisation)
    await sqlRun(store, 'UPDATE commitments SET description = ? WHERE id = ?', 'Indennità di tirocinio', traineeship.commitment.id);
    // and the fund can never be allocated beyond its amount, whoever writes
    await expect(sqlRun(store, 'UPDATE allocations SET amount_cents = amount_cents + 900000000 WHERE fund_id = ?', fund.id)).rejects.toThrow('supera');
  });

  it('drills down to the rows behind a figure, with their count and sum', async () => {
    const page = await callOk(t.core, 'budget.drilldown', { filter: { fundId: fund.id, year: 2018, lineCode: 'tirocini_inserimento', kind: 'liquidazioni' } }, coordinator);
    expect(page.total).toBe(4);
    expect(page.sumCents).toBe(89_900);
    expect(page.rows.map((r) => r.kindLabel)).toEqual(['Rettifica liquidazione', 'Storno', 'Liquidazione', 'Liquidazione']);
    const all = await callOk(t.core, 'budget.drilldown', { filter: { commitmentId: traineeship.commitment.id } }, coordinator);
    expect(all.total).toBe(6);
    expect(all.sumCents).toBe(180_000 + 89_900);
    const dated = await callOk(t.core, 'budget.drilldown', { filter: { fundId: fund.id, from: '2018-07-01', to: '2018-07-31' }, pageSize: 10 }, coordinator);
    expect(dated.rows.every((r) => r.date >= '2018-07-01' && r.date <= '2018-07-31')).toBe(true);
    expect(dated.total).toBe(dated.rows.length);
  });

  it('updates a fund’s name and notes, and its amount only down to what is allocated', async () => {
    const before = (await snapshot());
    const refused = await callRefused(t.core, 'budget.funds.update', { id: fund.id, name: fund.name, notes: null, amountCents: 100_000_000 }, finance);
    expect(refused.fields?.amountCents).toBe('Sono già assegnati € 1.850.000,00: l’importo del fondo non può scendere sotto questa cifra');
    expect((await snapshot())).toEqual(before);
    const updated = await callOk(t.core, 'budget.funds.update', { id: fund.id, name: 'Comune di Bologna – IxL 2017–2020', notes: 'Delibera PG 123/2017', amountCents: null }, finance);
    expect(updated).toMatchObject({ name: 'Comune di Bologna – IxL 2017–2020', notes: 'Delibera PG 123/2017', amountCents: 1_000_000_000 });
    const row = (await sqlOne(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE entity = 'fondo' AND action = 'modifica' ORDER BY id DESC")) as { before_json: string; after_json: string };
    expect(JSON.parse(row.before_json)).toMatchObject({ name: 'Comune di Bologna – Insieme per il lavoro 2017–2020' });
  });

  it('lists commitments to pay, newest first, and opens one with its adjustments and payments', async () => {
    const open = await callOk(t.core, 'budget.commitments.list', { fundId: fund.id, openOnly: true }, readOnly);
    expect(open.rows.map((r) => r.id)).toContain(traineeship.commitment.id);
    expect(open.rows.every((r) => r.leftCents > 0)).toBe(true);
    expect(open.rows.map((r) => r.committedOn)).toEqual(open.rows.map((r) => r.committedOn).sort().reverse());
    expect(open.total).toBe(2); // the traineeship and the commitment made with an override; the cancelled one is not open
    const all = await callOk(t.core, 'budget.commitments.list', { fundId: fund.id, search: 'DD/2018' }, readOnly);
    expect(all.total).toBe(1);
    const detail = await callOk(t.core, 'budget.commitments.get', { id: traineeship.commitment.id }, readOnly);
    expect(detail.payments.map((p) => p.kind)).toEqual(['liquidazione', 'liquidazione', 'storno', 'rettifica']);
    expect(detail.adjustments).toHaveLength(1);
    const adjustmentId = detail.adjustments[0]?.id ?? 0;
    expect((await callRefused(t.core, 'budget.commitments.get', { id: adjustmentId }, readOnly)).message).toContain(`rettifica dell’impegno n. ${traineeship.commitment.id}`);
  });

  it('refuses an invalid grid cell with nothing written', async () => {
    const before = (await snapshot());
    const refused = await callRefused(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2019, lineCode: 'inesistente', amountCents: 1, version: null }] }, admin);
    expect(refused.fields?.['cells.2019.inesistente']).toContain('Voce di spesa sconosciuta');
    expect((await snapshot())).toEqual(before);
    const grid: AllocationGrid = await callOk(t.core, 'budget.allocations.grid', { fundId: fund.id }, readOnly);
    expect(grid.total.allocatedCents).toBe(185_000_000);
  });
});
