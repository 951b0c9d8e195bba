import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../contract/index';
import type { PersonPage } from '../../contract/people';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { todayIso } from '../../domain/dates';
import { callOk, callRefused } from '../../testing/calls';
import { sqlAll, sqlOne, sqlValue } from '../../testing/sql';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';

/**
 * The privacy notice (DOMAIN.md §11) through the API: registration needs the signed notice or the
 * reason it is missing; a signature recorded later; new versions of the notice; the list of who lacks
 * it; and the reads of sensitive data that leave a row in the audit log.
 */
let t: TempCore;
let admin = '';
let coordinator = '';
let operator = '';
let finance = '';
const ok = <M extends MethodName>(method: M, input: Input<M>, token = operator) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token = operator) => callRefused(t.core, method, input, token);
const count = async (table: string) => Number(await sqlValue(t.core.store, `SELECT count(*) FROM ${table}`));
const written = async () => ({ people: await count('people'), acknowledgements: await count('privacy_acknowledgements'), cases: await count('cases'), audit: await count('audit_log') });
const audits = (action: string) => sqlAll<{ entity: string; entity_id: string; username: string; before_json: string | null; after_json: string | null }>(t.core.store, 'SELECT entity, entity_id, username, before_json, after_json FROM audit_log WHERE action = ? ORDER BY id', action);

const today = todayIso();
const yearsFromToday = (years: number) => `${Number(today.slice(0, 4)) + years}${today.slice(4).replace('-02-29', '-02-28')}`;

let seq = 0;
/** A person born in Bologna with a computed codice fiscale, a different one each time. */
function person(lastName: string, privacy: Partial<Input<'people.create'>>): Input<'people.create'> {
  seq++;
  const birthDate = `19${60 + seq}-0${1 + (seq % 9)}-1${seq % 10}`;
  const p = { lastName, firstName: 'Ilaria', sex: 'F' as const, birthDate, birthPlaceCode: 'A944' };
  return { ...p, taxCode: computeCodiceFiscale(p), domicileIstat: '037006', ...privacy };
}

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
});
afterAll(() => t.cleanup());

