import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../contract/index';
import type { TemplateDefinition } from '../../contract/assessments';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { callOk, callRefused } from '../../testing/calls';
import { defaultTemplate } from './template';
import { loadCaseView } from '../cases/cases';
import { sqlAll, sqlInsert, sqlOne } from '../../testing/sql';

let t: TempCore;
let admin: string;
let coordinator: string;
let operator: string;
let finance: string;

const count = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;

const ok = <M extends MethodName>(method: M, input: Input<M>, token: string) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token: string) => callRefused(t.core, method, input, token);

let personSeq = 0;
/** A person row written directly: assessments only need it to exist. */
async function insertPerson(): Promise<number> {
  personSeq++;
  const now = new Date().toISOString();
  return (await sqlInsert(t.core.store, 
      `INSERT INTO people (last_name, first_name, name_key, sex, tax_code_missing_reason, created_at, updated_at)
       VALUES (?, 'Ahmed', ?, 'M', 'Arrivato da poco', ?, ?)`, `Karim${personSeq}`, `karim${personSeq}ahmed`, now, now));
}

/** A case with the interview scheduled on 2024-03-10. */
async function scheduledCase(): Promise<number> {
  const c = await ok('cases.create', { personId: (await insertPerson()), channelCode: 'servizi_sociali', applicationDate: '2024-03-01' }, coordinator);
  await ok('cases.transition', { caseId: c.id, to: 'colloquio_fissato', date: '2024-03-02', interviewOn: '2024-03-10' }, coordinator);
  return c.id;
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

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
});
afterAll(async () => {
  await t.cleanup();
});

describe('the questionnaire', () => {
  it('starts on a fresh database from resources/assessment/lr14-v1.json, once', async () => {
    expect((await count('SELECT count(*) n FROM assessment_templates'))).toBe(0);
    const template = await ok('assessments.template', {}, operator);
    const file = defaultTemplate();
    expect(template).toMatchObject({ code: 'lr14', version: 1, title: file.title, thresholds: { fragileAbove: 30, strongBelow: 11 } });
    expect(template.definition).toEqual(file.definition);
    expect(template.definition.dimensions.map((d) => d.items.length)).toEqual([10, 10, 10]);
    expect((await ok('assessments.template', {}, coordinator)).id).toBe(template.id);
    expect((await count('SELECT count(*) n FROM assessment_templates'))).toBe(1);
    expect((await count("SELECT count(*) n FROM audit_log WHERE entity = 'questionario' AND action = 'crea'"))).toBe(1);
    expect((await refused('assessments.template', {}, finance)).code).toBe('FORBIDDEN');
  });

  it('is versioned: an edit is a new version and old assessments keep theirs', async () => {
    const v1 = await ok('assessments.template', {}, coordinator);
    const caseId = await scheduledCase();
    const old = await ok('assessments.create', { caseId, templateId: v1.id, assessedOn: '2024-03-10', answers: answersFor(v1.definition, 12) }, coordinator);

    const definition = structuredClone(v1.definition);
    const first = definition.dimensions[0]?.items[0];
    if (!first) throw new Error('questionario vuoto');
    first.text = 'Da quanto tempo è senza lavoro?';
    first.options = [
      { code: 'a', label: 'Meno di 6 mesi', points: 0 },
      { code: 'b', label: 'Più di 2 anni', points: 5 },
    ];
    expect((await refused('assessments.saveTemplate', { title: 'Profilo 2025', definition }, coordinator)).code).toBe('FORBIDDEN');
    const v2 = await ok('assessments.saveTemplate', { title: 'Profilo di fragilità L.R. 14/2015 (2025)', definition }, admin);
    expect(v2).toMatchObject({ version: 2, title: 'Profilo di fragilità L.R. 14/2015 (2025)' });
    expect((await ok('assessments.template', {}, coordinator)).id).toBe(v2.id);
    expect(await ok('assessments.templateVersions', {}, admin)).toMatchObject([
      { id: v2.id, version: 2, active: true },
      { id: v1.id, version: 1, active: false },
    ]);

    // re-assessment while «Valutato», with the new version
    const newer = await ok('assessments.create', { caseId, templateId: v2.id, assessedOn: '2024-03-12', answers: answersFor(v2.definition, 14) }, coordinator);
    expect(newer).toMatchObject({ totalPoints: 14, template: { id: v2.id, version: 2 } });
    expect(newer.answers?.[0]).toEqual({ itemCode: first.code, optionCode: 'b', points: 5 });
    const reread = await ok('assessments.get', { id: old.id }, coordinator);
    expect(reread).toMatchObject({ totalPoints: 12, template: { id: v1.id, version: 1 } });
    expect(reread.answers?.[0]).toMatchObject({ itemCode: first.code, optionCode: 'd', points: 3 });
    // the old assessment reads with the texts of its own version, the new one with the new texts
    const v1First = v1.definition.dimensions[0]?.items[0];
    expect(v1First?.text).not.toBe(first.text);
    expect(reread.template.definition).toEqual(v1.definition);
    expect(reread.template.definition.dimensions[0]?.items[0]).toMatchObject({ text: v1First?.text, options: v1First?.options });
    expect(newer.template.definition.dimensions[0]?.items[0]).toMatchObject({ text: 'Da quanto tempo è senza lavoro?', options: first.options });
    expect((await ok('assessments.get', { id: old.id }, finance)).template.definition).toEqual(v1.definition);
    expect((await count('SELECT count(*) n FROM case_status_history WHERE case_id = ? AND to_status = ?', caseId, 'valutato'))).toBe(1);
  });

  it('refuses a definition with repeated codes', async () => {
    const { definition } = defaultTemplate();
    const dimension = definition.dimensions[1];
    const item = dimension?.items[2];
    if (!dimension || !item) throw new Error('questionario vuoto');
    item.code = 'lavoro_01';
    item.options[1] = { code: 'a', label: 'Ripetuta', points: 1 };
    const before = (await count('SELECT count(*) n FROM assessment_templates'));
    const error = await refused('assessments.saveTemplate', { title: 'Con errori', definition }, admin);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'Il questionario non può essere salvato: Codice di domanda ripetuto: lavoro_01',
      fields: {
        'definition.dimensions.1.items.2.code': 'Codice di domanda ripetuto: lavoro_01',
        'definition.dimensions.1.items.2.options.1.code': `Codice di risposta ripetuto nella domanda «${item.text}»: a`,
      },
    });
    item.code = 'sociale_03';
    item.options = item.options.slice(0, 1);
    expect((await refused('assessments.saveTemplate', { title: 'Con errori', definition }, admin)).fields).toHaveProperty(['definition.dimensions.1.items.2.options']);
    expect((await count('SELECT count(*) n FROM assessment_templates'))).toBe(before);
  });
});

