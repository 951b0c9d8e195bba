import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../contract/index';
import type { TemplateDefinition } from '../../contract/assessments';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { callOk, callRefused } from '../../testing/calls';
import { loadCaseView } from './cases';
import { todayIso } from '../../domain/dates';
import { sqlAll, sqlInsert, sqlOne } from '../../testing/sql';

let t: TempCore;
let admin: string;
let coordinator: string;
let operator: string;
let coordinatorId: number;
let marcoId: number;
let caritasId: number;

const count = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;

const ok = <M extends MethodName>(method: M, input: Input<M>, token: string) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token: string) => callRefused(t.core, method, input, token);

let personSeq = 0;
/** A person row written directly: the cases API only needs it to exist. */
async function insertPerson(extra: { merged_into_id?: number } = {}): Promise<number> {
  personSeq++;
  const now = new Date().toISOString();
  return (await sqlInsert(t.core.store, 
      `INSERT INTO people (last_name, first_name, name_key, sex, tax_code_missing_reason, merged_into_id, created_at, updated_at)
       VALUES (?, ?, ?, 'F', 'Arrivata da poco', ?, ?, ?)`, `Bianchi${personSeq}`, 'Lucia', `bianchi${personSeq}lucia`, extra.merged_into_id ?? null, now, now));
}

/** Answers worth `total` points: enough items at their highest option, the rest at 0. */
function answersFor(definition: TemplateDefinition, total: number): { itemCode: string; optionCode: string }[] {
  let left = total;
  return definition.dimensions.flatMap((d) =>
    d.items.map((item) => {
      const sorted = [...item.options].sort((a, b) => b.points - a.points);
      const option = sorted.find((o) => o.points <= left) ?? (sorted[sorted.length - 1] as (typeof sorted)[number]);
      left -= option.points;
      return { itemCode: item.code, optionCode: option.code };
    }),
  );
}

async function assess(caseId: number, total: number, assessedOn: string, token = coordinator) {
  const template = await ok('assessments.template', {}, token);
  return ok('assessments.create', { caseId, templateId: template.id, assessedOn, answers: answersFor(template.definition, total) }, token);
}

const openCase = (personId: number, applicationDate = '2024-03-01', token = coordinator) =>
  ok('cases.create', { personId, channelCode: 'modulo_online', applicationDate }, token);
const schedule = (caseId: number, date: string, interviewOn: string, token = coordinator) =>
  ok('cases.transition', { caseId, to: 'colloquio_fissato', date, interviewOn }, token);

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  coordinatorId = ((await sqlOne(t.core.store, "SELECT id FROM users WHERE username = 'utente.coordinatore'")) as { id: number }).id;
  marcoId = (await ok('auth.users.create', { fullName: 'Marco Rossi', username: 'm.rossi', role: 'coordinatore', password: 'password-di-prova' }, admin)).id;
  caritasId = ((await sqlOne(t.core.store, "SELECT id FROM organisations WHERE code = 'caritas_bo'")) as { id: number }).id;
});
afterAll(async () => {
  await t.cleanup();
});

