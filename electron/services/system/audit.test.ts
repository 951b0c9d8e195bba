import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFilter, AuditListRow, AuditPage } from '../../contract/system';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { callOk, callRefused } from '../../testing/calls';
import { jobFile } from '../../testing/jobs';
import { ADMIN, loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { auditFilter } from '../../contract/system';
import { dayStart, pageKeysQuery } from './audit';
import { auditChanges } from './auditLabels';

/**
 * The audit viewer (issue 11): system.audit.list pages the log newest first, each filter narrows it,
 * before/after read as an Italian difference; the export writes the filtered rows and audits itself.
 */
let t: TempCore;
let admin: string;
let coordinator: string;
let personId: number;
let fundId: number;

const TAX = computeCodiceFiscale({ lastName: 'Rossi', firstName: 'Anna', sex: 'F', birthDate: '1980-05-04', birthPlaceCode: 'A944' });
const person = { lastName: 'Rossi', firstName: 'Anna', sex: 'F' as const, birthDate: '1980-05-04', birthPlaceCode: 'A944', taxCode: TAX, domicileIstat: '037006' };
const signed = { privacyAcknowledgedOn: '2024-01-15' };

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore', 'm.coordinatrice');
  personId = (await callOk(t.core, 'people.create', { ...person, ...signed }, coordinator)).personId;
  await callOk(t.core, 'people.update', { ...person, id: personId, version: 1, lastName: 'Bianchi', phone: '051 123456' }, coordinator);
  const fund = await callOk(t.core, 'budget.funds.create', { code: 'prova', name: 'Fondo di prova', amountCents: 100_000, startYear: 2024, endYear: 2025 }, admin);
  fundId = fund.id;
  await callOk(t.core, 'budget.funds.update', { id: fundId, name: 'Fondo di prova', notes: null, amountCents: 250_050 }, admin);
  // 130 older rows by the system, over three days of March 2024 (the log of a database in use)
  const insert = t.core.store.raw.prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'sistema', 'backup', 'database', NULL, NULL, ?)");
  for (let i = 0; i < 130; i++) insert.run(dayStart(`2024-03-0${1 + (i % 3)}`).replace('00.000Z', `${String(i % 60).padStart(2, '0')}.000Z`), JSON.stringify({ fileName: `copia-${i}.sqlite` }));
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

const list = (filter: AuditFilter, page = 1, pageSize = 50) => callOk(t.core, 'system.audit.list', { filter, page, pageSize }, admin);
const count = (sql: string) => (t.core.store.raw.prepare(sql).get() as { n: number }).n;

