import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonInput } from '../../contract/people';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlColumn, sqlInsert, sqlOne, sqlRun, sqlValue } from '../../testing/sql';

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

const n = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const cfOf = (lastName: string, firstName: string, birthDate: string) => computeCodiceFiscale({ lastName, firstName, sex: 'M', birthDate, birthPlaceCode: 'A944' });

async function create(input: Partial<PersonInput> & { lastName: string; firstName: string; birthDate: string }): Promise<number> {
  const outcome = await t.core.call(
    'people.create',
    { sex: 'M', domicileIstat: '037006', birthPlaceCode: 'A944', taxCodeMissingReason: 'Non fornito', privacyAcknowledgedOn: '2024-01-15', acknowledgedDuplicates: Array.from({ length: 500 }, (_, i) => i + 1), ...input },
    coordinator,
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.result as { personId: number }).personId;
}
async function openCase(personId: number, closedOn: string | null = null): Promise<number> {
  return Number(
    (await sqlInsert(t.core.store, 
        `INSERT INTO cases (person_id, channel_code, application_date, status, status_date, closed_on, created_at, updated_at)
         VALUES (?, 'caritas', '2023-03-01', ?, '2023-03-01', ?, 'x', 'x')`, personId, closedOn ? 'concluso' : 'iscritto', closedOn)),
  );
}

describe('people.merge', () => {
  it('is for coordinators, and refuses two records that both have an open case', async () => {
    const keep = await create({ lastName: 'Greco', firstName: 'Paolo', birthDate: '1970-07-07' });
    const merge = await create({ lastName: 'Greco', firstName: 'Paolo', birthDate: '1970-07-07' });
    expect(await t.core.call('people.merge', { keepId: keep, mergeId: merge }, operator)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    (await openCase(keep));
    (await openCase(merge));
    const audit = (await n('SELECT count(*) n FROM audit_log'));
    expect(await t.core.call('people.merge', { keepId: keep, mergeId: merge }, coordinator)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Entrambe le schede hanno un caso aperto: chiudere prima uno dei due casi' },
    });
    expect((await n('SELECT count(*) n FROM people WHERE merged_into_id IS NOT NULL'))).toBe(0);
    expect((await n('SELECT count(*) n FROM audit_log'))).toBe(audit);
    expect(await t.core.call('people.merge', { keepId: keep, mergeId: keep }, coordinator)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.core.call('people.merge', { keepId: keep, mergeId: 999_999 }, coordinator)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('moves cases, documents, notes, skills and experiences to the kept record, fills its gaps and keeps the merged one', async () => {
    const cf = cfOf('Fontana', 'Luca', '1985-05-25');
    const keep = await create({ lastName: 'Fontana', firstName: 'Luca', birthDate: '1985-05-25', skills: ['magazzino'] });
    const merge = await create({ lastName: 'Fontana', firstName: 'Lucca', birthDate: '1985-05-25', taxCode: cf, phone: '340 111 2222', skills: ['magazzino', 'carrellista'] });
    const closed = (await openCase(merge, '2022-12-31'));
    const open = (await openCase(merge));
    (await openCase(keep, '2021-06-30'));
    const note = await t.core.call('people.notes.add', { personId: merge, caseId: open, body: 'Disponibile dal lunedì' }, coordinator);
    expect(note.ok).toBe(true);
    const doc = await t.core.call('people.documents.upload', { personId: merge, fileName: 'cv.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF cv').toString('base64'), isCv: true }, coordinator);
    expect(doc.ok).toBe(true);
    (await sqlRun(t.core.store, "INSERT INTO work_experiences (person_id, employer, role) VALUES (?, 'Coop', 'Magazziniere')", merge));

    expect(await t.core.call('people.merge', { keepId: keep, mergeId: merge }, coordinator)).toEqual({ ok: true, result: { personId: keep } });
    expect((await n('SELECT count(*) n FROM cases WHERE person_id = ?', keep))).toBe(3);
    expect((await n('SELECT count(*) n FROM cases WHERE id IN (?, ?) AND person_id = ?', closed, open, keep))).toBe(2);
    expect((await n('SELECT count(*) n FROM notes WHERE person_id = ?', keep))).toBe(1);
    expect((await n("SELECT count(*) n FROM attachments WHERE owner_type = 'person' AND owner_id = ?", keep))).toBe(1);
    expect((await n('SELECT count(*) n FROM work_experiences WHERE person_id = ?', keep))).toBe(1);
    expect((await sqlColumn(t.core.store, 'SELECT skill FROM person_skills WHERE person_id = ? ORDER BY skill', keep))).toEqual(['carrellista', 'magazzino']);
    expect((await n('SELECT count(*) n FROM person_skills WHERE person_id = ?', merge))).toBe(0);
    expect((await sqlOne(t.core.store, 'SELECT tax_code, tax_code_missing_reason, phone, cv_attachment_id IS NOT NULL has_cv FROM people WHERE id = ?', keep))).toEqual({
      tax_code: cf,
      tax_code_missing_reason: null,
      phone: '3401112222',
      has_cv: 1,
    });
    expect((await sqlOne(t.core.store, 'SELECT merged_into_id, tax_code FROM people WHERE id = ?', merge))).toEqual({ merged_into_id: keep, tax_code: null });

    const audit = (await sqlOne(t.core.store, "SELECT entity_id, after_json FROM audit_log WHERE action = 'unisci'")) as { entity_id: string; after_json: string };
    expect(audit.entity_id).toBe(String(keep));
    expect(JSON.parse(audit.after_json)).toMatchObject({ keepId: keep, mergeId: merge, moved: { cases: 2, notes: 1, attachments: 1, work_experiences: 1, person_skills: 1 } });
    expect(JSON.parse(audit.after_json).filledFields).toEqual(expect.arrayContaining(['phone', 'cv_attachment_id', 'tax_code']));

    expect(await t.core.call('people.merge', { keepId: keep, mergeId: merge }, coordinator)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const dup = await t.core.call('people.checkDuplicates', { lastName: 'Fontana', firstName: 'Lucca', birthDate: '1985-05-25' }, coordinator);
    expect(dup).toMatchObject({ ok: true, result: { likely: [{ person: { id: keep } }] } });
  });

  it('leaves a merged record its own codice fiscale when the kept one has one, and registering it again points at the kept one', async () => {
    const keepCf = cfOf('Leone', 'Marco', '1992-02-12');
    const mergeCf = cfOf('Leone', 'Mirko', '1992-02-12');
    const keep = await create({ lastName: 'Leone', firstName: 'Marco', birthDate: '1992-02-12', taxCode: keepCf });
    const merge = await create({ lastName: 'Leone', firstName: 'Mirko', birthDate: '1992-02-12', taxCode: mergeCf });
    expect(await t.core.call('people.merge', { keepId: keep, mergeId: merge }, coordinator)).toEqual({ ok: true, result: { personId: keep } });
    expect((await sqlValue(t.core.store, 'SELECT tax_code FROM people WHERE id = ?', merge))).toBe(mergeCf);
    expect(await t.core.call('people.create', { lastName: 'Leone', firstName: 'Mirko', sex: 'M', birthDate: '1992-02-12', taxCode: mergeCf, domicileIstat: '037006', privacyAcknowledgedOn: '2024-01-15' }, coordinator)).toEqual({
      ok: true,
      result: { created: false, personId: keep },
    });
  });
});