describe('a case through the funnel', () => {
  it('goes from a Caritas referral to a placement, with history and audit', async () => {
    const personId = (await insertPerson());
    const created = await ok(
      'cases.create',
      { personId, channelCode: 'caritas', referringOrgId: caritasId, referringPoint: 'Centro di ascolto San Paolo', applicationDate: '2024-03-01', referentUserId: marcoId, note: 'Inviata dal parroco' },
      coordinator,
    );
    expect(created).toMatchObject({
      status: 'iscritto',
      statusDate: '2024-03-01',
      channelName: 'Punto di ascolto Caritas',
      referringOrgName: 'Caritas diocesana di Bologna',
      referringPoint: 'Centro di ascolto San Paolo',
      referentName: 'Marco Rossi',
      closedOn: null,
    });
    const caseId = created.id;

    const scheduled = await schedule(caseId, '2024-03-04', '2024-03-18');
    expect(scheduled).toMatchObject({ status: 'colloquio_fissato', statusDate: '2024-03-04', interviewScheduledOn: '2024-03-18' });

    const assessment = await assess(caseId, 18, '2024-03-18');
    expect(assessment).toMatchObject({ caseId, personId, totalPoints: 18, band: 'target', routing: 'Prendere in carico la persona', template: { version: 1 } });
    expect(assessment.answers).toHaveLength(30);
    expect(await loadCaseView(t.core.store.db, caseId)).toMatchObject({ status: 'valutato', statusDate: '2024-03-18', firstInterviewDate: '2024-03-18' });

    await ok('cases.transition', { caseId, to: 'in_carico', date: '2024-03-20' }, coordinator);
    await ok('cases.transition', { caseId, to: 'in_percorso', date: '2024-04-02', note: 'Tirocinio in logistica' }, coordinator);
    const closed = await ok('cases.transition', { caseId, to: 'concluso', date: '2024-09-30', outcome: 'assunto' }, coordinator);
    expect(closed).toMatchObject({ status: 'concluso', outcome: 'assunto', closedOn: '2024-09-30', firstInterviewDate: '2024-03-18' });

    const history = (await sqlAll(t.core.store, 'SELECT from_status, to_status, changed_on, user_id, note FROM case_status_history WHERE case_id = ? ORDER BY id', caseId));
    expect(history).toEqual([
      { from_status: null, to_status: 'iscritto', changed_on: '2024-03-01', user_id: coordinatorId, note: 'Inviata dal parroco' },
      { from_status: 'iscritto', to_status: 'colloquio_fissato', changed_on: '2024-03-04', user_id: coordinatorId, note: null },
      { from_status: 'colloquio_fissato', to_status: 'valutato', changed_on: '2024-03-18', user_id: coordinatorId, note: null },
      { from_status: 'valutato', to_status: 'in_carico', changed_on: '2024-03-20', user_id: coordinatorId, note: null },
      { from_status: 'in_carico', to_status: 'in_percorso', changed_on: '2024-04-02', user_id: coordinatorId, note: 'Tirocinio in logistica' },
      { from_status: 'in_percorso', to_status: 'concluso', changed_on: '2024-09-30', user_id: coordinatorId, note: null },
    ]);

    const audit = (await sqlAll(t.core.store, 
        `SELECT action, entity, user_id, before_json, after_json FROM audit_log
         WHERE (entity = 'caso' AND entity_id = ?) OR (entity = 'valutazione' AND entity_id = ?) ORDER BY id`, String(caseId), String(assessment.id))) as { action: string; entity: string; user_id: number; before_json: string | null; after_json: string }[];
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual([
      'caso:crea', 'caso:cambia_stato', 'valutazione:crea', 'caso:cambia_stato', 'caso:cambia_stato', 'caso:cambia_stato',
    ]);
    expect(audit.every((a) => a.user_id === coordinatorId)).toBe(true);
    const last = audit[audit.length - 1];
    expect(JSON.parse(last?.before_json ?? '{}')).toMatchObject({ status: 'in_percorso' });
    expect(JSON.parse(last?.after_json ?? '{}')).toMatchObject({ status: 'concluso', outcome: 'assunto' });
    const assessed = audit[2];
    expect(JSON.parse(assessed?.after_json ?? '{}')).toMatchObject({ totalPoints: 18, band: 'target', caseStatus: 'valutato' });
    expect(assessed?.after_json).not.toMatch(/optionCode|answers|lavoro_01/);

    // closed: the person may apply again
    expect((await openCase(personId, '2025-01-10')).status).toBe('iscritto');
  });
});

