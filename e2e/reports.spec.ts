import { expect, test, type Download } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { ApiSession } from './pages/people';
import { ReportPageModel } from './pages/reports';
import { pdfText } from '../electron/testing/pdf';

/** The Report page on the demo data: choose 1° semestre 2019, read the figures, export both files. */

interface Figure {
  key: string;
  label: string;
  current: { value: number | null; flag: string | null };
}
interface Model {
  id: string;
  summary: Figure[];
  sections: { key: string; figures: Figure[] }[];
}

// the report is computed and two files are built on a shared, sometimes busy machine
test.describe.configure({ timeout: 90_000 });

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto', level: 2 })).toBeVisible({ timeout: 20_000 });
});

const shown = (f: Figure) => (f.current.flag === 'lt3' ? '<3' : f.current.flag === 'nd' ? 'n.d.' : null);

test('1° semestre 2019: the figures beside 2° semestre 2018, and both files exported', async ({ page, request }) => {
  const report = new ReportPageModel(page);
  await report.open();
  await report.chooseSemester(2019, 1);
  await report.waitForPeriod('1° semestre 2019');
  await expect(page).toHaveURL(/periodo=2019-H1/);
  await expect(page.getByText('Confronto con 2° semestre 2018')).toBeVisible();

  // the screen shows what the API computes for the period
  const api = await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const model = await api.call<Model>('reports.model', { period: '2019-H1' });
  const placements = model.summary.find((f) => f.key === 'inserimenti')!;
  const registered = model.summary.find((f) => f.key === 'iscritti')!;
  expect(registered.current.value).toBeGreaterThan(10);
  await expect(report.figure('iscritti').getByTestId('valore')).toHaveText(String(registered.current.value));
  await expect(report.figure('inserimenti').getByTestId('valore')).toHaveText(shown(placements) ?? String(placements.current.value));
  await expect(report.figure('iscritti')).toContainText('2° sem. 2018');
  await page.waitForTimeout(400); // charts animate in
  await report.app.snap('70-report-sintesi');

  // a section with its tables and charts
  await report.tab('Le persone').click();
  await expect(page).toHaveURL(/sezione=persone/);
  const gender = report.table('Per genere');
  await expect(gender).toBeVisible();
  await expect(gender.getByRole('row', { name: /^Totale/ })).toContainText(String(registered.current.value));
  await page.waitForTimeout(400);
  await report.app.snap('71-report-persone');
  await report.tab('Inserimenti lavorativi').click();
  await expect(report.table('Inserimenti per tipo di contratto')).toBeVisible();
  await page.waitForTimeout(400);
  await report.app.snap('72-report-inserimenti');
  await report.tab('Risorse e bilancio').click();
  await expect(report.table('Fondi')).toBeVisible();
  await report.app.snap('73-report-bilancio');

  // export: Excel and PDF, with a progress bar, as downloads
  const dialog = await report.openExport();
  await report.app.snap('74-report-esporta');
  const downloads: Promise<Download>[] = [];
  const collect = (d: Download) => downloads.push(Promise.resolve(d));
  page.on('download', collect);
  await dialog.getByRole('button', { name: 'Esporta', exact: true }).click();
  await expect(dialog.getByTestId('export-stato')).toHaveText(/Esportazione completata \(100%\)/, { timeout: 60_000 });
  await expect.poll(() => downloads.length).toBe(2);
  page.off('download', collect);
  await report.app.snap('75-report-esportato');
  const [xlsx, pdf] = await Promise.all(downloads);
  expect(xlsx!.suggestedFilename()).toBe('report-ixl-2019-H1.xlsx');
  expect(pdf!.suggestedFilename()).toBe('report-ixl-2019-H1.pdf');

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx!.path());
  expect(workbook.worksheets.map((s) => s.name)).toContain('Sintesi');
  const summary = workbook.getWorksheet('Sintesi')!;
  const row = summary.getColumn(1).values.findIndex((v) => v === 'Iscrizioni');
  expect(row).toBeGreaterThan(0);
  expect(summary.getRow(row).getCell(2).value).toBe(registered.current.value);

  const pdfPath = await pdf!.path();
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = await pdfText(pdfPath);
  expect(text).toContain('1° semestre 2019');
  expect(text).toMatch(/Pagina 1 di \d+/);
  await dialog.getByRole('button', { name: 'Chiudi' }).filter({ hasText: 'Chiudi' }).click();
  await expect(dialog).toBeHidden();
});

test('a custom range and the programme to date', async ({ page }) => {
  const report = new ReportPageModel(page);
  await page.goto('/#/report?periodo=2017-06-01..2021-12-31');
  await report.waitForPeriod('Dal 01/06/2017 al 31/12/2021');
  await expect(page.getByLabel('Dal – al')).toBeVisible();
  await report.chooseKind('Dall’avvio');
  await expect(page.getByTestId('periodo-mostrato')).toHaveText(/^Dall’avvio del programma al /);
  await expect(page.getByText('Nessun periodo di confronto')).toBeVisible();
  await expect(report.figure('inserimenti').getByTestId('valore')).toHaveText(/^\d/);
});

test('the Cruscotto shows the programme year with its charts', async ({ page }) => {
  const app = new AppPage(page);
  await expect(page.getByRole('heading', { name: /^Il programma nel \d{4}$/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Anno del programma' }).click();
  await page.getByRole('option', { name: '2021', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Il programma nel 2021' })).toBeVisible();
  await expect(page.getByTestId('figura-inserimenti').getByTestId('valore')).toHaveText(/^(\d+|<3|n\.d\.)$/);
  await page.waitForTimeout(400);
  await page.evaluate('window.scrollTo(0, 0)');
  await app.snap('76-cruscotto');
  await page.getByRole('heading', { name: 'Il programma nel 2021' }).scrollIntoViewIfNeeded();
  await page.evaluate('window.scrollBy(0, 250)');
  await app.snap('77-cruscotto-anno');
  await page.getByRole('link', { name: 'Apri il report completo' }).click();
  await expect(page).toHaveURL(/#\/report\?periodo=2021/);
  await expect(page.getByTestId('periodo-mostrato')).toHaveText('Anno 2021');
});
