import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { seedStore } from '../../db/seed/store';
import { tempCore, type TempCore } from '../testing/tempDb';
import { ReportUsageError, runReportCommand } from './reportCommand';

/** `ixl report`: the files of a period written into a folder, with what was written printed. */

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await seedStore(t.core.store, { scale: 'demo', seed: 3 });
  await t.core.close();
}, 60_000);
afterAll(() => t.cleanup());

describe('ixl report', () => {
  it('writes the Excel and the PDF of a semester and says where', async () => {
    const out = path.join(t.dir, 'report');
    const lines: string[] = [];
    const code = await runReportCommand({ dbFile: t.file, period: '2019-H1', format: 'xlsx,pdf', out, log: (l) => lines.push(l) });
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['report-ixl-2019-H1.pdf', 'report-ixl-2019-H1.xlsx']);
    expect(lines).toEqual([
      `Excel (1° semestre 2019) scritto in ${path.join(out, 'report-ixl-2019-H1.xlsx')}`,
      `PDF (1° semestre 2019) scritto in ${path.join(out, 'report-ixl-2019-H1.pdf')}`,
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'report-ixl-2019-H1.xlsx'));
    expect(wb.subject).toBe('Periodo: 1° semestre 2019');
    expect(fs.readFileSync(path.join(out, 'report-ixl-2019-H1.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('one format only, for a custom range', async () => {
    const out = path.join(t.dir, 'intervallo');
    const code = await runReportCommand({ dbFile: t.file, period: '2017-06-01..2021-12-31', format: 'pdf', out, log: () => undefined });
    expect(code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['report-ixl-2017-06-01_2021-12-31.pdf']);
  });

  it('refuses a wrong period, format or database with an Italian message, writing nothing', async () => {
    const out = path.join(t.dir, 'niente');
    await expect(runReportCommand({ dbFile: t.file, period: '2019-H3', out, log: () => undefined })).rejects.toThrow(/Periodo non valido/);
    await expect(runReportCommand({ dbFile: t.file, period: '2019', format: 'docx', out })).rejects.toThrow(ReportUsageError);
    await expect(runReportCommand({ dbFile: t.file, out })).rejects.toThrow(/Indicare il periodo/);
    await expect(runReportCommand({ dbFile: path.join(t.dir, 'manca.sqlite'), period: 'all', out })).rejects.toThrow(/Database non trovato/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