describe('opening a case', () => {
  it('refuses a second open case, naming who holds the first', async () => {
    const personId = (await insertPerson());
    const first = await ok('cases.create', { personId, channelCode: 'casella_mail', applicationDate: '2024-05-02', referentUserId: marcoId }, operator);
    await schedule(first.id, '2024-05-03', '2024-05-20', operator);
    const before = (await count('SELECT count(*) n FROM cases'));
    const error = await refused('cases.create', { personId, channelCode: 'modulo_online', applicationDate: '2024-06-01' }, coordinator);
    expect(error).toEqual({
      code: 'CONFLICT',
      message: 'La persona ha già un caso aperto (Colloquio fissato, referente Marco Rossi): non si apre un secondo intervento',
    });
    expect((await count('SELECT count(*) n FROM cases'))).toBe(before);
  });

  it('checks the person, the channel, the referent and the date', async () => {
    const personId = (await insertPerson());
    expect(await refused('cases.create', { personId: 999_999, channelCode: 'caritas', applicationDate: '2024-05-02' }, coordinator)).toMatchObject({ code: 'NOT_FOUND' });
    const merged = (await insertPerson({ merged_into_id: personId }));
    expect((await refused('cases.create', { personId: merged, channelCode: 'caritas', applicationDate: '2024-05-02' }, coordinator)).code).toBe('CONFLICT');

    const bad = await refused('cases.create', { personId, channelCode: 'piccione', referringOrgId: 999, applicationDate: '2024-05-02' }, coordinator);
    expect(bad).toMatchObject({ code: 'VALIDATION', fields: { channelCode: 'Canale di accesso non valido', referringOrgId: 'Ente inviante non trovato' } });

    const gone = await ok('auth.users.create', { fullName: 'Paolo Neri', username: 'p.neri', role: 'operatore', password: 'password-di-prova' }, admin);
    await ok('auth.users.update', { id: gone.id, active: false }, admin);
    const inactive = await refused('cases.create', { personId, channelCode: 'caritas', applicationDate: '2024-05-02', referentUserId: gone.id }, coordinator);
    expect(inactive.fields?.referentUserId).toContain('disattivato');

    const tomorrow = todayIso(new Date(Date.now() + 2 * 86_400_000));
    expect((await refused('cases.create', { personId, channelCode: 'caritas', applicationDate: tomorrow }, coordinator)).fields).toHaveProperty('applicationDate');
    expect((await count('SELECT count(*) n FROM cases WHERE person_id IN (?, ?)', personId, merged))).toBe(0);
  });

  it('changes referent, referring organisation and point', async () => {
    const c = await openCase((await insertPerson()));
    const updated = await ok('cases.update', { caseId: c.id, referentUserId: marcoId, referringOrgId: caritasId, referringPoint: 'Parrocchia di San Donato' }, operator);
    expect(updated).toMatchObject({ referentName: 'Marco Rossi', referringOrgName: 'Caritas diocesana di Bologna', referringPoint: 'Parrocchia di San Donato' });
    const cleared = await ok('cases.update', { caseId: c.id, referentUserId: null }, operator);
    expect(cleared).toMatchObject({ referentUserId: null, referringOrgName: 'Caritas diocesana di Bologna' });
    expect((await count("SELECT count(*) n FROM audit_log WHERE entity = 'caso' AND action = 'modifica' AND entity_id = ?", String(c.id)))).toBe(2);
    expect((await refused('cases.update', { caseId: c.id, referringOrgId: 999 }, operator)).fields).toEqual({ referringOrgId: 'Ente inviante non trovato' });
  });
});

