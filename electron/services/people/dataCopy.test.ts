import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import type { Input, MethodName } from '../../contract/index';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { todayIso } from '../../domain/dates';
import { callOk, callRefused } from '../../testing/calls';
import { jobFile } from '../../testing/jobs';
import { pdfFlatText, pdfPagePng } from '../../testing/pdf';
import { sqlAll, sqlValue } from '../../testing/sql';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { readZip } from '../../testing/zip';
import type { PersonDataCopy } from './dataCopy';

/**
 * The copy of a person's data (GDPR art. 15/20) on the demo data, for someone with a case, an
 * assessment, a traineeship, a pact and payments, plus a note, a document, a record merged into them
 * and reads of their data: the .zip holds dati.json with every section and a PDF that reads back.
 */
let t: TempCore;
let admin = '';
let coordinator = '';
let operator = '';
let finance = '';
let reader = '';
let personId = 0;
let twinId = 0;
const ok = <M extends MethodName>(method: M, input: Input<M>, token = coordinator) => callOk(t.core, method, input, token);
/** Ids in numeric order. */
const sorted = (list: unknown[]) => list.map(Number).sort((a, b) => a - b);
const ids = async (text: string, ...params: unknown[]) => (await sqlAll<{ id: number }>(t.core.store, text, ...params)).map((r) => Number(r.id));

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
  reader = await loginAs(t.core, admin, 'sola_lettura');
  await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  // someone the programme followed all the way: assessed, a traineeship with a pact, commitments with payments
  personId = Number(
    await sqlValue(
      t.core.store,
      `SELECT p.id FROM people p WHERE p.merged_into_id IS NULL
         AND EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = p.id)
         AND EXISTS (SELECT 1 FROM pacts pa WHERE pa.person_id = p.id)
         AND EXISTS (SELECT 1 FROM commitments c JOIN payments pm ON pm.commitment_id = c.id WHERE c.person_id = p.id)
       ORDER BY p.id LIMIT 1`,
    ),
  );
  const page = await ok('people.get', { id: personId });
  await ok('people.notes.add', { personId, body: 'Ha chiesto un orario compatibile con la scuola dei figli' });
  await ok('people.documents.upload', { personId, fileName: 'curriculum-vitae.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 curriculum').toString('base64'), note: 'Consegnato al colloquio', isCv: true });
  // reads that the copy must show: the notes and an assessment's answers
  await ok('people.notes.list', { personId }, operator);
  const [assessmentId] = await ids('SELECT id FROM assessments WHERE person_id = ? ORDER BY id', personId);
  await ok('assessments.get', { id: assessmentId! }, operator);
  // a second record of the same person, merged into this one
  const twin = { lastName: page.person.lastName, firstName: page.person.firstName, sex: page.person.sex, birthDate: '1950-01-01', birthPlaceCode: 'A944' };
  twinId = (
    await ok('people.create', { ...twin, taxCode: computeCodiceFiscale(twin), domicileIstat: '037006', phone: '051 7654321', privacyMissingReason: 'Scheda doppia', acknowledgedDuplicates: [personId] })
  ).personId;
  await ok('people.merge', { keepId: personId, mergeId: twinId });
}, 300_000);
afterAll(async () => {
  await t.cleanup();
});