describe('registration and the privacy notice', () => {
  it('is refused without the signed notice or the reason it is missing, in Italian, and writes nothing', async () => {
    const before = await written();
    const none = await refused('people.register', { ...person('Fabbri', {}), channelCode: 'caritas', applicationDate: today });
    expect(none).toMatchObject({
      code: 'VALIDATION',
      message: 'Dati non validi: Informativa privacy: indicare la data in cui la persona l’ha firmata, oppure perché manca',
      fields: { privacyMissingReason: 'Informativa privacy: indicare la data in cui la persona l’ha firmata, oppure perché manca' },
    });
    expect((await refused('people.create', person('Fabbri', { privacyMissingReason: '   ' }))).fields).toEqual({
      privacyMissingReason: 'Informativa privacy: indicare la data in cui la persona l’ha firmata, oppure perché manca',
    });
    expect((await refused('people.create', person('Fabbri', { privacyAcknowledgedOn: today, privacyMissingReason: 'assente' }))).fields).toEqual({
      privacyMissingReason: 'L’informativa risulta firmata: il motivo della mancanza non va indicato',
    });
    expect((await refused('people.create', person('Fabbri', { privacyNoticeId: 2, privacyMissingReason: 'assente' }))).fields).toEqual({
      privacyAcknowledgedOn: 'Indicare la data in cui la persona ha firmato l’informativa',
    });
    // the day decides the version: none was in force before May 2017, and a signature cannot be in the future
    expect((await refused('people.create', person('Fabbri', { privacyAcknowledgedOn: '2016-03-01' }))).fields).toEqual({
      privacyAcknowledgedOn: 'Il 01/03/2016 non era in vigore nessuna informativa (la prima vale dal 22/05/2017)',
    });
    expect((await refused('people.create', person('Fabbri', { privacyAcknowledgedOn: yearsFromToday(1) }))).fields).toEqual({
      privacyAcknowledgedOn: 'La data della firma non può essere nel futuro',
    });
    expect((await refused('people.create', person('Fabbri', { privacyAcknowledgedOn: '2018-01-10', privacyNoticeId: 2 }))).fields).toEqual({
      privacyAcknowledgedOn: 'La versione «2018-05» vale dal 25/05/2018: non può essere stata firmata prima',
    });
    expect((await refused('people.create', person('Fabbri', { privacyAcknowledgedOn: '2019-01-10', privacyNoticeId: 99 }))).fields).toEqual({
      privacyNoticeId: 'Versione dell’informativa non trovata',
    });
    expect(await written()).toEqual(before);
  });

  it('records the version in force on the day signed, with the case, in one transaction and audited', async () => {
    const { personId, caseId } = await ok('people.register', { ...person('Galli', { privacyAcknowledgedOn: '2018-03-01' }), channelCode: 'caritas', applicationDate: '2018-03-01' });
    expect(caseId).not.toBeNull();
    expect(await sqlAll(t.core.store, 'SELECT person_id, notice_id, acknowledged_on FROM privacy_acknowledgements WHERE person_id = ?', personId)).toEqual([
      { person_id: personId, notice_id: 1, acknowledged_on: '2018-03-01' },
    ]);
    const page = await ok('people.get', { id: personId });
    expect(page.person).toMatchObject({ privacyMissingReason: null, privacyAcknowledgements: [{ noticeId: 1, version: '2017-05', acknowledgedOn: '2018-03-01', recordedBy: 'Utente operatore' }] });
    const created = (await audits('crea')).find((a) => a.entity === 'persona' && a.entity_id === String(personId))!;
    expect(JSON.parse(created.after_json!)).toMatchObject({ lastName: 'Galli', privacyVersion: '2017-05', privacyAcknowledgedOn: '2018-03-01' });
  });

  it('keeps the reason when the notice is missing, and the person is listed «Senza informativa» until they sign', async () => {
    const { personId } = await ok('people.create', person('Hoxha', { privacyMissingReason: 'Persona non presente, segnalazione telefonica' }));
    expect(await sqlValue(t.core.store, 'SELECT privacy_missing_reason FROM people WHERE id = ?', personId)).toBe('Persona non presente, segnalazione telefonica');
    const page = await ok('people.get', { id: personId });
    expect(page.person).toMatchObject({ privacyAcknowledgements: [], privacyMissingReason: 'Persona non presente, segnalazione telefonica' });
    // finance sees names only: the reason is free text about the person
    expect((await ok('people.get', { id: personId }, finance)).person.privacyMissingReason).toBeNull();

    const lacking = await ok('people.list', { filter: { withoutPrivacyNotice: true } });
    expect(lacking.rows.map((r) => r.id)).toContain(personId);
    expect(lacking.rows.every((r) => !r.privacySigned)).toBe(true);
    const all = await ok('people.list', {});
    expect(lacking.total).toBe(all.rows.filter((r) => !r.privacySigned).length);
    expect(all.rows.find((r) => r.id === personId)?.privacySigned).toBe(false);
    // saved with the other filters of the list
    const saved = await ok('people.savedFilters.save', { name: 'Informativa da firmare', filter: { withoutPrivacyNotice: true } });
    expect(saved.filter).toMatchObject({ withoutPrivacyNotice: true });

    // signed today: the notice in force, the reason emptied, the list no longer has them
    const ack = await ok('people.privacy.acknowledge', { personId, acknowledgedOn: today });
    expect(ack).toMatchObject({ noticeId: 2, version: '2018-05', acknowledgedOn: today, recordedBy: 'Utente operatore' });
    expect(await sqlOne(t.core.store, 'SELECT privacy_missing_reason FROM people WHERE id = ?', personId)).toEqual({ privacy_missing_reason: null });
    const row = (await audits('informativa')).at(-1)!;
    expect(row).toMatchObject({ entity: 'persona', entity_id: String(personId), username: 'utente.operatore' });
    expect(JSON.parse(row.before_json!)).toEqual({ privacyMissingReason: 'Persona non presente, segnalazione telefonica' });
    expect(JSON.parse(row.after_json!)).toEqual({ privacyVersion: '2018-05', noticeId: 2, acknowledgedOn: today });
    expect((await ok('people.list', { filter: { withoutPrivacyNotice: true } })).rows.map((r) => r.id)).not.toContain(personId);
    expect((await ok('people.list', {})).rows.find((r) => r.id === personId)?.privacySigned).toBe(true);

    // the same version twice, a role that does not register people, an unknown person: refused, nothing written
    const before = await written();
    expect(await refused('people.privacy.acknowledge', { personId, acknowledgedOn: today })).toMatchObject({
      code: 'CONFLICT',
      message: `La persona ha già firmato la versione «2018-05» dell’informativa il ${today.split('-').reverse().join('/')}`,
    });
    expect(await refused('people.privacy.acknowledge', { personId, acknowledgedOn: today }, finance)).toMatchObject({ code: 'FORBIDDEN', message: 'Il ruolo «Finanza» non consente questa operazione' });
    expect(await refused('people.privacy.acknowledge', { personId: 999_999, acknowledgedOn: today })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused('people.privacy.acknowledge', { personId, acknowledgedOn: '2017-01-01' })).toMatchObject({ code: 'VALIDATION', fields: { acknowledgedOn: expect.stringContaining('non era in vigore nessuna informativa') } });
    expect(await written()).toEqual(before);
  });

  it('moves the signatures with the records merged into another', async () => {
    const keep = (await ok('people.create', person('Ivanova', { privacyMissingReason: 'Da far firmare' }))).personId;
    const merge = (await ok('people.create', person('Ivanovaa', { privacyAcknowledgedOn: '2020-02-02' }))).personId;
    await ok('people.merge', { keepId: keep, mergeId: merge }, coordinator);
    const page = await ok('people.get', { id: keep });
    expect(page.person).toMatchObject({ privacyMissingReason: null, privacyAcknowledgements: [{ version: '2018-05', acknowledgedOn: '2020-02-02' }] });
  });
});