describe('an assessment', () => {
  it('with a missing answer is refused by item, and nothing is written', async () => {
    const template = await ok('assessments.template', {}, coordinator);
    const caseId = await scheduledCase();
    const answers = answersFor(template.definition, 20);
    const lastItem = answers.pop();
    const snapshot = async () => [(await count('SELECT count(*) n FROM assessments')), (await count('SELECT count(*) n FROM assessment_answers')), (await count('SELECT count(*) n FROM audit_log'))];
    const before = (await snapshot());
    const error = await refused('assessments.create', { caseId, templateId: template.id, assessedOn: '2024-03-10', answers }, coordinator);
    expect(error).toEqual({ code: 'VALIDATION', message: 'Questionario incompleto: manca 1 risposta', fields: { [`answers.${lastItem?.itemCode}`]: 'Risposta mancante' } });

    const wrong = [...answers, { itemCode: lastItem?.itemCode ?? '', optionCode: 'z' }, { itemCode: 'inventata', optionCode: 'a' }];
    expect((await refused('assessments.create', { caseId, templateId: template.id, assessedOn: '2024-03-10', answers: wrong }, coordinator)).fields).toEqual({
      [`answers.${lastItem?.itemCode}`]: 'Risposta non prevista per questa domanda',
      'answers.inventata': 'Domanda non presente nel questionario',
    });
    expect((await snapshot())).toEqual(before);
    expect((await loadCaseView(t.core.store.db, caseId)).status).toBe('colloquio_fissato');
  });

  it('is refused before the interview is scheduled and after routing', async () => {
    const template = await ok('assessments.template', {}, coordinator);
    const c = await ok('cases.create', { personId: (await insertPerson()), channelCode: 'modulo_online', applicationDate: '2024-03-01' }, coordinator);
    const input = { caseId: c.id, templateId: template.id, assessedOn: '2024-03-10', answers: answersFor(template.definition, 20) };
    expect(await refused('assessments.create', input, coordinator)).toEqual({
      code: 'CONFLICT',
      message: 'Si può registrare la valutazione solo per un caso con colloquio fissato o già valutato (stato attuale: «Iscritto»)',
    });
    const caseId = await scheduledCase();
    expect((await refused('assessments.create', { ...input, caseId, assessedOn: '2024-03-01' }, coordinator)).fields).toHaveProperty('assessedOn');
    await ok('assessments.create', { ...input, caseId }, coordinator);
    await ok('cases.transition', { caseId, to: 'in_carico', date: '2024-03-11' }, coordinator);
    expect((await refused('assessments.create', { ...input, caseId, assessedOn: '2024-03-12' }, coordinator)).code).toBe('CONFLICT');
  });

  it('bands the total at the edges, as settings say', async () => {
    const template = await ok('assessments.template', {}, coordinator);
    const caseId = await scheduledCase();
    const bandOf = async (total: number) => {
      const a = await ok('assessments.create', { caseId, templateId: template.id, assessedOn: '2024-03-10', answers: answersFor(template.definition, total) }, coordinator);
      expect(a.totalPoints).toBe(total);
      return [a.band, a.thresholds.fragileAbove, a.thresholds.strongBelow];
    };
    expect(await bandOf(10)).toEqual(['forte', 30, 11]);
    expect(await bandOf(11)).toEqual(['target', 30, 11]);
    expect(await bandOf(30)).toEqual(['target', 30, 11]);
    expect(await bandOf(31)).toEqual(['fragile', 30, 11]);

    await ok('system.settings.update', { bandFragileAbove: 20, bandStrongBelow: 15 }, admin);
    expect((await ok('assessments.template', {}, coordinator)).thresholds).toEqual({ fragileAbove: 20, strongBelow: 15 });
    expect(await bandOf(14)).toEqual(['forte', 20, 15]);
    expect(await bandOf(18)).toEqual(['target', 20, 15]);
    expect(await bandOf(21)).toEqual(['fragile', 20, 15]);
    const stored = (await sqlAll(t.core.store, 'SELECT total_points, band, fragile_above, strong_below, routing FROM assessments WHERE case_id = ? ORDER BY id', caseId));
    expect(stored.at(0)).toEqual({ total_points: 10, band: 'forte', fragile_above: 30, strong_below: 11, routing: 'Indirizzare alle associazioni datoriali' });
    expect(stored.at(-1)).toEqual({ total_points: 21, band: 'fragile', fragile_above: 20, strong_below: 15, routing: 'Inviare all’équipe multiprofessionale L.R. 14/2015' });
    await ok('system.settings.update', { bandFragileAbove: 30, bandStrongBelow: 11 }, admin);
  });

  it('shows answers and notes only to the roles that work on cases', async () => {
    const template = await ok('assessments.template', {}, coordinator);
    const caseId = await scheduledCase();
    const created = await ok(
      'assessments.create',
      { caseId, templateId: template.id, assessedOn: '2024-03-10', answers: answersFor(template.definition, 16), notes: 'Situazione abitativa precaria' },
      coordinator,
    );
    const byOperator = await ok('assessments.get', { id: created.id }, operator);
    expect(byOperator).toMatchObject({ totalPoints: 16, band: 'target', notes: 'Situazione abitativa precaria', assessorName: 'Utente coordinatore' });
    expect(byOperator.answers).toHaveLength(30);
    expect(byOperator.answers?.[0]?.itemCode).toBe(template.definition.dimensions[0]?.items[0]?.code);
    const byFinance = await ok('assessments.get', { id: created.id }, finance);
    expect(byFinance).toMatchObject({ totalPoints: 16, band: 'target', notes: null, answers: null });
    expect((await refused('assessments.get', { id: 999_999 }, operator)).code).toBe('NOT_FOUND');
    // the assessor follows a case that had no referent, from the interview on
    expect(await loadCaseView(t.core.store.db, caseId)).toMatchObject({ status: 'valutato', referentName: 'Utente coordinatore', firstInterviewDate: '2024-03-10' });
  });
});
