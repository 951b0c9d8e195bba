import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../contract/index';
import { daysBetween } from '../../domain/paths';
import { todayIso } from '../../domain/dates';
import { callOk, callRefused } from '../../testing/calls';
import { PathsFixture } from '../../testing/pathsFixture';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlOne } from '../../testing/sql';

let t: TempCore;
let coordinator: string;
let operator: string;
let finance: string;
let fx: PathsFixture;
let companyId: number;

const count = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const ok = <M extends MethodName>(method: M, input: Input<M>, token = operator) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token = operator) => callRefused(t.core, method, input, token);

/** Rows written so far: a refusal must leave both unchanged. */
const written = async () => ({ interventions: (await count('SELECT count(*) AS n FROM interventions')), audit: (await count('SELECT count(*) AS n FROM audit_log')), history: (await count('SELECT count(*) AS n FROM case_status_history')) });

const traineeship = (caseId: number, extra: Partial<Input<'paths.create'>> = {}): Input<'paths.create'> => ({
  caseId,
  instrumentCode: 'tirocinio',
  companyId,
  tutorName: 'Carla Neri',
  months: 6,
  monthlyIndemnityCents: 45_000,
  ...extra,
});

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
  fx = new PathsFixture(t.core, coordinator);
  companyId = await fx.company('Magazzini Emiliani S.r.l.', '037008');
});
afterAll(async () => {
  await t.cleanup();
});

describe('adding interventions', () => {
  it('refuses a case not taken in charge, and writes nothing', async () => {
    const { caseId } = await fx.person({ lastName: 'Iscritta', stage: 'iscritto' });
    const before = (await written());
    const error = await refused('paths.create', traineeship(caseId));
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'Il caso è «Iscritto»: si aggiungono interventi solo per un caso preso in carico (in carico o in percorso)' });
    expect((await written())).toEqual(before);
  });

  it('refuses a traineeship below € 450 a month unless inclusive, and one too long', async () => {
    const { caseId } = await fx.person({ lastName: 'Indennita' });
    const before = (await written());
    const low = await refused('paths.create', traineeship(caseId, { monthlyIndemnityCents: 40_000 }));
    expect(low.code).toBe('VALIDATION');
    expect(low.fields?.monthlyIndemnityCents).toMatch(/almeno € 450,00/);
    const long = await refused('paths.create', traineeship(caseId, { months: 7 }));
    expect(long.fields?.months).toMatch(/^Un tirocinio dura al massimo 6 mesi/);
    const dates = await refused('paths.create', traineeship(caseId, { months: null, startDate: '2025-03-01', endDate: '2025-09-01', status: 'attivo' }));
    expect(dates.fields?.endDate).toMatch(/entro il 31\/08\/2025$/);
    const noCompany = await refused('paths.create', traineeship(caseId, { companyId: null }));
    expect(noCompany.fields?.companyId).toBe('Indicare l’azienda ospitante');
    const unknown = await refused('paths.create', traineeship(caseId, { companyId: 999_999 }));
    expect(unknown.fields?.companyId).toBe('Azienda non trovata');
    expect((await written())).toEqual(before);

    const inclusive = await ok('paths.create', traineeship(caseId, { monthlyIndemnityCents: 30_000, inclusiveTraineeship: true, months: 18 }));
    expect(inclusive).toMatchObject({ status: 'proposto', monthlyIndemnityCents: 30_000, inclusiveTraineeship: true, months: 18 });
    const disadvantaged = await ok('paths.create', traineeship(caseId, { months: 12, traineeCategory: 'svantaggiato' }));
    expect(disadvantaged.traineeCategory).toBe('svantaggiato');
    expect((await written()).interventions).toBe(before.interventions + 2);
  });

  it('keeps only the fields of the instrument and writes one audit row', async () => {
    const { caseId } = await fx.person({ lastName: 'Campi' });
    const auditBefore = (await count('SELECT count(*) AS n FROM audit_log'));
    const course = await ok('paths.create', { caseId, instrumentCode: 'formazione', courseName: 'Logistica e magazzino', courseHours: 80, tutorName: 'non serve', monthlyIndemnityCents: 1 });
    expect(course).toMatchObject({ instrumentCode: 'formazione', courseName: 'Logistica e magazzino', courseHours: 80, tutorName: null, monthlyIndemnityCents: null });
    expect((await count('SELECT count(*) AS n FROM audit_log'))).toBe(auditBefore + 1);
    const audit = (await sqlOne(t.core.store, "SELECT action, entity, entity_id, after_json FROM audit_log ORDER BY id DESC LIMIT 1")) as { action: string; entity: string; entity_id: string; after_json: string };
    expect(audit).toMatchObject({ action: 'crea', entity: 'intervento', entity_id: String(course.id) });
    expect(JSON.parse(audit.after_json)).toMatchObject({ courseName: 'Logistica e magazzino' });
  });
});