describe('system.audit.list', () => {
  it('pages the whole log newest first, with the total', async () => {
    const total = count('SELECT count(*) n FROM audit_log');
    const first = await list({});
    expect(first.total).toBe(total);
    expect(first.rows).toHaveLength(50);
    const third = await list({}, 3);
    expect(third.rows).toHaveLength(total - 100);
    const all = [...first.rows, ...(await list({}, 2)).rows, ...third.rows];
    expect(new Set(all.map((r) => r.id)).size).toBe(total);
    const keys = all.map((r) => `${r.at}|${String(r.id).padStart(9, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
    // the newest is the fund's change, the oldest a row of March 2024
    expect(first.rows[0]).toMatchObject({ action: 'modifica', entity: 'fondo', entityLabel: 'Fondo', actionLabel: 'Modifica' });
    expect(all.at(-1)!.at < dayStart('2024-03-02')).toBe(true);
  });

  it('narrows by user, entity, record, action and days', async () => {
    const byUser = await list({ username: 'm.coordinatrice' });
    expect(byUser.rows.length).toBeGreaterThan(0);
    expect(byUser.rows.every((r) => r.username === 'm.coordinatrice' && r.userFullName === 'Utente coordinatore')).toBe(true);
    expect(byUser.total).toBe(count("SELECT count(*) n FROM audit_log WHERE username = 'm.coordinatrice'"));

    const people = await list({ entity: 'persona' });
    expect(people.rows.map((r) => r.action)).toEqual(['modifica', 'crea']);
    expect(people.rows.every((r) => r.entityLabel === 'Persona')).toBe(true);

    const record = await list({ entity: 'fondo', entityId: String(fundId) });
    expect(record.rows.map((r) => r.action)).toEqual(['modifica', 'crea']);
    expect((await list({ entity: 'fondo', entityId: '999' })).total).toBe(0);

    const edits = await list({ action: 'modifica' });
    expect(edits.rows.map((r) => r.entity).sort()).toEqual(['fondo', 'persona']);

    const oneDay = await list({ from: '2024-03-02', to: '2024-03-02' }, 1, 200);
    expect(oneDay.total).toBe(43);
    expect(oneDay.rows.every((r) => r.at >= dayStart('2024-03-02') && r.at < dayStart('2024-03-03'))).toBe(true);
    expect((await list({ from: '2024-03-02' })).total).toBe(count('SELECT count(*) n FROM audit_log') - 44);
    expect((await list({ to: '2024-03-01' })).total).toBe(44);

    const combined = await list({ username: 'sistema', action: 'backup', from: '2024-03-03', to: '2024-03-03' });
    expect(combined.total).toBe(43);
  });

  it('refuses a record number without the entity, and a range that ends before it starts', async () => {
    const noEntity = await callRefused(t.core, 'system.audit.list', { filter: { entityId: '1' } }, admin);
    expect(noEntity).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/scegliere prima l’oggetto/) });
    const backwards = await callRefused(t.core, 'system.audit.list', { filter: { from: '2024-03-03', to: '2024-03-01' } }, admin);
    expect(backwards.message).toMatch(/data iniziale è dopo la data finale/);
  });

  it('is for administrators only: coordinators, operators and the others are refused', async () => {
    for (const role of ['operatore', 'finanza', 'sola_lettura'] as const) {
      const token = await loginAs(t.core, admin, role);
      expect((await callRefused(t.core, 'system.audit.list', {}, token)).code).toBe('FORBIDDEN');
    }
    expect((await callRefused(t.core, 'system.audit.list', {}, coordinator)).code).toBe('FORBIDDEN');
    expect((await callRefused(t.core, 'system.audit.export', {}, coordinator)).code).toBe('FORBIDDEN');
    expect((await callRefused(t.core, 'system.audit.options', {}, coordinator)).code).toBe('FORBIDDEN');
  });

  it('shows before/after as an Italian difference: changed and added fields only, euro, labels', async () => {
    const [update] = (await list({ entity: 'persona', action: 'modifica' })).rows as [AuditListRow];
    expect(update.changes).toEqual([
      { field: 'Cognome', kind: 'modificato', before: 'Rossi', after: 'Bianchi' },
      { field: 'Telefono', kind: 'aggiunto', before: null, after: '051123456' },
    ]);
    const [fund] = (await list({ entity: 'fondo', action: 'modifica' })).rows as [AuditListRow];
    // name and notes did not change: not shown; amount_cents reads as Importo in euro
    expect(fund.changes).toEqual([{ field: 'Importo', kind: 'modificato', before: '€ 1.000,00', after: '€ 2.500,50' }]);
    const [created] = (await list({ entity: 'persona', action: 'crea' })).rows as [AuditListRow];
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: 'Cognome', kind: 'aggiunto', before: null, after: 'Rossi' },
        { field: 'Sesso', kind: 'aggiunto', before: null, after: 'Femmina' },
        { field: 'Data di nascita', kind: 'aggiunto', before: null, after: '04/05/1980' },
      ]),
    );
  });

  it('labels statuses by entity, removed fields and snake_case keys', () => {
    expect(auditChanges('caso', JSON.stringify({ status: 'iscritto', note: 'x' }), JSON.stringify({ status: 'in_carico' }))).toEqual([
      { field: 'Stato', kind: 'modificato', before: 'Iscritto', after: 'In carico' },
      { field: 'Nota', kind: 'rimosso', before: 'x', after: null },
    ]);
    expect(auditChanges('utente', null, JSON.stringify({ surname: 'Verdi', role: 'finanza', active: true }))).toEqual([
      { field: 'Cognome', kind: 'aggiunto', before: null, after: 'Verdi' },
      { field: 'Ruolo', kind: 'aggiunto', before: null, after: 'Finanza' },
      { field: 'Attivo', kind: 'aggiunto', before: null, after: 'Sì' },
    ]);
    expect(auditChanges('fondo', JSON.stringify({ amount_cents: 5 }), JSON.stringify({ amount_cents: 5 }))).toEqual([]);
  });

  it('reads each filter’s page from an index that gives the order: no table scan, no sort', () => {
    const filters: AuditFilter[] = [{}, { username: 'sistema' }, { entity: 'persona' }, { entity: 'persona', entityId: '1' }, { action: 'modifica' }, { from: '2024-03-01', to: '2024-03-02' }, { username: 'sistema', from: '2024-03-01' }];
    for (const filter of filters) {
      const query = pageKeysQuery(t.core.store.db, { filter: auditFilter.parse(filter), page: 3, pageSize: 50 }).compile();
      const plan = (t.core.store.raw.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as { detail: string }[]).map((p) => p.detail).join(' | ');
      expect({ filter, plan }).toEqual({ filter, plan: expect.stringMatching(/USING (COVERING )?INDEX ix_audit_/) });
      expect({ filter, plan }).not.toEqual({ filter, plan: expect.stringMatching(/TEMP B-TREE|SCAN audit_log$/) });
    }
  });
});

describe('system.audit.export', () => {
  it('writes the filtered rows to Excel, newest first, with the Italian changes, and audits the export', async () => {
    const before = count("SELECT count(*) n FROM audit_log WHERE action = 'esporta'");
    const file = await jobFile(t.core, 'system.audit.export', { filter: { username: 'm.coordinatrice', entity: 'persona' } }, admin);
    expect(file.fileName).toMatch(/^registro-modifiche-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.end.rows).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Registro');
    if (!sheet) throw new Error('foglio Registro mancante');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['N.', 'Data e ora', 'Utente', 'Nome utente', 'Operazione', 'Oggetto', 'N. record', 'Modifiche']);
    expect(sheet.rowCount).toBe(3);
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(2).slice(2, 7)).toEqual(['Utente coordinatore', 'm.coordinatrice', 'Modifica', 'Persona', String(personId)]);
    expect(row(2)[7]).toBe('Cognome: Rossi → Bianchi; Telefono: 051123456');
    expect(row(2)[1]).toBeInstanceOf(Date);
    expect(row(3)[4]).toBe('Creazione');
    // the export is in the log, with what it took out
    expect(count("SELECT count(*) n FROM audit_log WHERE action = 'esporta'")).toBe(before + 1);
    const page = (await list({ action: 'esporta', entity: 'registro' })) as AuditPage;
    expect(page.rows[0]).toMatchObject({ username: ADMIN.username, entityLabel: 'Registro modifiche', actionLabel: 'Esportazione' });
    expect(page.rows[0]?.changes).toEqual(expect.arrayContaining([{ field: 'Righe', kind: 'aggiunto', before: null, after: '2' }]));
  }, 60_000);
});
