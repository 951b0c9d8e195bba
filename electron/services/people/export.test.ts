import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import type { PeoplePage } from '../../contract/people';
import { jobFile } from '../../testing/jobs';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlOne } from '../../testing/sql';

describe('people.export', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  let finance = '';

  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    finance = await loginAs(t.core, admin, 'finanza');
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  });
  afterAll(() => t.cleanup());

  async function exported(token: string, input: Record<string, unknown>) {
    const file = await jobFile(t.core, 'people.export', input, token);
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type, which Node's no longer matches
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    return { result: { fileName: file.fileName, rows: file.end.rows }, workbook };
  }
  const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

  it('writes every row of the filtered, sorted list to a sheet with Italian headers and real dates, and audits it', async () => {
    const filter = { statuses: ['concluso'], districts: ['BOL'] };
    const listed = await t.core.call('people.list', { filter, sort: { column: 'name', direction: 'asc' }, pageSize: 200 }, admin);
    if (!listed.ok) throw new Error(listed.error.message);
    const page = listed.result as PeoplePage;
    expect(page.total).toBeGreaterThan(50);

    const { result, workbook } = await exported(admin, { filter, sort: { column: 'name', direction: 'asc' } });
    expect(result.fileName).toMatch(/^persone-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(result.rows).toBe(page.total);
    expect(workbook.creator).toBe('IXL Desk');
    expect(workbook.title).toContain('persone');
    const sheet = workbook.getWorksheet('Persone');
    if (!sheet) throw new Error('foglio Persone mancante');
    expect(headers(sheet)).toEqual(expect.arrayContaining(['Cognome', 'Nome', 'Codice fiscale', 'Telefono', 'Email', 'Data di nascita', 'Stato', 'Data domanda', 'Distretto', 'Informativa firmata']));
    expect(sheet.rowCount).toBe(page.total + 1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();

    const column = (header: string) => headers(sheet).indexOf(header) + 1;
    const second = sheet.getRow(3);
    expect(second.getCell(column('N. scheda')).value).toBe(page.rows[1]?.id);
    expect(second.getCell(column('Stato')).value).toBe('Concluso');
    const applied = second.getCell(column('Data domanda'));
    expect(applied.value).toBeInstanceOf(Date);
    expect((applied.value as Date).toISOString().slice(0, 10)).toBe(page.rows[1]?.applicationDate);
    expect(applied.numFmt).toBe('dd/mm/yyyy');
    expect(second.getCell(column('Informativa firmata')).value).toBe(page.rows[1]?.privacySigned ? 'Sì' : 'No');

    const audit = (await sqlOne(t.core.store, "SELECT username, entity, after_json FROM audit_log WHERE action = 'esporta' ORDER BY id DESC LIMIT 1")) as {
      username: string;
      entity: string;
      after_json: string;
    };
    expect(audit).toMatchObject({ username: 'g.trombetti', entity: 'persone' });
    expect(JSON.parse(audit.after_json)).toMatchObject({ rows: page.total, filter: { statuses: ['concluso'], districts: ['BOL'] } });
  });

  it('leaves the personal columns out for finance', async () => {
    const { result, workbook } = await exported(finance, {});
    expect(result.rows).toBe(300);
    const sheet = workbook.getWorksheet('Persone');
    if (!sheet) throw new Error('foglio Persone mancante');
    const names = headers(sheet);
    expect(names).toContain('Cognome');
    for (const personal of ['Codice fiscale', 'Telefono', 'Email', 'Data di nascita']) expect(names).not.toContain(personal);
    expect(sheet.rowCount).toBe(301);
  });
});
