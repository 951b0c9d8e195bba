import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../api/core';
import type { PersonInput } from '../../contract/people';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { callOk, callRefused } from '../../testing/calls';
import { sqlAll, sqlInsert, sqlRun, sqlValue } from '../../testing/sql';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { clockAt } from '../context';

let t: TempCore;
let coordinator: string;
let operator: string;
beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
});
afterAll(async () => {
  await t.cleanup();
});

const DAY_MS = 86_400_000;
let names = 0;
async function create(input: Partial<PersonInput> & { lastName: string; firstName: string }): Promise<number> {
  const person = { sex: 'M' as const, birthDate: '1985-05-25', domicileIstat: '037006', birthPlaceCode: 'A944', taxCodeMissingReason: 'Non fornito', privacyAcknowledgedOn: '2025-03-03', ...input };
  // every record of these tests is confirmed as a different person: the merge is what says otherwise
  const { personId } = await callOk(t.core, 'people.create', { ...person, acknowledgedDuplicates: Array.from({ length: 300 }, (_, i) => i + 1) }, coordinator);
  names++;
  return personId;
}
async function openCase(personId: number, closedOn: string | null): Promise<number> {
  return sqlInsert(
    t.core.store,
    `INSERT INTO cases (person_id, channel_code, application_date, status, status_date, closed_on, created_at, updated_at)
     VALUES (?, 'caritas', '2023-03-01', ?, '2023-03-01', ?, 'x', 'x')`,
    personId,
    closedOn ? 'concluso' : 'iscritto',
    closedOn,
  );
}

/** Two records of one person with something in every table a merge moves. */
async function twoRecords(lastName: string) {
  const keep = await create({ lastName, firstName: 'Luca', skills: ['magazzino'], languages: ['italiano'] });
  const merge = await create({
    lastName,
    firstName: 'Lucca',
    taxCode: computeCodiceFiscale({ lastName, firstName: 'Lucca', sex: 'M', birthDate: '1985-05-25', birthPlaceCode: 'A944' }),
    phone: '340 111 2222',
    skills: ['magazzino', 'carrellista'],
    languages: ['inglese', 'Italiano'],
    workExperiences: [{ employer: 'Coop', role: 'Magazziniere' }],
  });
  await openCase(keep, '2021-06-30');
  const open = await openCase(merge, null);
  await callOk(t.core, 'people.notes.add', { personId: merge, caseId: open, body: 'Disponibile dal lunedì' }, coordinator);
  const cv = Buffer.from('%PDF cv').toString('base64');
  await callOk(t.core, 'people.documents.upload', { personId: merge, fileName: 'cv.pdf', mimeType: 'application/pdf', contentBase64: cv, isCv: true }, coordinator);
  const template = await sqlInsert(t.core.store, "INSERT INTO assessment_templates (code, version, title, definition_json, created_at) VALUES (?, 1, 'Prova', '{}', 'x')", `t${names}`);
  await sqlInsert(
    t.core.store,
    "INSERT INTO assessments (case_id, person_id, template_id, assessed_on, total_points, band, fragile_above, strong_below, created_at) VALUES (?, ?, ?, '2023-03-10', 20, 'target', 10, 30, 'x')",
    open,
    merge,
    template,
  );
  await sqlInsert(t.core.store, "INSERT INTO interventions (case_id, person_id, instrument_code, status, start_date, created_at, updated_at) VALUES (?, ?, 'tirocinio', 'proposto', '2023-04-01', 'x', 'x')", open, merge);
  return { keep, merge };
}