describe('a traineeship through its statuses', () => {
  it('starts only with its data, moves the case into «in percorso», ends with an outcome', async () => {
    const { personId, caseId } = await fx.person({ lastName: 'Percorso', interviewDate: '2025-01-20' });
    const proposed = await ok('paths.create', { caseId, instrumentCode: 'tirocinio', companyId });
    expect(proposed).toMatchObject({ status: 'proposto', companyName: 'Magazzini Emiliani S.r.l.', daysFromFirstInterview: null });

    // start without the indemnity and the tutor: refused, nothing changes
    let before = (await written());
    const incomplete = await refused('paths.transition', { id: proposed.id, to: 'attivo', date: '2025-03-03' });
    expect(incomplete.message).toBe('Prima di avviare l’intervento correggere o completare i dati: Indicare l’indennità mensile; Indicare il tutor aziendale; Indicare la durata in mesi o la data di fine');
    expect((await written())).toEqual(before);

    // the indemnity set through an update: € 400 refused, € 450 accepted
    const fields = { id: proposed.id, companyId, tutorName: 'Carla Neri', months: 6 };
    const low = await refused('paths.update', { ...fields, monthlyIndemnityCents: 40_000 });
    expect(low.fields?.monthlyIndemnityCents).toMatch(/almeno € 450,00/);
    expect((await written())).toEqual(before);
    const updated = await ok('paths.update', { ...fields, monthlyIndemnityCents: 45_000 });
    expect(updated.monthlyIndemnityCents).toBe(45_000);
    const audit = (await sqlOne(t.core.store, 'SELECT action, before_json, after_json FROM audit_log ORDER BY id DESC LIMIT 1')) as { action: string; before_json: string; after_json: string };
    expect(audit.action).toBe('modifica');
    expect(JSON.parse(audit.before_json).monthlyIndemnityCents).toBeNull();
    expect(JSON.parse(audit.after_json).monthlyIndemnityCents).toBe(45_000);

    // the start date cannot be in the future nor before the application
    const future = await refused('paths.transition', { id: proposed.id, to: 'attivo', date: '2999-01-01' });
    expect(future.fields?.date).toBe('La data non può essere nel futuro');
    const early = await refused('paths.transition', { id: proposed.id, to: 'attivo', date: '2024-12-01' });
    expect(early.fields?.date).toBe('L’inizio non può precedere la domanda di partecipazione (07/01/2025)');

    before = (await written());
    const started = await ok('paths.transition', { id: proposed.id, to: 'attivo', date: '2025-03-03' });
    expect(started).toMatchObject({ status: 'attivo', startDate: '2025-03-03', daysFromFirstInterview: 42 });
    expect((await written())).toEqual({ interventions: before.interventions, audit: before.audit + 1, history: before.history + 1 });
    const caseNow = (await sqlOne(t.core.store, 'SELECT status, status_date FROM cases WHERE id = ?', caseId));
    expect(caseNow).toEqual({ status: 'in_percorso', status_date: '2025-03-03' });
    const history = (await sqlOne(t.core.store, 'SELECT from_status, to_status, note FROM case_status_history WHERE case_id = ? ORDER BY id DESC LIMIT 1', caseId));
    expect(history).toEqual({ from_status: 'in_carico', to_status: 'in_percorso', note: 'Avvio: Tirocinio presso Magazzini Emiliani S.r.l.' });

    // the path shows the days from the first interview to the traineeship (no hire yet)
    let path = await ok('paths.forPerson', { personId });
    expect(path.placement).toEqual({ interventionId: proposed.id, instrument: 'tirocinio', startDate: '2025-03-03', days: 42 });
    expect(path.cannotAdd).toBeNull();

    const noOutcome = await refused('paths.transition', { id: proposed.id, to: 'concluso', date: '2025-08-29' });
    expect(noOutcome.fields?.outcome).toBe('Indicare l’esito');
    const beforeStart = await refused('paths.transition', { id: proposed.id, to: 'concluso', date: '2025-03-01', outcome: 'Completato' });
    expect(beforeStart.fields?.date).toBe('La fine non può precedere l’inizio (03/03/2025)');
    const ended = await ok('paths.transition', { id: proposed.id, to: 'concluso', date: '2025-08-29', outcome: 'Tirocinio completato: proposta di assunzione' });
    expect(ended).toMatchObject({ status: 'concluso', endDate: '2025-08-29', outcome: 'Tirocinio completato: proposta di assunzione' });
    const again = await refused('paths.transition', { id: proposed.id, to: 'attivo', date: '2025-09-01' });
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'Passaggio non ammesso: da «Concluso» a «Attivo»' });

    // then the hire: it records the contract type and the hire kind, and becomes the placement
    const hire = await ok('paths.create', { caseId, instrumentCode: 'inserimento', companyId, contractType: 'determinato', weeklyHours: 30 });
    const noKind = await refused('paths.transition', { id: hire.id, to: 'attivo', date: '2025-09-01' });
    expect(noKind.fields?.hireKind).toBe('Indicare se è il primo inserimento, un nuovo contratto o una proroga');
    await ok('paths.update', { id: hire.id, companyId, contractType: 'determinato', hireKind: 'primo', weeklyHours: 30 });
    const hired = await ok('paths.transition', { id: hire.id, to: 'attivo', date: '2025-09-01' });
    expect(hired).toMatchObject({ status: 'attivo', contractType: 'determinato', hireKind: 'primo', weeklyHours: 30, daysFromFirstInterview: 224 });
    path = await ok('paths.forPerson', { personId });
    expect(path.placement).toEqual({ interventionId: hire.id, instrument: 'inserimento', startDate: '2025-09-01', days: daysBetween('2025-01-20', '2025-09-01') });
    expect(path.interventions.map((i) => i.id)).toEqual([hire.id, proposed.id]);
  });

  it('withdraws a proposal that never started: no start date, an end date and the reason', async () => {
    const { caseId } = await fx.person({ lastName: 'Rinuncia' });
    const proposed = await ok('paths.create', traineeship(caseId, { startDate: '2999-01-01' }));
    const dropped = await ok('paths.transition', { id: proposed.id, to: 'interrotto', date: todayIso(), outcome: 'La persona ha trovato lavoro da sola' });
    expect(dropped).toMatchObject({ status: 'interrotto', startDate: null, endDate: todayIso() });
    expect((await sqlOne(t.core.store, 'SELECT status FROM cases WHERE id = ?', caseId))).toEqual({ status: 'in_carico' });
  });

  it('refuses new interventions once the case is closed, and unknown ones', async () => {
    const { caseId } = await fx.person({ lastName: 'Chiuso' });
    await ok('cases.transition', { caseId, to: 'concluso', date: '2025-02-10', outcome: 'ritirato' }, coordinator);
    const before = (await written());
    const error = await refused('paths.create', traineeship(caseId));
    expect(error.message).toBe('Il caso è «Concluso»: si aggiungono interventi solo per un caso preso in carico (in carico o in percorso)');
    expect((await refused('paths.transition', { id: 987_654, to: 'attivo', date: '2025-03-01' })).code).toBe('NOT_FOUND');
    expect((await written())).toEqual(before);
  });
});

