import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { ApiSession, PeopleList, uniqueTag } from './pages/people';

/** The Persone list on the demo data: search, filters, sorting, paging, export, saved filters. */

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
  await new PeopleList(page).open();
});

test('the search by surname prefix narrows the list as one types', async ({ page }) => {
  const app = new AppPage(page);
  const list = new PeopleList(page);
  const all = await list.waitForTotal((n) => n > 100);
  await expect(list.rows()).toHaveCount(50);
  await app.snap('50-persone-elenco');

  // a surname made of plain letters, so that the prefix is also what the list shows
  const surname = (await list.names()).map((n) => n.split(' ')[0]!).find((s) => /^[A-Za-z]{4,}$/.test(s))!;
  const prefix = surname.slice(0, 4);
  await list.search.pressSequentially(prefix.toLowerCase(), { delay: 40 });
  const found = await list.waitForTotal((n) => n > 0 && n < all);
  await expect(page).toHaveURL(new RegExp(`cerca=${encodeURIComponent(prefix.toLowerCase())}`));
  const names = await list.names();
  expect(names.length).toBe(Math.min(found, 50));
  for (const name of names) expect(name.toLowerCase().startsWith(prefix.toLowerCase()), name).toBe(true);

  // nothing found: the list says so and offers to reset
  await list.search.fill('zzqqxxnessuno');
  await expect(page.getByText('Nessuna persona trovata con questi filtri')).toBeVisible();
  await app.snap('52-persone-nessun-risultato');
  await page.getByRole('button', { name: 'Azzera filtri' }).last().click();
  await expect(list.search).toHaveValue('');
  await list.waitForTotal((n) => n === all);
});

test('a status filter keeps only the cases in that status', async ({ page }) => {
  const app = new AppPage(page);
  const list = new PeopleList(page);
  const all = await list.waitForTotal((n) => n > 100);
  await list.filters().getByRole('combobox', { name: 'Stato', exact: true }).click();
  await expect(page.getByRole('option', { name: 'In carico', exact: true })).toBeVisible();
  await app.snap('51-persone-filtri');
  await page.getByRole('option', { name: 'In carico', exact: true }).click();
  await page.keyboard.press('Escape');
  const inCharge = await list.waitForTotal((n) => n > 0 && n < all);
  await expect(page.getByText(`${inCharge.toLocaleString('it-IT')} persone con questi filtri`)).toBeVisible();
  const statuses = await list.columnTexts('Stato');
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(s).toBe('In carico');

  // the filters survive a visit to a person's page and Back
  await list.rows().first().locator('td').nth(1).click();
  await expect(page).toHaveURL(/#\/persone\/\d+$/);
  await page.goBack();
  await list.waitForTotal((n) => n === inCharge);
});

test('sorting by name, then moving to page 2', async ({ page, request }) => {
  const list = new PeopleList(page);
  const api = await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const all = await list.waitForTotal((n) => n > 100);
  // SQLite's NOCASE: only A–Z fold to lowercase
  const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const serverPage = async (p: number, direction: 'asc' | 'desc') => {
    const rows = (await api.call<{ rows: { lastName: string; firstName: string }[] }>('people.list', { sort: { column: 'name', direction }, page: p })).rows;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const order = nocase(a.lastName) === nocase(b.lastName) ? nocase(a.firstName) <= nocase(b.firstName) : nocase(a.lastName) < nocase(b.lastName);
      expect(direction === 'asc' ? order : !order || (nocase(a.lastName) === nocase(b.lastName) && nocase(a.firstName) === nocase(b.firstName)), `${a.lastName} ${a.firstName} / ${b.lastName} ${b.firstName}`).toBe(true);
    }
    return rows.map((r) => `${r.lastName} ${r.firstName}`);
  };

  await list.sortBy('Cognome e nome');
  await expect(page).toHaveURL(/ordina=name\.asc/);
  await expect(list.sortHeader('Cognome e nome')).toHaveAccessibleName('Cognome e nome ordinata in modo crescente');
  const firstPage = await serverPage(1, 'asc');
  await expect.poll(() => list.names()).toEqual(firstPage);

  await list.goToPage(2);
  await expect(page).toHaveURL(/pagina=2/);
  await expect(page.getByText(`51–100 di ${all.toLocaleString('it-IT')}`)).toBeVisible();
  await expect.poll(() => list.names()).toEqual(await serverPage(2, 'asc'));

  await list.sortBy('Cognome e nome');
  await expect(page).toHaveURL(/ordina=name\.desc/);
  await expect(page).not.toHaveURL(/pagina=/);
  await expect.poll(() => list.names()).toEqual(await serverPage(1, 'desc'));
});

test('the filtered list is exported to Excel', async ({ page }) => {
  const list = new PeopleList(page);
  const all = await list.waitForTotal((n) => n > 100);
  await list.chooseFilter('Stato', 'Concluso');
  const expected = await list.waitForTotal((n) => n > 0 && n < all);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Esporta in Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(page.getByText(/righe? esportat/)).toBeVisible();

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  expect(header).toContain('Cognome');
  const rows = sheet.actualRowCount - 1;
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBe(expected);
});

test('a filter is saved, re-applied and deleted', async ({ page, request }) => {
  const list = new PeopleList(page);
  const all = await list.waitForTotal((n) => n > 100);
  const name = `Da chiamare ${uniqueTag()}`;
  await list.chooseFilter('Stato', 'Iscritto');
  await list.toggleWithoutInterview();
  await expect(page).toHaveURL(/senzacolloquio=1/);
  const filtered = await list.waitForTotal((n) => n < all);
  await list.saveFilter(name);
  await expect(page.getByText(`Filtro «${name}» salvato`)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Filtri salvati' })).toHaveValue(name);

  await page.getByRole('button', { name: 'Azzera filtri' }).click();
  await list.waitForTotal((n) => n === all);
  await expect(page.getByRole('combobox', { name: 'Filtri salvati' })).toHaveValue('');

  await list.applySavedFilter(name);
  await list.waitForTotal((n) => n === filtered);
  await expect(page.getByRole('switch', { name: 'Senza colloquio' })).toBeChecked();

  await page.getByRole('button', { name: `Elimina il filtro «${name}»` }).click();
  await page.getByRole('dialog', { name: 'Eliminare il filtro salvato?' }).getByRole('button', { name: 'Elimina filtro' }).click();
  await expect(page.getByText('Filtro eliminato')).toBeVisible();
  const saved = await (await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password)).call<{ name: string }[]>('people.savedFilters.list');
  expect(saved.map((f) => f.name)).not.toContain(name);
});