describe('versions of the notice', () => {
  it('lists the versions with their status today and their signatures; every role reads them', async () => {
    const list = await ok('system.privacyNotices.list', {}, finance);
    expect(list.map((n) => [n.version, n.validFrom, n.status])).toEqual([
      ['2018-05', '2018-05-25', 'in_vigore'],
      ['2017-05', '2017-05-22', 'sostituita'],
    ]);
    expect(list[0]!.acknowledgements).toBe(Number(await sqlValue(t.core.store, 'SELECT count(*) FROM privacy_acknowledgements WHERE notice_id = 2')));
    expect(list[0]!.text).toContain('Regolamento UE 2016/679');
  });

  it('adds a version from a later day (administrators only, audited); the next registrations sign it from that day', async () => {
    const validFrom = yearsFromToday(1);
    const text = 'Informativa sul trattamento dei dati personali, aggiornata: titolari, finalità, conservazione, diritti.';
    expect(await refused('system.privacyNotices.create', { version: '2027-01', validFrom, text }, coordinator)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await refused('system.privacyNotices.create', { version: '2027-01', validFrom: '2018-05-25', text }, admin)).fields).toEqual({
      validFrom: 'La nuova versione deve entrare in vigore dopo l’ultima («2018-05», in vigore dal 25/05/2018)',
    });
    expect(await refused('system.privacyNotices.create', { version: '2018-05', validFrom, text }, admin)).toMatchObject({
      code: 'CONFLICT',
      message: 'Esiste già una versione «2018-05» dell’informativa',
    });
    expect((await refused('system.privacyNotices.create', { version: ' ', validFrom, text: '' }, admin)).fields).toMatchObject({
      version: 'Versione: campo obbligatorio',
      text: 'Testo dell’informativa: campo obbligatorio',
    });
    expect(await count('privacy_notices')).toBe(2);

    const created = await ok('system.privacyNotices.create', { version: '2027-01', validFrom, text }, admin);
    expect(created).toMatchObject({ version: '2027-01', validFrom, status: 'futura', createdBy: 'Giovanna Trombetti', acknowledgements: 0 });
    const row = (await audits('crea')).at(-1)!;
    expect(row).toMatchObject({ entity: 'informativa', entity_id: String(created.id), username: 'g.trombetti' });
    expect(JSON.parse(row.after_json!)).toEqual({ version: '2027-01', validFrom, text });
    // today the GDPR version is still in force; a signature dated today is for it
    const { personId } = await ok('people.create', person('Lodi', { privacyAcknowledgedOn: today }));
    expect((await ok('people.get', { id: personId })).person.privacyAcknowledgements[0]?.version).toBe('2018-05');
    // naming the new version before it takes effect is refused
    expect((await refused('people.privacy.acknowledge', { personId, acknowledgedOn: today, noticeId: created.id })).fields).toEqual({
      acknowledgedOn: `La versione «2027-01» vale dal ${validFrom.split('-').reverse().join('/')}: non può essere stata firmata prima`,
    });
  });
});

