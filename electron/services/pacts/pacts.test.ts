import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PactDetail, PactFields } from '../../contract/pacts';
import { todayIso } from '../../domain/dates';
import { callOk, callRefused } from '../../testing/calls';
import { pdfFlatText } from '../../testing/pdf';
import { ADMIN, loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { monthOf } from './pacts';
import { sqlAll, sqlInsert, sqlOne, sqlRun, sqlValue } from '../../testing/sql';

/**
 * The Patto per il buon lavoro through the API, as the UI calls it: prefill, create, edit a draft,
 * print, sign with the scanned copy, archive, cancel; refusals that write nothing; roles; lists; the PDF.
 */
let t: TempCore;
let admin: string;
let coordinator: string;
let operator: string;
let finance: string;
let readOnly: string;
let coordinatorId: number;
let personId: number;
let otherPersonId: number;
let companyId: number;
let otherCompanyId: number;
let interventionId: number;
let otherInterventionId: number;

const count = async (table: string) => (await sqlValue(t.core.store, `SELECT count(*) FROM ${table}`)) as number;
const snapshot = async () => ({ pacts: (await count('pacts')), history: (await count('pact_status_history')), attachments: (await count('attachments')), audit: (await count('audit_log')) });
const audits = async (action: string) =>
  (await sqlAll(t.core.store, "SELECT entity_id, after_json FROM audit_log WHERE entity = 'patto' AND action = ? ORDER BY id", action)) as { entity_id: string; after_json: string | null }[];

async function insertCompany(name: string, vat: string, rep: string, role: string, city: string, street: string, number: string): Promise<number> {
  const now = new Date().toISOString();
  return (await sqlInsert(t.core.store, 
      `INSERT INTO companies (name, name_key, vat_number, seat_city, seat_street, seat_number, legal_rep_name, legal_rep_role, created_at, updated_at)
       VALUES (?, lower(replace(replace(?, ' ', ''), '.', '')), ?, ?, ?, ?, ?, ?, ?, ?)`, name, name, vat, city, street, number, rep, role, now, now));
}

async function insertIntervention(person: number, caseId: number, company: number | null, instrument: string): Promise<number> {
  const now = new Date().toISOString();
  return (await sqlInsert(t.core.store, "INSERT INTO interventions (case_id, person_id, instrument_code, company_id, status, start_date, created_at, updated_at) VALUES (?, ?, ?, ?, 'attivo', '2026-01-12', ?, ?)", caseId, person, instrument, company, now, now));
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('scansione-del-patto-firmato')]);

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore', 'm.bianchi');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
  readOnly = await loginAs(t.core, admin, 'sola_lettura');
  coordinatorId = (await sqlValue(t.core.store, "SELECT id FROM users WHERE username = 'm.bianchi'")) as number;
  (await sqlRun(t.core.store, "UPDATE users SET full_name = 'Marta Bianchi' WHERE id = ?", coordinatorId));

  const person = await callOk(
    t.core,
    'people.create',
    {
      lastName: 'D’Alò',
      firstName: 'Niccolò',
      sex: 'M',
      birthDate: '1985-12-10',
      birthPlaceCode: 'A944',
      taxCodeMissingReason: 'In attesa di attribuzione',
      domicileIstat: '037006',
      privacyAcknowledgedOn: '2024-01-15',
      domicileStreet: 'Via Zamboni',
      domicileNumber: '33',
    },
    coordinator,
  );
  personId = person.personId;
  const other = await callOk(
    t.core,
    'people.create',
    { lastName: 'Brzęczyszczykiewicz', firstName: 'Ștefan Łukasz', sex: 'M', birthDate: '1979-03-02', birthPlaceText: 'Cracovia (Polonia)', taxCodeMissingReason: 'Non fornito', domicileIstat: '037054', privacyAcknowledgedOn: '2024-01-15' },
    coordinator,
  );
  otherPersonId = other.personId;
  const theCase = await callOk(t.core, 'cases.create', { personId, channelCode: 'caritas', applicationDate: '2026-01-05', referentUserId: coordinatorId }, coordinator);
  const otherCase = await callOk(t.core, 'cases.create', { personId: otherPersonId, channelCode: 'opimm', applicationDate: '2026-01-05' }, coordinator);

  companyId = (await insertCompany('Logistica Felsinea S.r.l.', '00743110157', 'Perché Gualtieri', 'Legale rappresentante', 'San Lazzaro di Savena', 'Via dell’Industria', '12/A'));
  otherCompanyId = (await insertCompany('Forno Due Torri S.n.c.', '01234567897', 'Anna Rossi', 'Titolare', 'Bologna', 'Via Indipendenza', '4'));
  interventionId = (await insertIntervention(personId, theCase.id, companyId, 'tirocinio'));
  otherInterventionId = (await insertIntervention(otherPersonId, otherCase.id, otherCompanyId, 'inserimento'));
});
afterAll(async () => {
  await t.cleanup();
});