/** Everything of the two records, as rows: the people (but their version and update time), and what belongs to them. */
async function rowsOf(ids: number[]) {
  const all = (text: string) => sqlAll(t.core.store, text, ...ids);
  const people = (await all('SELECT * FROM people WHERE id IN (?, ?) ORDER BY id')).map(({ version: _v, updated_at: _u, ...rest }) => rest);
  return {
    people,
    cases: await all('SELECT * FROM cases WHERE person_id IN (?, ?) ORDER BY id'),
    assessments: await all('SELECT * FROM assessments WHERE person_id IN (?, ?) ORDER BY id'),
    interventions: await all('SELECT * FROM interventions WHERE person_id IN (?, ?) ORDER BY id'),
    notes: await all('SELECT * FROM notes WHERE person_id IN (?, ?) ORDER BY id'),
    work_experiences: await all('SELECT * FROM work_experiences WHERE person_id IN (?, ?) ORDER BY id'),
    skills: await all('SELECT * FROM person_skills WHERE person_id IN (?, ?) ORDER BY person_id, skill'),
    notices: await all('SELECT * FROM privacy_acknowledgements WHERE person_id IN (?, ?) ORDER BY id'),
    documents: await all("SELECT id, owner_id, file_name, sha256 FROM attachments WHERE owner_type = 'person' AND owner_id IN (?, ?) ORDER BY id"),
  };
}

/** A desk whose clock is `days` ahead, logged in as the coordinator. */
async function deskInDays(days: number): Promise<{ core: AppCore; token: string }> {
  const core = await AppCore.open(t.file, clockAt(() => new Date(Date.now() + days * DAY_MS)));
  const login = await core.call('auth.login', { username: 'utente.coordinatore', password: 'password-di-prova' }, null);
  if (!login.ok) throw new Error(login.error.message);
  return { core, token: (login.result as { token: string }).token };
}