describe('reads of sensitive data leave a row in the audit log', () => {
  let personId = 0;
  beforeAll(async () => {
    personId = (await ok('people.create', person('Marchi', { privacyAcknowledgedOn: today }))).personId;
  });

  it('reading the notes: who read whose notes, without their text; nothing for a person without notes', async () => {
    expect(await ok('people.notes.list', { personId })).toEqual([]);
    expect((await audits('consulta')).filter((a) => a.entity === 'persona')).toEqual([]);
    await ok('people.notes.add', { personId, body: 'Riferisce problemi di salute del figlio' });
    await ok('people.notes.add', { personId, body: 'Disponibile solo al mattino' });
    const notes = await ok('people.notes.list', { personId }, coordinator);
    expect(notes.map((n) => n.body)).toEqual(['Disponibile solo al mattino', 'Riferisce problemi di salute del figlio']);
    expect(notes[0]).toMatchObject({ by: 'Utente operatore', caseId: null });
    const read = (await audits('consulta')).filter((a) => a.entity === 'persona');
    expect(read).toEqual([{ entity: 'persona', entity_id: String(personId), username: 'utente.coordinatore', before_json: null, after_json: JSON.stringify({ notes: 2 }) }]);
    expect(read[0]!.after_json).not.toContain('salute');
    // the person page says that there are notes, not what they say
    const page: PersonPage = await ok('people.get', { id: personId });
    expect(page.timeline.filter((e) => e.kind === 'nota').map((e) => e.detail)).toEqual([null, null]);
    expect(await refused('people.notes.list', { personId }, finance)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('opening an assessment’s answers; a role that does not see them leaves no row', async () => {
    const c = await ok('cases.create', { personId, channelCode: 'caritas', applicationDate: today });
    await ok('cases.transition', { caseId: c.id, to: 'colloquio_fissato', date: today, interviewOn: today });
    const template = await ok('assessments.template', {}, coordinator);
    const answers = template.definition.dimensions.flatMap((d) => d.items.map((item) => ({ itemCode: item.code, optionCode: item.options[0]!.code })));
    const assessment = await ok('assessments.create', { caseId: c.id, templateId: template.id, assessedOn: today, answers }, coordinator);
    expect(await audits('consulta').then((rows) => rows.filter((a) => a.entity === 'valutazione'))).toEqual([]);

    expect((await ok('assessments.get', { id: assessment.id }, finance)).answers).toBeNull();
    expect((await audits('consulta')).filter((a) => a.entity === 'valutazione')).toEqual([]);
    expect((await ok('assessments.get', { id: assessment.id })).answers).toHaveLength(answers.length);
    expect((await audits('consulta')).filter((a) => a.entity === 'valutazione')).toEqual([
      { entity: 'valutazione', entity_id: String(assessment.id), username: 'utente.operatore', before_json: null, after_json: JSON.stringify({ personId, caseId: c.id }) },
    ]);
  });

  it('downloading a document', async () => {
    const doc = await ok('people.documents.upload', { personId, fileName: 'cv.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 cv').toString('base64') });
    await ok('people.documents.download', { id: doc.id }, coordinator);
    expect((await audits('scarica')).at(-1)).toMatchObject({ entity: 'documento', entity_id: String(doc.id), username: 'utente.coordinatore' });
    expect(await refused('people.documents.download', { id: doc.id }, finance)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
