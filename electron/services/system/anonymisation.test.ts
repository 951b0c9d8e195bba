import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../db/seed/index';
import type { ReportModel } from '../../contract/reports';
import type { Input, MethodName } from '../../contract/index';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { todayIso } from '../../domain/dates';
import { callOk, callRefused } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { ANONYMISATION_RULES, ANONYMISED_ACTION, anonymousCode, scrubAuditJson } from './anonymisation';
import { backupDirFor } from './backup';

/**
 * Anonymisation on the demo data (≈ 300 people, cases 2017–2024) plus people registered through the
 * API with every kind of personal data (contacts, address, skills, CV, notes, documents, assessment,
 * intervention, pact, ledger rows, audit rows): who the retention rule picks, what is left of them,
 * that nothing identifying survives anywhere in the database, and that the reports do not move.
 */
describe('anonimizzazione', { timeout: 600_000 }, () => {
  let t: TempCore;
  let admin = '';
  let coordinator = '';
  let operator = '';
  const raw = () => t.core.store.raw;
  const ok = <M extends MethodName>(method: M, input: Input<M>, token = coordinator) => callOk(t.core, method, input, token);
  const CONFIRM = 'ANONIMIZZA' as const;

  interface Fixture {
    personId: number;
    caseId: number;
    lastName: string;
    firstName: string;
    taxCode: string;
    phone: string;
    email: string;
  }

  /** Registers a person with every personal field and opens their case. */
  async function register(lastName: string, firstName: string, birthDate: string, applicationDate: string, phone: string): Promise<Fixture> {
    const taxCode = computeCodiceFiscale({ lastName, firstName, sex: 'M', birthDate, birthPlaceCode: 'A944' });
    const email = `${firstName}.${lastName}@esempio.it`.toLowerCase();
    const result = await ok('people.register', {
      lastName, firstName, sex: 'M', birthDate, birthPlaceCode: 'A944', taxCode, citizenship: 'italiana', nationalityGroup: 'IT',
      domicileIstat: '037006', domicileStreet: `Via ${lastName}`, domicileNumber: '12/A', phone, email, educationIsced: 3,
      languages: ['inglese'], drivingLicence: 'B', skills: ['saldatura', `metodo ${lastName}`],
      workExperiences: [{ employer: `Officina ${lastName}`, role: 'Saldatore', startDate: '2010-01-01', endDate: '2012-06-30', description: `Lavoro presso lo zio ${firstName}` }],
      // before the first notice (May 2017) there was none to sign: the reason names the person, so it must go too
      ...(applicationDate >= '2017-05-22' ? { privacyAcknowledgedOn: applicationDate } : { privacyMissingReason: `Segnalazione telefonica di ${firstName} ${lastName}` }),
      channelCode: 'caritas', applicationDate, referringPoint: `Centro d’ascolto di via ${lastName}`,
      note: `Prima accoglienza di ${lastName}`,
    });
    if (result.caseId === null) throw new Error('caso non aperto');
    return { personId: result.personId, caseId: result.caseId, lastName, firstName, taxCode, phone, email };
  }

  let old: Fixture; // case closed in 2016, with everything: past retention
  let openOld: Fixture; // applied in 2015, case still open: never
  let recent: Fixture; // case closed last month: within retention
  let request: Fixture; // within retention, anonymised on request
  let requestOpen: Fixture; // open case: a request is refused

  const today = todayIso(new Date());
  const yearsBefore = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4).replace('-02-29', '-02-28')}`;
  const monthAgo = (() => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 30);
    return d.toISOString().slice(0, 10);
  })();

  /** Who the rule must pick on `cutoff`, computed here independently of the service. */
  function expectedIds(cutoff: string): number[] {
    return raw()
      .prepare(
        `SELECT p.id FROM people p WHERE p.merged_into_id IS NULL AND p.anonymised_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.closed_on IS NULL)
           AND ((SELECT max(c.closed_on) FROM cases c WHERE c.person_id = p.id) <= @cutoff
             OR (NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id) AND substr(p.created_at, 1, 10) <= @cutoff))
         ORDER BY p.id`,
      )
      .pluck()
      .all({ cutoff }) as number[];
  }

  /** Every table and column where `needle` appears (text, or bytes of a file), case-insensitive. */
  function findText(needle: string): string[] {
    const wanted = needle.toLowerCase();
    const hits = new Set<string>();
    const tables = raw().prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      for (const row of raw().prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : typeof value === 'string' ? value : null;
          if (text?.toLowerCase().includes(wanted)) hits.add(`${table}.${column}`);
        }
      }
    }
    return [...hits].sort();
  }

  const PERIODS = ['2017-H2', '2018', '2019-H1', '2019-H2', '2020', '2021-H1', '2022', 'all', '2018-03-01..2019-09-30'];
  async function reports(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const period of PERIODS) {
      const model: Partial<ReportModel> = await ok('reports.model', { period }, admin);
      delete model.id;
      delete model.generatedAt;
      out[period] = JSON.parse(JSON.stringify(model));
    }
    return out;
  }

  let reportsBefore: Record<string, unknown> = {};
  let picked: number[] = [];
  let firstBackup = '';

  beforeAll(async () => {
    t = await tempCore();
    admin = await setupAdmin(t.core);
    coordinator = await loginAs(t.core, admin, 'coordinatore');
    operator = await loginAs(t.core, admin, 'operatore');
    seedDatabase(raw(), { scale: 'demo', seed: 7 });

    old = await register('Zanardelli', 'Ottavio', '1980-07-15', '2015-01-12', '3331112233');
    openOld = await register('Quercioli', 'Fulvio', '1975-03-02', '2015-02-10', '3332223344');
    recent = await register('Vasconi', 'Ermete', '1990-11-20', '2024-02-01', '3334445566');
    request = await register('Brambillasca', 'Ugo', '1985-05-05', '2024-03-01', '3335556677');
    requestOpen = await register('Pellizzari', 'Aurelio', '1988-08-08', '2024-04-01', '3336667788');

    // the old one's whole story: an update, a note, a CV, an assessment, an intervention, a pact, money
    const [detail] = [await ok('people.get', { id: old.personId })];
    await ok('people.update', { ...personInputOf(detail.person), id: old.personId, version: detail.person.version, phone: '3339998877' });
    old.phone = '3339998877';
    await ok('people.notes.add', { personId: old.personId, caseId: old.caseId, body: `Zanardelli ha telefonato: problemi di salute del figlio` });
    const cv = await ok('people.documents.upload', {
      personId: old.personId, fileName: 'CV Zanardelli Ottavio.pdf', mimeType: 'application/pdf', isCv: true, note: 'CV aggiornato di Zanardelli',
      contentBase64: Buffer.from(`%PDF-1.4 Curriculum di Ottavio Zanardelli, ${old.taxCode}, tel. ${old.phone}`).toString('base64'),
    });
    await ok('people.documents.download', { id: cv.id });
    await ok('cases.transition', { caseId: old.caseId, to: 'colloquio_fissato', date: '2015-01-12', interviewOn: '2015-01-26', note: 'Zanardelli chiede un orario pomeridiano' });
    const template = await ok('assessments.template', {});
    await ok('assessments.create', {
      caseId: old.caseId, templateId: template.id, assessedOn: '2015-01-26', notes: 'Zanardelli: situazione familiare difficile',
      answers: template.definition.dimensions.flatMap((d) => d.items.map((item) => ({ itemCode: item.code, optionCode: item.options[1]?.code ?? item.options[0]!.code }))),
    });
    await ok('cases.transition', { caseId: old.caseId, to: 'in_carico', date: '2015-02-01' });
    const now = new Date().toISOString();
    const companyId = raw().prepare('SELECT min(id) FROM companies').pluck().get() as number;
    const interventionId = Number(
      raw()
        .prepare(
          `INSERT INTO interventions (case_id, person_id, instrument_code, company_id, status, start_date, end_date, contract_type, hire_kind, notes, outcome, trainee_category, created_at, updated_at)
           VALUES (?, ?, 'inserimento', ?, 'concluso', '2015-03-01', '2015-12-31', 'determinato', 'primo', 'Zanardelli molto motivato', 'Contratto non rinnovato', 'svantaggiato', ?, ?)`,
        )
        .run(old.caseId, old.personId, companyId, now, now).lastInsertRowid,
    );
    const pactId = Number(
      raw()
        .prepare(
          `INSERT INTO pacts (number, company_id, person_id, intervention_id, signer_name, signer_role, seat_city, person_first_name, person_last_name,
             person_birth_place, person_birth_date, person_city, person_street, person_number, referent_first_name, referent_last_name, pact_date, pact_place, status, created_at, updated_at)
           VALUES ('2015/999', ?, ?, ?, 'Carla Neri', 'titolare', 'Bologna', 'Ottavio', 'Zanardelli', 'Bologna', '1980-07-15', 'Bologna', 'Via Zanardelli', '12/A',
             'Giovanna', 'Trombetti', '2015-02-20', 'Bologna', 'firmato', ?, ?)`,
        )
        .run(companyId, old.personId, interventionId, now, now).lastInsertRowid,
    );
    const signed = Number(
      raw()
        .prepare("INSERT INTO attachments (owner_type, owner_id, file_name, mime_type, size_bytes, sha256, content, uploaded_at) VALUES ('pact', ?, 'Patto firmato Zanardelli.pdf', 'application/pdf', 3, 'x', ?, ?)")
        .run(pactId, Buffer.from('Zanardelli'), now).lastInsertRowid,
    );
    raw().prepare('UPDATE pacts SET signed_attachment_id = ? WHERE id = ?').run(signed, pactId);
    raw()
      .prepare("INSERT INTO audit_log (at, username, action, entity, entity_id, after_json) VALUES (?, 'prova', 'crea', 'patto', ?, ?)")
      .run(now, String(pactId), JSON.stringify({ number: '2015/999', status: 'bozza', pactDate: '2015-02-20', personLastName: 'Zanardelli', personFirstName: 'Ottavio', personStreet: 'Via Zanardelli' }));
    const allocationId = raw().prepare('SELECT a.id FROM allocations a JOIN allocation_totals t ON t.allocation_id = a.id WHERE a.amount_cents - t.committed_cents > 100000 ORDER BY a.id LIMIT 1').pluck().get() as number;
    const commitmentId = Number(
      raw()
        .prepare("INSERT INTO commitments (allocation_id, kind, amount_cents, committed_on, description, intervention_id, person_id, created_at) VALUES (?, 'impegno', 90000, '2015-03-01', 'Indennità Zanardelli Ottavio', ?, ?, ?)")
        .run(allocationId, interventionId, old.personId, now).lastInsertRowid,
    );
    raw()
      .prepare("INSERT INTO payments (commitment_id, kind, amount_cents, paid_on, payee, description, created_at) VALUES (?, 'liquidazione', 45000, '2015-04-01', 'Ottavio Zanardelli', 'Prima rata a Zanardelli', ?)")
      .run(commitmentId, now);
    await ok('cases.transition', { caseId: old.caseId, to: 'concluso', date: '2016-03-01', outcome: 'assunto', note: 'Zanardelli assunto a tempo determinato' });

    // a record merged into the old one keeps its own copy of the name: it goes with them
    const twin = await ok('people.create', {
      lastName: 'Zanardelli', firstName: 'Ottavio Maria', sex: 'M', birthDate: '1980-07-15', taxCodeMissingReason: 'Scheda doppia', domicileIstat: '037006',
      phone: '051 998877', privacyMissingReason: 'Scheda doppia', acknowledgedDuplicates: [old.personId],
    });
    await ok('people.merge', { keepId: old.personId, mergeId: twin.personId });

    await ok('cases.transition', { caseId: recent.caseId, to: 'concluso', date: monthAgo, outcome: 'ritirato' });
    await ok('cases.transition', { caseId: request.caseId, to: 'concluso', date: monthAgo, outcome: 'ritirato' });

    reportsBefore = await reports();
  });
  afterAll(() => t?.cleanup());

  function personInputOf(p: Awaited<ReturnType<typeof ok<'people.get'>>>['person']) {
    return {
      lastName: p.lastName, firstName: p.firstName, sex: p.sex, birthDate: p.birthDate!, birthPlaceCode: p.birthPlaceCode, taxCode: p.taxCode,
      citizenship: p.citizenship, nationalityGroup: p.nationalityGroup, domicileIstat: p.domicileIstat, domicileStreet: p.domicileStreet,
      domicileNumber: p.domicileNumber, phone: p.phone, email: p.email, educationIsced: p.educationIsced, languages: p.languages,
      drivingLicence: p.drivingLicence, skills: p.skills, workExperiences: p.workExperiences,
    };
  }

  it('has a rule for every column of every table', () => {
    const tables = raw().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const columns = tables.flatMap((table) => (raw().prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map((c) => `${table}.${c}`));
    const ruled = Object.entries(ANONYMISATION_RULES).flatMap(([table, rules]) => Object.keys(rules).map((c) => `${table}.${c}`));
    expect(ruled.sort()).toEqual(columns.sort());
  });

  it('refuses every other role', async () => {
    for (const token of [coordinator, operator]) {
      expect((await callRefused(t.core, 'system.anonymisation.preview', {}, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'system.anonymisation.run', { confirm: CONFIRM }, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'system.anonymisation.person', { personId: request.personId, reason: 'Richiesta GDPR', confirm: CONFIRM }, token)).code).toBe('FORBIDDEN');
      expect((await callRefused(t.core, 'system.settings.update', { retentionYears: 1 }, token)).code).toBe('FORBIDDEN');
    }
    expect(raw().prepare('SELECT count(*) FROM people WHERE anonymised_at IS NOT NULL').pluck().get()).toBe(0);
  });

  it('previews exactly the people past retention with no open case, oldest first, without personal data', async () => {
    expect((await ok('system.settings.get', {}, admin)).retentionYears).toBe(5);
    // a longer retention picks fewer people: 10 years leaves only the 2015–2016 case
    await ok('system.settings.update', { retentionYears: 10 }, admin);
    const ten = await ok('system.anonymisation.preview', {}, admin);
    expect(ten.cutoff).toBe(yearsBefore(10));
    expect(ten.total).toBe(expectedIds(yearsBefore(10)).length);
    expect(ten.rows.map((r) => r.personId)).toEqual([old.personId]);
    expect(ten.rows[0]).toEqual({ personId: old.personId, lastName: 'Zanardelli', firstName: 'Ottavio', lastClosedOn: '2016-03-01', registeredOn: today, cases: 1 });
    expect(await callRefused(t.core, 'system.settings.update', { retentionYears: 0 }, admin)).toMatchObject({ code: 'VALIDATION' });

    await ok('system.settings.update', { retentionYears: 5 }, admin);
    const cutoff = yearsBefore(5);
    picked = expectedIds(cutoff);
    expect(picked.length).toBeGreaterThan(50);
    const seen: number[] = [];
    let total = -1;
    for (let page = 1; ; page++) {
      const preview = await ok('system.anonymisation.preview', { page, pageSize: 50 }, admin);
      expect(preview.cutoff).toBe(cutoff);
      total = preview.total;
      for (const row of preview.rows) {
        expect(Object.keys(row).sort()).toEqual(['cases', 'firstName', 'lastClosedOn', 'lastName', 'personId', 'registeredOn']);
        if (row.lastClosedOn !== null) expect(row.lastClosedOn <= cutoff).toBe(true);
      }
      const days = preview.rows.map((r) => r.lastClosedOn ?? r.registeredOn);
      expect([...days].sort()).toEqual(days);
      seen.push(...preview.rows.map((r) => r.personId));
      if (preview.rows.length < 50) break;
    }
    expect(total).toBe(picked.length);
    expect(seen.sort((a, b) => a - b)).toEqual(picked);
    expect(picked).toContain(old.personId);
    for (const notPicked of [openOld, recent, request, requestOpen]) expect(picked).not.toContain(notPicked.personId);
    // the seeded open cases are never picked, however old
    const open = raw().prepare('SELECT DISTINCT person_id FROM cases WHERE closed_on IS NULL').pluck().all() as number[];
    expect(open.length).toBeGreaterThan(10);
    expect(picked.filter((id) => open.includes(id))).toEqual([]);
  });

  it('the run takes a backup first, then removes every identifier, in batches, and audits each person', async () => {
    // what the test looks for is there before
    expect(findText('Zanardelli')).toEqual(expect.arrayContaining(['audit_log.after_json', 'notes.body', 'attachments.content', 'attachments.file_name', 'people.last_name', 'pacts.person_last_name', 'payments.payee', 'commitments.description', 'work_experiences.employer']));
    expect(findText(old.taxCode)).toEqual(expect.arrayContaining(['people.tax_code', 'audit_log.after_json', 'attachments.content']));

    expect(await callRefused(t.core, 'system.anonymisation.run', { confirm: 'anonimizza' as typeof CONFIRM }, admin)).toMatchObject({ code: 'VALIDATION' });
    expect(await callRefused(t.core, 'system.anonymisation.run', { confirm: CONFIRM, backupFileName: 'ixl-20260101-000000-manuale.sqlite' }, admin)).toMatchObject({ code: 'VALIDATION' });
    expect(raw().prepare('SELECT count(*) FROM people WHERE anonymised_at IS NOT NULL').pluck().get()).toBe(0);

    const first = await ok('system.anonymisation.run', { confirm: CONFIRM, batchSize: 40 }, admin);
    firstBackup = first.backup;
    expect(first.backup).toMatch(/^ixl-\d{8}-\d{9}-prima-anonimizzazione\.sqlite$/);
    expect(first.anonymised).toBe(40);
    expect(first.remaining).toBe(picked.length - 40);
    // the backup was taken before anything changed: it still has the old one as they were
    const backup = new Database(path.join(backupDirFor(t.file), first.backup), { readonly: true });
    try {
      expect(backup.prepare('SELECT count(*) FROM people WHERE anonymised_at IS NOT NULL').pluck().get()).toBe(0);
      expect(backup.prepare('SELECT tax_code FROM people WHERE id = ?').pluck().get(old.personId)).toBe(old.taxCode);
    } finally {
      backup.close();
    }
    let done = first.anonymised;
    let remaining = first.remaining;
    while (remaining > 0) {
      const next = await ok('system.anonymisation.run', { confirm: CONFIRM, batchSize: 150, backupFileName: first.backup }, admin);
      expect(next.backup).toBe(first.backup);
      done += next.anonymised;
      remaining = next.remaining;
    }
    expect(done).toBe(picked.length);
    expect(fs.readdirSync(backupDirFor(t.file)).filter((f) => f.endsWith('-prima-anonimizzazione.sqlite'))).toEqual([first.backup]);

    const anonymised = raw().prepare('SELECT id FROM people WHERE anonymised_at IS NOT NULL AND merged_into_id IS NULL ORDER BY id').pluck().all() as number[];
    expect(anonymised).toEqual(picked);
    // one audit row per person, without any removed value
    const rows = raw().prepare('SELECT entity, entity_id, after_json FROM audit_log WHERE action = ? ORDER BY CAST(entity_id AS INTEGER)').all(ANONYMISED_ACTION) as { entity: string; entity_id: string; after_json: string }[];
    expect(rows.map((r) => Number(r.entity_id))).toEqual(picked);
    expect(rows.every((r) => r.entity === 'persona')).toBe(true);
    const oldRow = rows.find((r) => Number(r.entity_id) === old.personId)!;
    expect(JSON.parse(oldRow.after_json)).toMatchObject({ code: anonymousCode(old.personId), mode: 'conservazione', cutoff: yearsBefore(5), removed: { notes: 1, documents: 2, workExperiences: 1, assessmentAnswers: expect.any(Number) }, mergedRecords: [expect.any(Number)] });
    // an anonymised person is not picked again
    expect((await ok('system.anonymisation.preview', {}, admin)).total).toBe(0);
  });

  it('leaves nothing identifying anywhere in the database: rows, notes, documents, audit log', () => {
    for (const needle of ['Zanardelli', old.taxCode, old.phone, '3331112233', old.email, '051 998877', 'Ottavio Maria']) expect({ needle, hits: findText(needle) }).toEqual({ needle, hits: [] });
    // every anonymised person, seeded or not, has no identifier or contact left
    const leftovers = raw()
      .prepare(
        `SELECT count(*) FROM people WHERE anonymised_at IS NOT NULL AND (last_name <> 'Anonimo' OR first_name NOT LIKE 'AN-%' OR name_key <> '' OR tax_code IS NOT NULL
           OR tax_code_missing_reason IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL OR domicile_street IS NOT NULL OR domicile_number IS NOT NULL
           OR birth_place_code IS NOT NULL OR birth_place_text IS NOT NULL OR citizenship IS NOT NULL OR outside_metro_city IS NOT NULL
           OR languages IS NOT NULL OR driving_licence IS NOT NULL OR cv_attachment_id IS NOT NULL OR privacy_missing_reason IS NOT NULL
           OR substr(birth_date, 5) <> '-01-01')`,
      )
      .pluck()
      .get();
    expect(leftovers).toBe(0);
    const ids = raw().prepare('SELECT id FROM people WHERE anonymised_at IS NOT NULL').pluck().all() as number[];
    const inList = `(${ids.join(',')})`;
    const n = (sql: string) => raw().prepare(sql).pluck().get();
    expect(n(`SELECT count(*) FROM person_skills WHERE person_id IN ${inList}`)).toBe(0);
    expect(n(`SELECT count(*) FROM work_experiences WHERE person_id IN ${inList}`)).toBe(0);
    expect(n(`SELECT count(*) FROM notes WHERE person_id IN ${inList}`)).toBe(0);
    expect(n(`SELECT count(*) FROM attachments WHERE owner_type = 'person' AND owner_id IN ${inList}`)).toBe(0);
    expect(n(`SELECT count(*) FROM assessment_answers WHERE assessment_id IN (SELECT id FROM assessments WHERE person_id IN ${inList})`)).toBe(0);
    expect(n(`SELECT count(*) FROM assessments WHERE person_id IN ${inList} AND (notes IS NOT NULL OR routing IS NOT NULL)`)).toBe(0);
    expect(n(`SELECT count(*) FROM case_status_history WHERE note IS NOT NULL AND case_id IN (SELECT id FROM cases WHERE person_id IN ${inList})`)).toBe(0);
    expect(n(`SELECT count(*) FROM interventions WHERE person_id IN ${inList} AND (notes IS NOT NULL OR outcome IS NOT NULL OR trainee_category IS NOT NULL)`)).toBe(0);
    expect(n(`SELECT count(*) FROM pacts WHERE person_id IN ${inList} AND (person_last_name <> 'Anonimo' OR person_street IS NOT NULL OR person_birth_date IS NOT NULL)`)).toBe(0);
  });

  it('keeps what the aggregates need', () => {
    const person = raw().prepare('SELECT * FROM people WHERE id = ?').get(old.personId) as Record<string, unknown>;
    expect(person).toMatchObject({
      last_name: 'Anonimo', first_name: anonymousCode(old.personId), sex: 'M', birth_date: '1980-01-01', nationality_group: 'IT', domicile_istat: '037006',
      education_isced: 3, outside_metro: 0, privacy_missing_reason: null,
    });
    expect(raw().prepare('SELECT application_date, first_interview_date, status, outcome, closed_on, channel_code FROM cases WHERE id = ?').get(old.caseId)).toEqual({
      application_date: '2015-01-12', first_interview_date: '2015-01-26', status: 'concluso', outcome: 'assunto', closed_on: '2016-03-01', channel_code: 'caritas',
    });
    expect(raw().prepare('SELECT band, total_points > 0 AS scored FROM assessments WHERE case_id = ?').get(old.caseId)).toMatchObject({ scored: 1 });
    expect(raw().prepare('SELECT instrument_code, start_date, end_date, contract_type, hire_kind FROM interventions WHERE case_id = ?').get(old.caseId)).toEqual({
      instrument_code: 'inserimento', start_date: '2015-03-01', end_date: '2015-12-31', contract_type: 'determinato', hire_kind: 'primo',
    });
    expect(raw().prepare('SELECT amount_cents, person_id FROM commitments WHERE person_id = ?').get(old.personId)).toEqual({ amount_cents: 90000, person_id: old.personId });
    expect(raw().prepare("SELECT payee FROM payments WHERE commitment_id = (SELECT id FROM commitments WHERE person_id = ?)").pluck().get(old.personId)).toBe(`Persona anonimizzata (${anonymousCode(old.personId)})`);
    // the audit rows of the person's records keep who, when, what and the codes and dates, not the values
    const created = raw().prepare("SELECT after_json FROM audit_log WHERE entity = 'persona' AND action = 'crea' AND entity_id = ?").pluck().get(String(old.personId)) as string;
    expect(JSON.parse(created)).toMatchObject({ anonimizzato: true, sex: 'M', nationalityGroup: 'IT', lastName: null, taxCode: null, phone: null, birthDate: null, privacyMissingReason: null });
    const pact = raw().prepare("SELECT after_json FROM audit_log WHERE entity = 'patto' AND username = 'prova'").pluck().get() as string;
    expect(JSON.parse(pact)).toEqual({ number: '2015/999', status: 'bozza', pactDate: '2015-02-20', personLastName: null, personFirstName: null, personStreet: null, anonimizzato: true });
  });

  it('gives the same report figures before and after, for every period', async () => {
    const after = await reports();
    for (const period of PERIODS) expect({ period, model: after[period] }).toEqual({ period, model: reportsBefore[period] });
  });

  it('shows anonymised people as such; they are never duplicates and cannot be edited', async () => {
    const page = await ok('people.get', { id: old.personId }, admin);
    expect(page.person).toMatchObject({ lastName: 'Anonimo', firstName: anonymousCode(old.personId), taxCode: null, phone: null, email: null, birthDate: '1980-01-01', sex: 'M' });
    expect(page.person.anonymisedAt).not.toBeNull();
    expect(page.documents).toEqual([]);
    expect(page.timeline.filter((e) => e.kind === 'nota' || e.kind === 'documento')).toEqual([]);
    expect(JSON.stringify(page)).not.toMatch(/zanardelli/i);
    const list = await ok('people.list', { filter: { search: 'Anonimo' }, pageSize: 200 }, admin);
    expect(list.rows.find((r) => r.id === old.personId)).toBeUndefined();
    const of2015 = await ok('people.list', { filter: { appliedFrom: '2015-01-01', appliedTo: '2015-12-31' } }, admin);
    expect(of2015.rows.map((r) => [r.id, r.anonymised, r.lastName])).toEqual(expect.arrayContaining([[old.personId, true, 'Anonimo'], [openOld.personId, false, 'Quercioli']]));
    const all = await ok('people.list', { sort: { column: 'name', direction: 'asc' }, pageSize: 200 }, admin);
    expect(all.rows.filter((r) => r.anonymised).length).toBeGreaterThan(10);
    expect(all.rows.filter((r) => r.anonymised).every((r) => r.lastName === 'Anonimo' && r.taxCode === null && r.phone === null)).toBe(true);

    const duplicates = await ok('people.checkDuplicates', { lastName: 'Anonimo', firstName: anonymousCode(old.personId), birthDate: '1980-01-01' });
    expect(duplicates.likely).toEqual([]);
    // someone born on 1 January of a year with anonymised people of that year: none of them is a candidate
    const born = raw().prepare("SELECT birth_date FROM people WHERE anonymised_at IS NOT NULL AND birth_date IS NOT NULL LIMIT 1").pluck().get() as string;
    const again = await ok('people.checkDuplicates', { lastName: 'Anonimo', firstName: 'AN', birthDate: born });
    expect(again.likely.filter((d) => d.person.lastName === 'Anonimo')).toEqual([]);
    // the old codice fiscale registers a new person: nothing matches it any more
    expect((await ok('people.checkDuplicates', { taxCode: old.taxCode })).sameTaxCode).toBeNull();

    expect(await callRefused(t.core, 'people.update', { ...personInputOf(page.person), id: old.personId, version: page.person.version, taxCodeMissingReason: 'x' }, coordinator)).toMatchObject({ code: 'CONFLICT' });
    expect(await callRefused(t.core, 'people.notes.add', { personId: old.personId, body: 'x' }, coordinator)).toMatchObject({ code: 'CONFLICT' });
    expect(await callRefused(t.core, 'cases.create', { personId: old.personId, channelCode: 'caritas', applicationDate: today }, coordinator)).toMatchObject({ code: 'CONFLICT' });
  });

  it('anonymises one person on a valid request, with the reason, after a backup; refuses an open case', async () => {
    const reason = 'Richiesta di cancellazione (art. 17 GDPR) pervenuta il 1° dicembre';
    expect(await callRefused(t.core, 'system.anonymisation.person', { personId: request.personId, reason: '', confirm: CONFIRM }, admin)).toMatchObject({ code: 'VALIDATION' });
    expect(await callRefused(t.core, 'system.anonymisation.person', { personId: requestOpen.personId, reason, confirm: CONFIRM }, admin)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/caso aperto/) });
    expect(findText('Brambillasca').length).toBeGreaterThan(3);

    const done = await ok('system.anonymisation.person', { personId: request.personId, reason, confirm: CONFIRM }, admin);
    expect(done).toMatchObject({ personId: request.personId, code: anonymousCode(request.personId) });
    expect(done.backup).toMatch(/prima-anonimizzazione\.sqlite$/);
    expect(done.backup).not.toBe(firstBackup);
    expect(fs.existsSync(path.join(backupDirFor(t.file), done.backup))).toBe(true);
    for (const needle of ['Brambillasca', request.taxCode, request.phone, request.email]) expect({ needle, hits: findText(needle) }).toEqual({ needle, hits: [] });
    const auditRow = raw().prepare('SELECT username, after_json FROM audit_log WHERE action = ? AND entity_id = ?').get(ANONYMISED_ACTION, String(request.personId)) as { username: string; after_json: string };
    expect(auditRow.username).toBe('g.trombetti');
    expect(JSON.parse(auditRow.after_json)).toMatchObject({ mode: 'richiesta', reason, code: anonymousCode(request.personId) });
    expect(await callRefused(t.core, 'system.anonymisation.person', { personId: request.personId, reason, confirm: CONFIRM }, admin)).toMatchObject({ code: 'CONFLICT' });
    // the others are untouched
    expect(findText('Pellizzari').length).toBeGreaterThan(0);
    expect(findText('Vasconi').length).toBeGreaterThan(0);
    expect(findText('Quercioli').length).toBeGreaterThan(0);
  });

  it('scrubs audit JSON by rule and replaces it whole when an identifier survives', () => {
    expect(scrubAuditJson(null, [])).toBeNull();
    expect(JSON.parse(scrubAuditJson(JSON.stringify({ status: 'concluso', note: 'Rossi', amountCents: 5, on: '2020-01-01', birthDate: '1980-02-03', skills: ['a'] }), ['rossi'])!)).toEqual({
      status: 'concluso', note: null, amountCents: 5, on: '2020-01-01', birthDate: null, skills: [null], anonimizzato: true,
    });
    // a kept string that names the person: the whole JSON goes
    expect(scrubAuditJson(JSON.stringify({ companyName: 'Rossi Mario Srl' }), ['rossi'])).toBe('{"anonimizzato":true}');
  });
});