async function draft(person = personId, company = companyId, intervention: number | null = interventionId, changes: Partial<PactFields> = {}): Promise<PactDetail> {
  const prefill = await callOk(t.core, 'pacts.prefill', { personId: person, companyId: company, interventionId: intervention }, coordinator);
  if (!prefill.values) throw new Error('nessun valore proposto');
  const modes = prefill.values.modes.length ? prefill.values.modes : (['inserimento'] as const);
  return callOk(t.core, 'pacts.create', { personId: person, companyId: company, interventionId: intervention, fields: { ...prefill.values, modes: [...modes], ...changes } }, coordinator);
}

describe('pacts.prefill', () => {
  it('proposes the form from the intervention alone: company signer and seat, the person’s data, the mode, the case referent, today in Bologna', async () => {
    const prefill = await callOk(t.core, 'pacts.prefill', { interventionId }, coordinator);
    expect(prefill.person).toEqual({ id: personId, name: 'D’Alò Niccolò' });
    expect(prefill.company).toMatchObject({ id: companyId, name: 'Logistica Felsinea S.r.l.' });
    expect(prefill.interventionId).toBe(interventionId);
    expect(prefill.values).toEqual({
      signerName: 'Perché Gualtieri',
      signerRole: 'Legale rappresentante',
      seatCity: 'San Lazzaro di Savena',
      seatStreet: 'Via dell’Industria',
      seatNumber: '12/A',
      modes: ['tirocinio'],
      modeAltroText: null,
      personFirstName: 'Niccolò',
      personLastName: 'D’Alò',
      personBirthPlace: 'Bologna (BO)',
      personBirthDate: '1985-12-10',
      personCity: 'Bologna',
      personStreet: 'Via Zamboni',
      personNumber: '33',
      referentUserId: coordinatorId,
      referentFirstName: 'Marta',
      referentLastName: 'Bianchi',
      pactDate: todayIso(),
      pactPlace: 'Bologna',
    });
    expect(prefill.interventions.map((i) => [i.id, i.instrumentCode])).toEqual([[interventionId, 'tirocinio']]);
  });

  it('without a case referent proposes the logged-in user; without a company it has no values yet', async () => {
    const prefill = await callOk(t.core, 'pacts.prefill', { personId: otherPersonId, companyId: otherCompanyId }, admin);
    expect(prefill.values).toMatchObject({ modes: [], personBirthPlace: 'Cracovia (Polonia)', referentFirstName: 'Giovanna', referentLastName: 'Trombetti', signerRole: 'Titolare' });
    expect(ADMIN.fullName).toBe('Giovanna Trombetti');
    const partial = await callOk(t.core, 'pacts.prefill', { personId }, coordinator);
    expect(partial.values).toBeNull();
    expect(partial.company).toBeNull();
  });

  it('refuses an intervention of another person or with another company', async () => {
    const other = await callRefused(t.core, 'pacts.prefill', { personId, interventionId: otherInterventionId }, coordinator);
    expect(other).toMatchObject({ code: 'VALIDATION', fields: { interventionId: 'Percorso di un’altra persona' } });
    const company = await callRefused(t.core, 'pacts.prefill', { companyId: companyId, interventionId: otherInterventionId }, coordinator);
    expect(company.code).toBe('VALIDATION');
    expect((await callRefused(t.core, 'pacts.prefill', { personId: 99999, companyId }, coordinator)).code).toBe('NOT_FOUND');
  });
});