describe('people.dataCopy', () => {
  let copy: PersonDataCopy;
  let pdf: Buffer;
  let fileName = '';

  it('is a job that gives a .zip with dati.json and dati.pdf, audited once the file is complete', async () => {
    const before = Number(await sqlValue(t.core.store, "SELECT count(*) FROM audit_log WHERE action = 'copia_dati'"));
    expect(before).toBe(0);
    const file = await jobFile(t.core, 'people.dataCopy', { personId }, coordinator);
    fileName = file.fileName;
    expect(file.fileName).toMatch(/^copia-dati-[a-z]+-[a-z]+-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(file.fileName).toContain(todayIso());
    const entries = readZip(file.bytes);
    expect([...entries.keys()]).toEqual(['dati.json', 'dati.pdf']);
    copy = JSON.parse(entries.get('dati.json')!.toString('utf8')) as PersonDataCopy;
    pdf = entries.get('dati.pdf')!;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const rows = await sqlAll<{ username: string; entity: string; entity_id: string; after_json: string }>(
      t.core.store,
      "SELECT username, entity, entity_id, after_json FROM audit_log WHERE action = 'copia_dati'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 'utente.coordinatore', entity: 'persona', entity_id: String(personId) });
    expect(JSON.parse(rows[0]!.after_json)).toEqual({ records: file.end.rows, accessRows: copy.registro.length });
  });

  it('holds every section, each with every row the database has about the person', async () => {
    expect(Object.keys(copy)).toEqual([
      'descrizione', 'generataIl', 'generataDa', 'persona', 'schedeUnite', 'informativaPrivacy', 'casi', 'valutazioni', 'percorsi', 'patti',
      'impegni', 'liquidazioni', 'documenti', 'note', 'registro',
    ]);
    const person = await ok('people.get', { id: personId });
    expect(copy.generataDa).toBe('Utente coordinatore');
    expect(copy.persona).toMatchObject({ id: personId, lastName: person.person.lastName, firstName: person.person.firstName, taxCode: person.person.taxCode, phone: person.person.phone, birthDate: person.person.birthDate });
    expect(copy.persona.competenze).toEqual(person.person.skills);
    expect(copy.schedeUnite.map((m) => m.id)).toEqual([twinId]);
    expect(copy.schedeUnite[0]).toMatchObject({ phone: '0517654321', mergedIntoId: personId });

    const both = [personId, twinId];
    const where = `person_id IN (${both.join(', ')})`;
    expect(copy.informativaPrivacy.firme.map((f) => f.id)).toEqual(await ids(`SELECT id FROM privacy_acknowledgements WHERE ${where} ORDER BY acknowledged_on, id`));
    expect(copy.informativaPrivacy.firme[0]).toMatchObject({ version: expect.stringMatching(/^201[78]-05$/) });
    expect(sorted(copy.casi.map((c) => c.id))).toEqual(await ids(`SELECT id FROM cases WHERE ${where} ORDER BY id`));
    expect(copy.casi.flatMap((c) => c.storicoStati).length).toBe(Number(await sqlValue(t.core.store, `SELECT count(*) FROM case_status_history WHERE case_id IN (SELECT id FROM cases WHERE ${where})`)));
    expect(copy.casi[0]).toMatchObject({ channelName: expect.any(String) });

    expect(sorted(copy.valutazioni.map((a) => a.id))).toEqual(await ids(`SELECT id FROM assessments WHERE ${where} ORDER BY id`));
    const answers = copy.valutazioni[0]!.risposte;
    expect(answers.length).toBe(Number(await sqlValue(t.core.store, 'SELECT count(*) FROM assessment_answers WHERE assessment_id = ?', copy.valutazioni[0]!.id)));
    expect(answers[0]).toMatchObject({ domanda: expect.any(String), risposta: expect.any(String), punti: expect.any(Number), itemCode: expect.any(String) });
    expect(answers[0]!.domanda).not.toBe(answers[0]!.itemCode);

    expect(sorted(copy.percorsi.map((i) => i.id))).toEqual(await ids(`SELECT id FROM interventions WHERE ${where} ORDER BY id`));
    expect(sorted(copy.patti.map((p) => p.id))).toEqual(await ids(`SELECT id FROM pacts WHERE ${where} ORDER BY id`));
    const commitments = await ids(`SELECT id FROM commitments WHERE ${where} OR intervention_id IN (SELECT id FROM interventions WHERE ${where}) ORDER BY id`);
    expect(sorted(copy.impegni.map((c) => c.id))).toEqual(commitments);
    expect(copy.impegni[0]).toMatchObject({ amountCents: expect.any(Number), fundName: expect.any(String) });
    expect(sorted(copy.liquidazioni.map((p) => p.id))).toEqual(await ids(`SELECT id FROM payments WHERE commitment_id IN (${commitments.join(', ')}) ORDER BY id`));

    // the documents by name, never their content
    expect(copy.documenti.map((d) => d.fileName)).toContain('curriculum-vitae.pdf');
    expect(copy.documenti.every((d) => !('content' in d))).toBe(true);
    expect(JSON.stringify(copy)).not.toContain(Buffer.from('%PDF-1.4 curriculum').toString('base64'));
    expect(copy.note.map((n) => n.body)).toContain('Ha chiesto un orario compatibile con la scuola dei figli');

    // who read and who changed the record: the reads of notes and answers, the merge, the registration of the twin
    const log = copy.registro.map((r) => [r.action, r.entity, r.username]);
    expect(log).toEqual(expect.arrayContaining([
      ['consulta', 'persona', 'utente.operatore'],
      ['consulta', 'valutazione', 'utente.operatore'],
      ['crea', 'nota', 'utente.coordinatore'],
      ['carica', 'documento', 'utente.coordinatore'],
      ['unisci', 'persona', 'utente.coordinatore'],
      ['crea', 'persona', 'utente.coordinatore'],
    ]));
    expect(copy.registro.find((r) => r.action === 'unisci')).toMatchObject({ entityId: String(personId), userName: 'Utente coordinatore', after: { keepId: personId, mergeId: twinId } });
  });

  it('reads back as an A4 PDF in Italian with the person’s name and every section, each page drawn', async () => {
    const text = await pdfFlatText(pdf);
    const name = `${String(copy.persona.lastName)} ${String(copy.persona.firstName)}`;
    expect(text).toContain('Copia dei dati personali');
    expect(text).toContain(name);
    for (const heading of ['Dati anagrafici e recapiti', 'Informativa privacy', 'Prese in carico', 'Valutazioni L.R. 14/2015', 'Percorsi', 'Patti per il buon lavoro', 'Impegni e liquidazioni', 'Documenti', 'Note', 'Accessi e modifiche']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(String(copy.persona.taxCode));
    expect(text).toContain('curriculum-vitae.pdf');
    expect(text).toContain('Ha chiesto un orario compatibile con la scuola dei figli');
    expect(text).toContain(String(copy.valutazioni[0]!.risposte[0]!.domanda).slice(0, 30));
    expect(text).toContain('Consultazione · Valutazione L.R. 14');
    expect(text).toMatch(/€ \d/);
    const pages = Number(/Pagina 1 di (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) {
      const page = await pdfPagePng(pdf, n, 60);
      expect([page.width, page.height]).toEqual([497, 702]); // A4 at 60 dpi
      expect(page.inkedPixels).toBeGreaterThan(1000);
    }
    expect(fileName).toContain(String(copy.persona.lastName).toLowerCase().slice(0, 3));
  });

  it('is refused to roles that do not see both personal data and money, and for an unknown or merged record: nothing audited', async () => {
    for (const token of [operator, finance, reader]) {
      expect(await callRefused(t.core, 'people.dataCopy', { personId }, token)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Il ruolo «.+» non consente questa operazione$/) });
    }
    expect(await callRefused(t.core, 'people.dataCopy', { personId: 999_999 }, admin)).toMatchObject({ code: 'NOT_FOUND', message: 'Persona non trovata' });
    expect(await callRefused(t.core, 'people.dataCopy', { personId: twinId }, admin)).toMatchObject({
      code: 'CONFLICT',
      message: `Questa scheda è stata unita alla scheda n. ${personId}: fare la copia dei dati da quella`,
    });
    expect(Number(await sqlValue(t.core.store, "SELECT count(*) FROM audit_log WHERE action = 'copia_dati'"))).toBe(1);
  });
});