describe('transitions', () => {
  it('refuses a transition outside the funnel and writes nothing', async () => {
    const c = await openCase((await insertPerson()));
    const snapshot = async () => [(await count('SELECT count(*) n FROM case_status_history')), (await count('SELECT count(*) n FROM audit_log'))];
    const before = (await snapshot());
    expect(await refused('cases.transition', { caseId: c.id, to: 'in_percorso', date: '2024-03-05' }, coordinator)).toEqual({
      code: 'CONFLICT',
      message: 'Transizione non ammessa: da «Iscritto» a «In percorso»',
    });
    await schedule(c.id, '2024-03-02', '2024-03-10');
    await assess(c.id, 20, '2024-03-10');
    const afterAssessment = (await snapshot());
    expect(await refused('cases.transition', { caseId: c.id, to: 'concluso', date: '2024-03-12', outcome: 'ritirato' }, coordinator)).toEqual({
      code: 'CONFLICT',
      message: 'Transizione non ammessa: da «Valutato» a «Concluso»',
    });
    expect((await snapshot())).toEqual(afterAssessment);
    expect(afterAssessment).toEqual([before[0] as number + 2, before[1] as number + 2]);
    expect((await loadCaseView(t.core.store.db, c.id)).status).toBe('valutato');
  });

  it('lets an operator schedule the interview but not route the case', async () => {
    const c = await openCase((await insertPerson()), '2024-03-01', operator);
    await schedule(c.id, '2024-03-02', '2024-03-09', operator);
    expect((await refused('assessments.create', { caseId: c.id, templateId: 1, assessedOn: '2024-03-09', answers: [{ itemCode: 'x', optionCode: 'a' }] }, operator)).code).toBe(
      'FORBIDDEN',
    );
    await assess(c.id, 15, '2024-03-09');
    const error = await refused('cases.transition', { caseId: c.id, to: 'in_carico', date: '2024-03-10' }, operator);
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Solo un coordinatore può prendere in carico un caso o dichiararlo fuori target' });
    expect((await refused('cases.transition', { caseId: c.id, to: 'fuori_target', date: '2024-03-10', outOfTargetReason: 'fragile' }, operator)).code).toBe('FORBIDDEN');
    expect((await loadCaseView(t.core.store.db, c.id)).status).toBe('valutato');
    expect((await ok('cases.transition', { caseId: c.id, to: 'in_carico', date: '2024-03-10' }, coordinator)).status).toBe('in_carico');
    // once in charge, moving on is ordinary work
    expect((await ok('cases.transition', { caseId: c.id, to: 'in_percorso', date: '2024-03-15' }, operator)).status).toBe('in_percorso');
  });

  it('checks dates, interview, outcome and reasons', async () => {
    const c = await openCase((await insertPerson()), '2024-03-01');
    const missingInterview = await refused('cases.transition', { caseId: c.id, to: 'colloquio_fissato', date: '2024-03-02' }, coordinator);
    expect(missingInterview).toMatchObject({ code: 'VALIDATION', fields: { interviewOn: 'Indicare la data del colloquio' } });
    const early = await refused('cases.transition', { caseId: c.id, to: 'colloquio_fissato', date: '2024-02-20', interviewOn: '2024-03-10' }, coordinator);
    expect(early.fields?.date).toBe('La data non può precedere quella dello stato attuale «Iscritto» (01/03/2024)');
    const tomorrow = todayIso(new Date(Date.now() + 2 * 86_400_000));
    expect((await refused('cases.transition', { caseId: c.id, to: 'colloquio_fissato', date: tomorrow, interviewOn: tomorrow }, coordinator)).fields?.date).toBe(
      'La data non può essere nel futuro',
    );
    expect((await refused('cases.transition', { caseId: c.id, to: 'concluso', date: '2024-03-05', outcome: 'assunto' }, coordinator)).fields?.outcome).toContain('«Ritirato»');
    expect((await refused('cases.transition', { caseId: c.id, to: 'concluso', date: '2024-03-05' }, coordinator)).fields).toEqual({ outcome: 'Indicare l’esito' });

    // rescheduling an interview
    await schedule(c.id, '2024-03-02', '2024-03-10');
    const moved = await schedule(c.id, '2024-03-08', '2024-03-22');
    expect(moved).toMatchObject({ status: 'colloquio_fissato', statusDate: '2024-03-08', interviewScheduledOn: '2024-03-22' });
    expect(await refused('cases.transition', { caseId: c.id, to: 'valutato', date: '2024-03-22' }, coordinator)).toMatchObject({ code: 'CONFLICT' });

    // a strong profile taken in charge anyway needs a reason
    await assess(c.id, 8, '2024-03-22');
    const noNote = await refused('cases.transition', { caseId: c.id, to: 'in_carico', date: '2024-03-25' }, coordinator);
    expect(noNote.fields?.note).toBe('La valutazione indica «Profilo forte / autonomo» (8 punti): spiegare nella nota perché la persona viene presa in carico');
    expect((await refused('cases.transition', { caseId: c.id, to: 'fuori_target', date: '2024-03-25' }, coordinator)).fields).toHaveProperty('outOfTargetReason');
    const out = await ok('cases.transition', { caseId: c.id, to: 'fuori_target', date: '2024-03-25', outOfTargetReason: 'profilo_forte' }, coordinator);
    expect(out).toMatchObject({ status: 'fuori_target', outOfTargetReason: 'profilo_forte', closedOn: '2024-03-25' });
    expect(await refused('cases.transition', { caseId: c.id, to: 'in_carico', date: '2024-03-26', note: 'ci ripensiamo' }, coordinator)).toMatchObject({
      message: 'Transizione non ammessa: da «Fuori target» a «In carico»',
    });
  });

  it('takes in charge an out-of-band profile when the note explains why', async () => {
    const c = await openCase((await insertPerson()), '2024-03-01');
    await schedule(c.id, '2024-03-02', '2024-03-10');
    await assess(c.id, 35, '2024-03-10');
    const taken = await ok('cases.transition', { caseId: c.id, to: 'in_carico', date: '2024-03-11', note: 'L’équipe L.R. 14 ha chiesto di proseguire con noi' }, coordinator);
    expect(taken.status).toBe('in_carico');
    const ended = await ok('cases.transition', { caseId: c.id, to: 'concluso', date: '2024-05-11', outcome: 'ritirato' }, coordinator);
    expect(ended).toMatchObject({ outcome: 'ritirato', closedOn: '2024-05-11' });
  });
});