describe('pacts.create and pacts.update', () => {
  it('numbers pacts PBL-<year>-<sequence>, one more than the highest of the year, and starts them as drafts with history and audit', async () => {
    const year = todayIso().slice(0, 4);
    const before = (await snapshot());
    const first = await draft();
    expect(first).toMatchObject({ number: `PBL-${year}-00001`, status: 'bozza', personId, companyId, interventionId, modes: ['tirocinio'], signedCopy: null });
    expect(first.history).toEqual([{ fromStatus: null, toStatus: 'bozza', changedAt: expect.any(String), by: 'Marta Bianchi', note: null }]);
    expect((await snapshot())).toEqual({ ...before, pacts: before.pacts + 1, history: before.history + 1, audit: before.audit + 1 });
    const [created] = (await audits('crea'));
    expect(created?.entity_id).toBe(String(first.id));
    expect(JSON.parse(created?.after_json ?? '{}')).toMatchObject({ number: first.number, personId, companyId, modes: ['tirocinio'] });
    // the audit keeps no birth data or address
    expect(created?.after_json).not.toContain('1985-12-10');
    expect(created?.after_json).not.toContain('Zamboni');

    // a number already used this year (e.g. imported) moves the sequence on; numbers stay unique
    (await sqlRun(t.core.store, 'UPDATE pacts SET number = ? WHERE id = ?', `PBL-${year}-00041`, first.id));
    const second = await draft(otherPersonId, otherCompanyId, null, { modes: ['altro'], modeAltroText: 'Affiancamento in laboratorio' });
    expect(second.number).toBe(`PBL-${year}-00042`);
    expect(second).toMatchObject({ modes: ['altro'], modeAltroText: 'Affiancamento in laboratorio', interventionId: null });
    const prefill = await callOk(t.core, 'pacts.prefill', { personId, companyId }, coordinator);
    expect(prefill.existing.map((e) => e.number)).toEqual([`PBL-${year}-00041`]);
  });

  it('refuses bad input and writes nothing', async () => {
    const prefill = await callOk(t.core, 'pacts.prefill', { personId, companyId }, coordinator);
    const values = { ...(prefill.values as NonNullable<typeof prefill.values>), modes: ['tirocinio' as const] };
    const before = (await snapshot());
    const create = (fields: Partial<PactFields>, extra: { interventionId?: number | null; companyId?: number } = {}) =>
      callRefused(t.core, 'pacts.create', { personId, companyId: extra.companyId ?? companyId, interventionId: extra.interventionId ?? null, fields: { ...values, ...fields } }, coordinator);

    expect(await create({ modes: [] })).toMatchObject({ code: 'VALIDATION', fields: { 'fields.modes': 'Scegliere almeno una modalità di collaborazione' } });
    expect(await create({ modes: ['altro'], modeAltroText: '  ' })).toMatchObject({ code: 'VALIDATION', fields: { 'fields.modeAltroText': 'Descrivere l’altra modalità' } });
    expect((await create({ signerName: ' ' })).fields).toHaveProperty(['fields.signerName']);
    expect((await create({ pactDate: '2026-02-30' })).fields).toHaveProperty(['fields.pactDate']);
    expect(await create({}, { interventionId: otherInterventionId })).toMatchObject({ code: 'VALIDATION', fields: { interventionId: 'Il percorso scelto è di un’altra persona' } });
    expect((await create({}, { companyId: 424242 })).code).toBe('NOT_FOUND');
    expect((await create({ referentUserId: 9999 })).fields).toEqual({ 'fields.referentUserId': 'Referente non trovato' });
    expect((await callRefused(t.core, 'pacts.create', { personId, companyId, fields: values }, finance)).code).toBe('FORBIDDEN');
    expect((await callRefused(t.core, 'pacts.create', { personId, companyId, fields: values }, readOnly)).code).toBe('FORBIDDEN');
    expect((await snapshot())).toEqual(before);
  });

  it('edits a draft (audited), and refuses to edit once printed', async () => {
    const pact = await draft(personId, otherCompanyId, null);
    const fields = { ...(await callOk(t.core, 'pacts.prefill', { personId, companyId: otherCompanyId }, coordinator)).values!, modes: ['inserimento' as const, 'autoimpiego' as const], seatNumber: '4/B' };
    const edited = await callOk(t.core, 'pacts.update', { id: pact.id, version: pact.version, fields }, operator);
    expect(edited).toMatchObject({ modes: ['inserimento', 'autoimpiego'], seatNumber: '4/B', number: pact.number });
    const [modified] = (await audits('modifica'));
    expect(JSON.parse(modified?.after_json ?? '{}')).toMatchObject({ seatCity: 'Bologna', modes: ['inserimento', 'autoimpiego'] });

    await callOk(t.core, 'pacts.markPrinted', { id: pact.id }, coordinator);
    const before = (await snapshot());
    const refused = await callRefused(t.core, 'pacts.update', { id: pact.id, version: edited.version, fields: { ...fields, seatNumber: '9' } }, coordinator);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('non è più in bozza');
    expect((await snapshot())).toEqual(before);
  });
});

