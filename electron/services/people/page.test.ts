import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import type { PersonPage } from '../../contract/people';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../domain/caseStatus';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlAll, sqlOne, sqlRun } from '../../testing/sql';

describe('people.get: the person page', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  let finance = '';
  let personId = 0;

  const get = async (id: number, token: string): Promise<PersonPage> => {
    const outcome = await t.core.call('people.get', { id }, token);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result as PersonPage;
  };

  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    finance = await loginAs(t.core, admin, 'finanza');
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
    // someone with a pact and the longest case history
    personId = (
      (await sqlOne(t.core.store, 'SELECT c.person_id AS id FROM case_status_history h JOIN cases c ON c.id = h.case_id WHERE c.person_id IN (SELECT person_id FROM pacts) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1')) as { id: number }
    ).id;
    const adminId = ((await sqlOne(t.core.store, "SELECT id FROM users WHERE username = 'g.trombetti'")) as { id: number }).id;
    (await sqlRun(t.core.store, "INSERT INTO notes (person_id, body, created_at, user_id) VALUES (?, 'Ha chiesto di essere richiamata il martedì', '2024-12-30T09:00:00Z', ?)", personId, adminId));
    (await sqlRun(t.core.store, 
        "INSERT INTO attachments (owner_type, owner_id, file_name, mime_type, size_bytes, sha256, content, note, uploaded_at, uploaded_by) VALUES ('person', ?, 'cv.pdf', 'application/pdf', 3, 'abc', ?, 'CV aggiornato', '2024-12-29T10:00:00Z', ?)", personId, Buffer.from([1, 2, 3]), adminId));
    (await sqlRun(t.core.store, "INSERT INTO work_experiences (person_id, employer, role, start_date) VALUES (?, 'Famiglia privata', 'Badante', '2000-01-10')", personId));
  });
  afterAll(() => t.cleanup());

  it('has the person with names of places, every case, assessment and document', async () => {
    const page = await get(personId, admin);
    const person = (await sqlOne(t.core.store, 'SELECT p.last_name, p.tax_code, co.name AS comune, d.name AS district FROM people p LEFT JOIN comuni co ON co.istat_code = p.domicile_istat LEFT JOIN districts d ON d.code = co.district_code WHERE p.id = ?', personId)) as { last_name: string; tax_code: string; comune: string | null; district: string | null };
    expect(page.person).toMatchObject({ id: personId, lastName: person.last_name, taxCode: person.tax_code, domicileComune: person.comune, district: person.district, mergedIntoId: null, personalDataHidden: false });
    expect(page.person.languages.length).toBeGreaterThan(0);
    const experiences = (await sqlAll(t.core.store, 'SELECT role, start_date AS "startDate" FROM work_experiences WHERE person_id = ? ORDER BY start_date DESC', personId));
    expect(page.person.workExperiences.map(({ role, startDate }) => ({ role, startDate }))).toEqual(experiences);
    expect(page.person.workExperiences.at(-1)).toMatchObject({ employer: 'Famiglia privata', role: 'Badante', startDate: '2000-01-10', endDate: null });
    const count = async (sql: string) => ((await sqlOne(t.core.store, sql, personId)) as { n: number }).n;
    expect(page.cases).toHaveLength((await count('SELECT count(*) AS n FROM cases WHERE person_id = ?')));
    for (const c of page.cases) expect(c.channelName).not.toBe('');
    expect(page.assessments).toHaveLength((await count('SELECT count(*) AS n FROM assessments WHERE person_id = ?')));
    expect(page.assessments[0]).toMatchObject({ templateVersion: 1, routing: expect.any(String) });
    expect(page.documents).toEqual([expect.objectContaining({ fileName: 'cv.pdf', sizeBytes: 3, note: 'CV aggiornato', isCv: false })]);
    expect(page.documents[0]).not.toHaveProperty('content');
  });

  it('has one timeline, newest first, with the status changes in order and everything else', async () => {
    const { timeline } = await get(personId, admin);
    const days = timeline.map((e) => e.at.slice(0, 10));
    expect(days).toEqual([...days].sort().reverse());
    expect(timeline.at(-1)?.kind).toBe('registrazione');

    const history = (await sqlAll(t.core.store, 'SELECT h.to_status, h.case_id FROM case_status_history h JOIN cases c ON c.id = h.case_id WHERE c.person_id = ? ORDER BY h.changed_on DESC, h.changed_at DESC, h.id DESC', personId)) as { to_status: CaseStatus; case_id: number }[];
    expect(history.length).toBeGreaterThan(3);
    expect(timeline.filter((e) => e.kind === 'stato').map((e) => [e.title, e.caseId])).toEqual(history.map((h) => [`Stato: ${CASE_STATUS_LABELS[h.to_status]}`, h.case_id]));

    const kinds = new Set(timeline.map((e) => e.kind));
    for (const kind of ['valutazione', 'percorso', 'patto', 'documento', 'nota'] as const) expect(kinds).toContain(kind);
    expect(timeline.find((e) => e.kind === 'valutazione')?.title).toMatch(/^Valutazione L\.R\. 14\/2015: \d+ punti — (Persona fragile|Persona da accompagnare verso il lavoro|Profilo forte \/ autonomo)$/);
    expect(timeline.find((e) => e.kind === 'patto')?.title).toMatch(/^Patto per il buon lavoro n\. /);
    // when and by whom: the text is read through people.notes.list, which is audited
    expect(timeline.find((e) => e.kind === 'nota')).toMatchObject({ title: 'Nota', detail: null, by: 'Giovanna Trombetti' });
    expect(JSON.stringify(timeline)).not.toContain('richiamata');
  });

  it('hides personal data, notes and free text from finance', async () => {
    const page = await get(personId, finance);
    expect(page.person).toMatchObject({ personalDataHidden: true, taxCode: null, phone: null, email: null, birthDate: null, domicileStreet: null });
    expect(page.person.lastName).not.toBe('');
    expect(page.timeline.some((e) => e.kind === 'nota')).toBe(false);
    expect(page.timeline.some((e) => e.kind === 'stato')).toBe(true);
    for (const entry of page.timeline.filter((e) => e.kind === 'stato' || e.kind === 'valutazione' || e.kind === 'documento')) expect(entry.detail).toBeNull();
    expect(page.documents[0]?.note).toBeNull();
    expect(page.assessments.every((a) => a.routing === null)).toBe(true);
    expect(JSON.stringify(page)).not.toContain('richiamata');
  });

  it('answers NOT_FOUND for an unknown person, and returns a merged record with where it went', async () => {
    const missing = await t.core.call('people.get', { id: 999_999 }, admin);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const other = ((await sqlOne(t.core.store, 'SELECT id FROM people WHERE id <> ? ORDER BY id LIMIT 1', personId)) as { id: number }).id;
    (await sqlRun(t.core.store, 'UPDATE people SET merged_into_id = ? WHERE id = ?', personId, other));
    expect((await get(other, admin)).person.mergedIntoId).toBe(personId);
  });
});