describe('roles and privacy', () => {
  it('lets finance read names and data but not the outcome, notes or the trainee’s condition, and not write', async () => {
    const { personId, caseId } = await fx.person({ lastName: 'Riservata' });
    const created = await ok('paths.create', traineeship(caseId, { months: 12, traineeCategory: 'disabile', notes: 'Certificazione L. 68/99 in fascicolo' }));
    const seen = await ok('paths.get', { id: created.id }, finance);
    expect(seen).toMatchObject({ personName: 'Riservata Anna', monthlyIndemnityCents: 45_000, traineeCategory: null, notes: null, personalDataHidden: true });
    const path = await ok('paths.forPerson', { personId }, finance);
    expect(path.interventions[0]).toMatchObject({ traineeCategory: null, notes: null });
    const forbidden = await refused('paths.create', traineeship(caseId), finance);
    expect(forbidden.code).toBe('FORBIDDEN');
    expect((await ok('paths.get', { id: created.id }, coordinator)).traineeCategory).toBe('disabile');
  });
});

describe('the Percorsi list', () => {
  it('filters by instrument, status, company and period, newest start first', async () => {
    const other = await fx.company('Cooperativa Sociale La Quercia', '037006');
    const { caseId } = await fx.person({ lastName: 'Elenco' });
    const a = await ok('paths.create', traineeship(caseId, { companyId: other, startDate: '2025-02-03', status: 'attivo' }));
    const b = await ok('paths.create', { caseId, instrumentCode: 'credito', lender: 'Banca Etica', loanCents: 300_000, startDate: '2025-02-10', status: 'attivo' });
    const all = await ok('paths.list', {}, finance);
    expect(all.total).toBe((await count('SELECT count(*) AS n FROM interventions')));
    // newest first: proposals without a date by the day they were recorded (today), then by start
    expect(all.rows[0]?.startDate).toBeNull();
    const dated = all.rows.filter((r) => r.startDate !== null).map((r) => r.startDate as string);
    expect(dated).toEqual([...dated].sort().reverse());

    const byCompany = await ok('paths.list', { filter: { company: 'quercia' } });
    expect(byCompany.rows.map((r) => r.id)).toEqual([a.id]);
    expect(byCompany.rows[0]).toMatchObject({ personName: 'Elenco Anna', companyName: 'Cooperativa Sociale La Quercia', detail: '€ 450,00/mese · 6 mesi', status: 'attivo' });
    expect((await ok('paths.list', { filter: { companyId: other } })).total).toBe(1);
    const credit = await ok('paths.list', { filter: { instruments: ['credito'], statuses: ['attivo'] } });
    expect(credit.rows.map((r) => r.id)).toEqual([b.id]);
    expect(credit.rows[0]?.detail).toBe('Banca Etica · € 3.000,00');
    expect((await ok('paths.list', { filter: { from: '2025-02-05', to: '2025-02-07', company: 'quercia' } })).total).toBe(1);
    expect((await ok('paths.list', { filter: { to: '2025-02-01', company: 'quercia' } })).total).toBe(0);
    const page2 = await ok('paths.list', { page: 2, pageSize: 10 });
    expect(page2.rows.length).toBe(Math.max(0, Math.min(10, all.total - 10)));
    const badPeriod = await refused('paths.list', { filter: { from: '2025-03-01', to: '2025-02-01' } });
    expect(badPeriod.fields?.['filter.to']).toBe('La fine del periodo non può precedere l’inizio');
  });
});