describe('the lifecycle', () => {
  it('bozza → stampato → firmato (with the scanned copy and its checksum) → archiviato, each step with history and audit', async () => {
    const pact = await draft();
    const printed = await callOk(t.core, 'pacts.markPrinted', { id: pact.id }, coordinator);
    expect(printed.status).toBe('stampato');
    expect(printed.printedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // a reprint changes nothing
    const before = (await snapshot());
    expect((await callOk(t.core, 'pacts.markPrinted', { id: pact.id }, coordinator)).printedAt).toBe(printed.printedAt);
    expect((await snapshot())).toEqual(before);

    const signed = await callOk(
      t.core,
      'pacts.markSigned',
      { id: pact.id, signedOn: todayIso(), file: { fileName: 'C:\\Scansioni\\patto firmato', contentBase64: PNG.toString('base64') } },
      operator,
    );
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(signed).toMatchObject({ status: 'firmato', signedOn: todayIso() });
    expect(signed.signedCopy).toMatchObject({ fileName: 'patto firmato.png', mimeType: 'image/png', sizeBytes: PNG.length, sha256, uploadedBy: 'Utente operatore' });
    const stored = (await sqlOne(t.core.store, 'SELECT owner_type, owner_id, sha256, content FROM attachments WHERE id = ?', signed.signedCopy?.id)) as { owner_type: string; owner_id: number; sha256: string; content: Buffer };
    expect(stored).toMatchObject({ owner_type: 'pact', owner_id: pact.id, sha256 });
    expect(createHash('sha256').update(stored.content).digest('hex')).toBe(sha256);
    expect(JSON.parse((await audits('firma')).at(-1)?.after_json ?? '{}')).toMatchObject({ status: 'firmato', sha256, mimeType: 'image/png' });

    const download = await callOk(t.core, 'pacts.signedCopy', { id: pact.id }, coordinator);
    expect(download).toMatchObject({ fileName: 'patto firmato.png', mimeType: 'image/png' });
    expect(Buffer.from(download.contentBase64, 'base64').equals(PNG)).toBe(true);
    expect((await audits('scarica_copia_firmata')).at(-1)?.entity_id).toBe(String(pact.id));

    const archived = await callOk(t.core, 'pacts.archive', { id: pact.id }, coordinator);
    expect(archived).toMatchObject({ status: 'archiviato', archivedOn: todayIso() });
    expect(archived.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([[null, 'bozza'], ['bozza', 'stampato'], ['stampato', 'firmato'], ['firmato', 'archiviato']]);
    expect((await audits('archivia')).at(-1)?.entity_id).toBe(String(pact.id));

    const again = (await snapshot());
    expect((await callRefused(t.core, 'pacts.cancel', { id: pact.id, reason: 'Errore di compilazione' }, coordinator)).code).toBe('CONFLICT');
    expect((await callRefused(t.core, 'pacts.archive', { id: pact.id }, coordinator)).code).toBe('CONFLICT');
    expect((await snapshot())).toEqual(again);
  });

  it('refuses a signature on a draft, in the future, before the pact’s date, or with a file that is not a PDF, JPEG or PNG: nothing written', async () => {
    const pact = await draft();
    const sign = (id: number, signedOn: string, content: Buffer, fileName = 'firma.pdf') =>
      callRefused(t.core, 'pacts.markSigned', { id, signedOn, file: { fileName, contentBase64: content.toString('base64') } }, coordinator);
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const before = (await snapshot());
    const draftRefused = await sign(pact.id, todayIso(), pdf);
    expect(draftRefused.code).toBe('CONFLICT');
    expect(draftRefused.message).toContain('va prima stampato');
    await callOk(t.core, 'pacts.markPrinted', { id: pact.id }, coordinator);
    const printed = (await snapshot());
    expect(printed.history).toBe(before.history + 1);

    expect(await sign(pact.id, '2999-01-01', pdf)).toMatchObject({ code: 'VALIDATION', fields: { signedOn: 'Data nel futuro' } });
    expect((await sign(pact.id, '2000-01-01', pdf)).fields).toHaveProperty('signedOn');
    const gif = await sign(pact.id, todayIso(), Buffer.from('GIF89a……'), 'firma.pdf');
    expect(gif).toMatchObject({ code: 'VALIDATION', message: 'La copia firmata deve essere un PDF o un’immagine JPEG o PNG' });
    expect((await sign(pact.id, todayIso(), Buffer.from('<html>%PDF-</html>'.padStart(2000, ' ')))).code).toBe('VALIDATION');
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.7', 0);
    expect((await sign(pact.id, todayIso(), big)).code).toBe('TOO_LARGE');
    expect(
      (await callRefused(t.core, 'pacts.markSigned', { id: pact.id, signedOn: todayIso(), file: { fileName: 'x.pdf', contentBase64: 'non base64!' } }, coordinator)).code,
    ).toBe('VALIDATION');
    expect((await callRefused(t.core, 'pacts.markSigned', { id: pact.id, signedOn: todayIso(), file: { fileName: 'x.pdf', contentBase64: pdf.toString('base64') } }, finance)).code).toBe('FORBIDDEN');
    expect((await snapshot())).toEqual(printed);

    // a JPEG is fine, and a PDF with a few bytes before its header too
    const jpeg = await callOk(t.core, 'pacts.markSigned', { id: pact.id, signedOn: todayIso(), file: { fileName: 'firma.jpeg', contentBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64') } }, coordinator);
    expect(jpeg.signedCopy).toMatchObject({ fileName: 'firma.jpeg', mimeType: 'image/jpeg' });
  });

  it('cancels from bozza, stampato or firmato only with a reason, kept in the history', async () => {
    const pact = await draft();
    const before = (await snapshot());
    const noReason = await callRefused(t.core, 'pacts.cancel', { id: pact.id, reason: '  ' }, coordinator);
    expect(noReason.fields).toHaveProperty('reason');
    expect((await callRefused(t.core, 'pacts.cancel', { id: pact.id, reason: 'no' }, coordinator)).code).toBe('VALIDATION');
    expect((await snapshot())).toEqual(before);
    const cancelled = await callOk(t.core, 'pacts.cancel', { id: pact.id, reason: 'Rinuncia della persona' }, coordinator);
    expect(cancelled).toMatchObject({ status: 'annullato', cancelledReason: 'Rinuncia della persona' });
    expect(cancelled.history.at(-1)).toMatchObject({ fromStatus: 'bozza', toStatus: 'annullato', note: 'Rinuncia della persona' });
    expect(JSON.parse((await audits('annulla')).at(-1)?.after_json ?? '{}')).toMatchObject({ status: 'annullato', reason: 'Rinuncia della persona' });
    expect((await callRefused(t.core, 'pacts.markPrinted', { id: pact.id }, coordinator)).code).toBe('CONFLICT');
    expect((await callRefused(t.core, 'pacts.cancel', { id: pact.id, reason: 'Di nuovo annullato' }, coordinator)).message).toContain('è già annullato');

    const signed = await draft();
    await callOk(t.core, 'pacts.markPrinted', { id: signed.id }, coordinator);
    await callOk(t.core, 'pacts.markSigned', { id: signed.id, signedOn: todayIso(), file: { fileName: 'f.png', contentBase64: PNG.toString('base64') } }, coordinator);
    const annulled = await callOk(t.core, 'pacts.cancel', { id: signed.id, reason: 'Tirocinio non avviato' }, coordinator);
    expect(annulled.status).toBe('annullato');
    // the signed copy stays with the record
    expect(annulled.signedCopy?.mimeType).toBe('image/png');
    // and its PDF says it is cancelled, when and why
    const file = await callOk(t.core, 'pacts.pdf', { id: signed.id }, coordinator);
    const text = await pdfFlatText(Buffer.from(file.contentBase64, 'base64'));
    expect(text).toContain('ANNULLATO');
    expect(text).toMatch(new RegExp(`Patto annullato il ${todayIso().split('-').reverse().join('/')}\\. Motivo: Tirocinio non avviato`));
  });
});

describe('roles', () => {
  it('finance and read-only users read pacts with names only, and cannot print, sign or download personal data', async () => {
    const pact = await draft();
    for (const token of [finance, readOnly]) {
      const seen = await callOk(t.core, 'pacts.get', { id: pact.id }, token);
      expect(seen).toMatchObject({ personFirstName: 'Niccolò', personLastName: 'D’Alò', personBirthDate: null, personBirthPlace: null, personCity: null, personStreet: null, personNumber: null, personalDataHidden: true });
      expect((await callRefused(t.core, 'pacts.pdf', { id: pact.id }, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'pacts.signedCopy', { id: pact.id }, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'pacts.markPrinted', { id: pact.id }, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'pacts.cancel', { id: pact.id, reason: 'Non autorizzato' }, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'pacts.prefill', { personId }, token)).code).toBe('FORBIDDEN');
      expect((await callOk(t.core, 'pacts.list', { filter: { view: 'tutti' } }, token)).total).toBeGreaterThan(0);
      expect((await callOk(t.core, 'pacts.blankPdf', {}, token)).fileName).toMatch(/\.pdf$/);
    }
    const full = await callOk(t.core, 'pacts.get', { id: pact.id }, operator);
    expect(full).toMatchObject({ personBirthDate: '1985-12-10', personCity: 'Bologna', personalDataHidden: false });
  });
});

describe('pacts.list', () => {
  it('shows the ones to sign, the ones signed this month, all; by company, referent and search', async () => {
    const t0 = await draft(otherPersonId, otherCompanyId, null, { referentUserId: null, referentFirstName: 'Luca', referentLastName: 'Verdi' });
    const signedNow = await draft(otherPersonId, otherCompanyId, otherInterventionId);
    await callOk(t.core, 'pacts.markPrinted', { id: signedNow.id }, coordinator);
    await callOk(t.core, 'pacts.markSigned', { id: signedNow.id, signedOn: todayIso(), file: { fileName: 'f.png', contentBase64: PNG.toString('base64') } }, coordinator);
    const signedBefore = await draft(otherPersonId, otherCompanyId, null);
    await callOk(t.core, 'pacts.markPrinted', { id: signedBefore.id }, coordinator);
    await callOk(t.core, 'pacts.markSigned', { id: signedBefore.id, signedOn: todayIso(), file: { fileName: 'f.png', contentBase64: PNG.toString('base64') } }, coordinator);
    // signed long ago (as the seed's history has them)
    (await sqlRun(t.core.store, "UPDATE pacts SET signed_on = '2024-05-20', pact_date = '2024-05-10' WHERE id = ?", signedBefore.id));

    const list = (filter: Record<string, unknown>) => callOk(t.core, 'pacts.list', { filter }, readOnly);
    const ids = (page: Awaited<ReturnType<typeof list>>) => page.rows.map((r) => r.id);

    const toSign = await list({ view: 'da_firmare', companyId: otherCompanyId });
    expect(toSign.rows.every((r) => r.status === 'bozza' || r.status === 'stampato')).toBe(true);
    expect(ids(toSign)).toContain(t0.id);
    expect(ids(toSign)).not.toContain(signedNow.id);

    const month = await list({ view: 'firmati_mese', companyId: otherCompanyId });
    expect(ids(month)).toEqual([signedNow.id]);
    expect(month.month).toEqual(monthOf(todayIso()));
    expect(month.counts.firmati_mese).toBe(1);
    expect(month.counts.da_firmare).toBe(toSign.total);

    const all = await list({ view: 'tutti', companyId: otherCompanyId });
    expect(month.counts.tutti).toBe(all.total);
    expect(ids(all)).toEqual(expect.arrayContaining([t0.id, signedNow.id, signedBefore.id]));
    expect(all.rows.find((r) => r.id === t0.id)).toMatchObject({ companyName: 'Forno Due Torri S.n.c.', personName: 'Brzęczyszczykiewicz Ștefan Łukasz', referentName: 'Luca Verdi' });
    expect((await list({ view: 'tutti', status: 'firmato', companyId: otherCompanyId })).rows.map((r) => r.id)).toEqual([signedNow.id, signedBefore.id]);

    expect(ids(await list({ view: 'tutti', search: t0.number }))).toEqual([t0.id]);
    expect(ids(await list({ view: 'tutti', search: 'brzę' }))).toEqual(expect.arrayContaining([t0.id, signedNow.id]));
    for (const id of ids(await list({ view: 'tutti', search: 'felsinea' }))) expect(await sqlValue(t.core.store, 'SELECT company_id FROM pacts WHERE id = ?', id)).toBe(companyId);
    const byReferent = await list({ view: 'tutti', referentUserId: coordinatorId });
    expect(byReferent.total).toBeGreaterThan(0);
    expect(ids(byReferent)).not.toContain(t0.id);
  });

  it('computes the month’s first and last day', () => {
    expect(monthOf('2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthOf('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('the PDF through the API', () => {
  it('prints the pact’s data with every letter, the ticked boxes and the number; the export is audited', async () => {
    const pact = await draft(otherPersonId, companyId, null, { modes: ['tirocinio', 'altro'], modeAltroText: 'Tutoraggio aziendale' });
    const file = await callOk(t.core, 'pacts.pdf', { id: pact.id }, coordinator);
    expect(file.fileName).toBe(`Patto ${pact.number} Brzęczyszczykiewicz Ștefan Łukasz.pdf`);
    const pdfPath = path.join(t.dir, 'patto.pdf');
    fs.writeFileSync(pdfPath, Buffer.from(file.contentBase64, 'base64'));
    // one space between words, lines joined: a value may wrap onto the next line
    const text = await pdfFlatText(pdfPath);
    expect(text).toContain('PATTO PER IL BUON LAVORO');
    expect(text).toContain('Ștefan Łukasz');
    expect(text).toContain('Brzęczyszczykiewicz');
    expect(text).toContain('Perché Gualtieri (Legale rappresentante)');
    expect(text).toContain('San Lazzaro di Savena');
    expect(text).toMatch(/in Via dell’Industria\s+n\.\s+12\/A/); // the street as given after «in»
    expect(text).toMatch(/☐\s+inserimento lavorativo/);
    expect(text).toMatch(/☒\s+tirocinio formativo o stage/);
    expect(text).toMatch(/☐\s+tutoraggio progetto di auto impiego/);
    expect(text).toMatch(/☒\s+altro\s+Tutoraggio aziendale/);
    expect(text).toContain('Cracovia (Polonia)');
    expect(text).toContain(`Patto n. ${pact.number}`);
    expect((await audits('scarica_pdf')).at(-1)).toMatchObject({ entity_id: String(pact.id) });
  });
});