describe('no-shows', () => {
  it('are recorded only on a scheduled interview, once per date', async () => {
    const c = await openCase((await insertPerson()), '2024-04-01', operator);
    expect((await refused('cases.recordNoShow', { caseId: c.id, scheduledOn: '2024-04-10' }, operator)).code).toBe('CONFLICT');
    await schedule(c.id, '2024-04-02', '2024-04-10', operator);
    const after = await ok('cases.recordNoShow', { caseId: c.id, scheduledOn: '2024-04-10', note: 'Telefono spento' }, operator);
    expect(after).toMatchObject({ noShowCount: 1, status: 'colloquio_fissato' });
    expect((await sqlAll(t.core.store, 'SELECT scheduled_on, note FROM case_no_shows WHERE case_id = ?', c.id))).toEqual([{ scheduled_on: '2024-04-10', note: 'Telefono spento' }]);
    const again = await refused('cases.recordNoShow', { caseId: c.id, scheduledOn: '2024-04-10' }, operator);
    expect(again).toEqual({ code: 'CONFLICT', message: 'La mancata presentazione al colloquio del 10/04/2024 è già registrata' });
    const audit = (await sqlAll(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE entity = 'caso' AND action = 'mancata_presentazione' AND entity_id = ?", String(c.id)));
    expect(audit).toEqual([{ before_json: '{"noShowCount":0}', after_json: '{"noShowCount":1,"scheduledOn":"2024-04-10"}' }]);

    await schedule(c.id, '2024-04-11', '2024-04-24', operator);
    expect((await ok('cases.recordNoShow', { caseId: c.id, scheduledOn: '2024-04-24' }, operator)).noShowCount).toBe(2);
  });
});