describe('people.merge and people.unmerge', () => {
  it('merging keeps everything of both records on the kept one; undoing it restores both records exactly as they were, audited', async () => {
    const { keep, merge } = await twoRecords('Fontana');
    const before = await rowsOf([keep, merge]);

    await callOk(t.core, 'people.merge', { keepId: keep, mergeId: merge }, coordinator);
    const merged = await rowsOf([keep, merge]);
    for (const table of ['cases', 'assessments', 'interventions', 'notes', 'work_experiences', 'documents'] as const) {
      expect({ table, owners: merged[table].map((r) => (table === 'documents' ? r.owner_id : r.person_id)) }).toEqual({ table, owners: before[table].map(() => keep) });
    }
    expect(merged.skills).toEqual([
      { person_id: keep, skill: 'carrellista' },
      { person_id: keep, skill: 'magazzino' },
    ]);
    expect(merged.people[0]).toMatchObject({ phone: '3401112222', tax_code: before.people[1]!.tax_code, languages: JSON.stringify(['italiano', 'inglese']), current_case_id: before.cases[1]!.id });
    const page = await callOk(t.core, 'people.get', { id: keep }, coordinator);
    expect(page.merges).toEqual([{ mergedId: merge, lastName: 'Fontana', firstName: 'Lucca', mergedAt: expect.any(String), mergedBy: 'Utente coordinatore', undoUntil: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }]);

    expect(await callRefused(t.core, 'people.unmerge', { mergedId: merge }, operator)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callOk(t.core, 'people.unmerge', { mergedId: merge }, coordinator)).toEqual({ personId: keep, restoredId: merge });
    expect(await rowsOf([keep, merge])).toEqual(before);
    expect((await callOk(t.core, 'people.get', { id: keep }, coordinator)).merges).toEqual([]);
    const audit = await sqlAll<{ action: string; entity_id: string; after_json: string }>(t.core.store, "SELECT action, entity_id, after_json FROM audit_log WHERE action IN ('unisci', 'separa') AND entity_id = ? ORDER BY id", String(keep));
    expect(audit.map((a) => a.action)).toEqual(['unisci', 'separa']);
    expect(JSON.parse(audit[1]!.after_json)).toMatchObject({ keptId: keep, restoredId: merge, restored: { cases: 1, assessments: 1, interventions: 1, notes: 1, work_experiences: 1, attachments: 1 } });
    expect(await callRefused(t.core, 'people.unmerge', { mergedId: merge }, coordinator)).toEqual({ code: 'NOT_FOUND', message: `La scheda n. ${merge} non risulta unita ad un’altra scheda` });
  });

  it('refuses, naming why, to undo a merge whose kept record changed since, or that another merge followed; nothing is written', async () => {
    const { keep, merge } = await twoRecords('Galletti');
    await callOk(t.core, 'people.merge', { keepId: keep, mergeId: merge }, coordinator);
    const later = await create({ lastName: 'Galletti', firstName: 'Luka' });
    await callOk(t.core, 'people.merge', { keepId: keep, mergeId: later }, coordinator);
    const state = await rowsOf([keep, merge]);
    const audit = Number(await sqlValue(t.core.store, 'SELECT count(*) FROM audit_log'));
    expect(await callRefused(t.core, 'people.unmerge', { mergedId: merge }, coordinator)).toEqual({
      code: 'CONFLICT',
      message: `Le schede non si possono separare esattamente: dopo questa unione la scheda n. ${later} è stata unita alla scheda n. ${keep}: separare prima quell’unione`,
    });
    await callOk(t.core, 'people.unmerge', { mergedId: later }, coordinator);

    await sqlRun(t.core.store, "UPDATE people SET phone = '3409999999' WHERE id = ?", keep);
    expect(await callRefused(t.core, 'people.unmerge', { mergedId: merge }, coordinator)).toEqual({
      code: 'CONFLICT',
      message: `Le schede non si possono separare esattamente: dopo l’unione è stato modificato il campo «telefono» della scheda n. ${keep}`,
    });
    await sqlRun(t.core.store, "UPDATE people SET phone = '3401112222' WHERE id = ?", keep);
    const note = Number(await sqlValue(t.core.store, 'SELECT id FROM notes WHERE person_id = ?', keep));
    await sqlRun(t.core.store, 'DELETE FROM notes WHERE id = ?', note);
    expect(await callRefused(t.core, 'people.unmerge', { mergedId: merge }, coordinator)).toEqual({
      code: 'CONFLICT',
      message: `Le schede non si possono separare esattamente: la nota n. ${note} non è più della scheda n. ${keep}`,
    });
    expect((await rowsOf([keep, merge])).cases).toEqual(state.cases);
    expect(Number(await sqlValue(t.core.store, 'SELECT count(*) FROM audit_log'))).toBe(audit + 1);
  });

  it('undoes a merge within 30 days (29 days later), and refuses after 30 days (31 days later)', async () => {
    const first = await twoRecords('Ferretti');
    const second = await twoRecords('Lambertini');
    await callOk(t.core, 'people.merge', { keepId: first.keep, mergeId: first.merge }, coordinator);
    await callOk(t.core, 'people.merge', { keepId: second.keep, mergeId: second.merge }, coordinator);
    const mergedOn = String(await sqlValue(t.core.store, 'SELECT merged_at FROM person_merges WHERE merged_id = ?', second.merge));
    const late = await deskInDays(31);
    const soon = await deskInDays(29);
    try {
      const state = await rowsOf([second.keep, second.merge]);
      const refused = await callRefused(late.core, 'people.unmerge', { mergedId: second.merge }, late.token);
      const day = mergedOn.slice(0, 10).split('-').reverse().join('/');
      expect(refused).toEqual({ code: 'CONFLICT', message: `Le schede sono state unite il ${day}: sono passati più di 30 giorni e non si possono più separare` });
      expect(await rowsOf([second.keep, second.merge])).toEqual(state);
      expect((await callOk(late.core, 'people.get', { id: second.keep }, late.token)).merges).toEqual([]);
      expect(await callOk(soon.core, 'people.unmerge', { mergedId: first.merge }, soon.token)).toEqual({ personId: first.keep, restoredId: first.merge });
    } finally {
      await late.core.close();
      await soon.core.close();
    }
  });
});
