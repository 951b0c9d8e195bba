import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { freshVatNumber } from './pages/companies';
import { ApiClient, randomBirthDate, uniqueSurname } from './pages/person';

/**
 * Two desks edit the same record (issue 12). The person: two browser contexts, two users; the second
 * save is refused with who saved and when, the form stays open with what was typed, and «Ricarica»
 * fills it with the saved data, after asking. A need (a dialog) and a fund's grid: the other desk
 * saves through the API, as Laura Verdi, while the form is open.
 */

const LAURA = { fullName: 'Laura Verdi', password: 'Tortellini-in-brodo-42' };

/** 'HH:MM' in Bologna, as the server writes it in the message. */
const bolognaTime = (at: Date) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/** Laura Verdi, a user of her own (the demo database is shared by the specs), signed in through the API. */
async function lauraVerdi(admin: ApiClient, request: APIRequestContext, role: string): Promise<{ username: string; api: ApiClient }> {
  const username = `l.verdi.${uniqueSurname('').toLowerCase()}`;
  await admin.call('auth.users.create', { fullName: LAURA.fullName, username, role, password: LAURA.password });
  return { username, api: await ApiClient.login(request, username, LAURA.password) };
}

async function signIn(page: Page, username = E2E_ADMIN.username, password = E2E_ADMIN.password): Promise<void> {
  const app = new AppPage(page);
  await app.open();
  await app.login(username, password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible({ timeout: 20_000 });
}

async function openEditForm(page: Page, username: string, password: string, personId: number, heading: string): Promise<void> {
  await signIn(page, username, password);
  await page.goto(`/#/persone/${personId}/modifica`);
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible({ timeout: 20_000 });
}

test('the second of two desks saving the same person is told who changed it and when, and reloads', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(90_000);
  const admin = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const { username } = await lauraVerdi(admin, request, 'operatore');
  const lastName = uniqueSurname('Conti');
  const { personId } = await admin.call<{ personId: number }>('people.create', {
    lastName,
    firstName: 'Ada',
    sex: 'F',
    birthDate: randomBirthDate(),
    taxCodeMissingReason: 'In attesa di attribuzione',
    domicileIstat: '037006',
    phone: '333 100 2000',
    privacyAcknowledgedOn: '2024-01-15',
  });
  const heading = `Modifica: ${lastName} Ada`;

  // desk 1: the administrator opens the form; desk 2: Laura Verdi, in another browser context, opens it too
  await openEditForm(page, E2E_ADMIN.username, E2E_ADMIN.password, personId, heading);
  const { baseURL, viewport, locale, timezoneId } = testInfo.project.use;
  const lauraContext = await browser.newContext({ baseURL, viewport, locale, timezoneId });
  const laura = await lauraContext.newPage();
  await openEditForm(laura, username, LAURA.password, personId, heading);

  // Laura saves first
  await laura.getByLabel('Telefono').fill('333 999 8888');
  const before = new Date();
  await laura.getByRole('button', { name: 'Salva modifiche' }).click();
  await expect(laura.getByText('Dati della persona aggiornati')).toBeVisible();
  const after = new Date();
  await expect(laura).toHaveURL(new RegExp(`#/persone/${personId}$`));

  // the administrator, who read the person before, saves an email: refused, naming Laura and the time
  await page.getByLabel('Email').fill('ada.conti@example.it');
  await page.getByRole('button', { name: 'Salva modifiche' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Salvato da un altro utente nel frattempo' });
  await expect(alert).toBeVisible();
  const times = [...new Set([bolognaTime(before), bolognaTime(after)])];
  await expect(alert).toContainText(new RegExp(`Modificato da Laura Verdi alle (${times.join('|')}): ricarica per vedere le modifiche`));
  // nothing lost silently: the form is still open with what was typed
  await expect(page).toHaveURL(new RegExp(`#/persone/${personId}/modifica$`));
  await expect(page.getByLabel('Email')).toHaveValue('ada.conti@example.it');
  await expect(page.getByLabel('Telefono')).toHaveValue('3331002000');
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: 768 });
    await alert.scrollIntoViewIfNeeded();
    await new AppPage(page).snap(`70-modifica-concorrente-${width}`);
  }
  await page.setViewportSize(viewport ?? { width: 1366, height: 768 });
  const stored = await admin.call<{ person: { phone: string | null; email: string | null; version: number } }>('people.get', { id: personId });
  expect(stored.person).toMatchObject({ phone: '3339998888', email: null, version: 2 });

  // «Ricarica» asks before replacing what was typed, then shows Laura's phone
  await alert.getByRole('button', { name: 'Ricarica' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ricaricare i dati salvati?' });
  await expect(dialog).toBeVisible();
  await new AppPage(page).snap('71-modifica-concorrente-ricarica');
  await dialog.getByRole('button', { name: 'Ricarica' }).click();
  await expect(page.getByText('Dati ricaricati: ora si vedono le modifiche dell’altro utente')).toBeVisible();
  await expect(page.getByLabel('Telefono')).toHaveValue('3339998888');
  await expect(page.getByLabel('Email')).toHaveValue('');
  await expect(alert).toHaveCount(0);

  // on the fresh data the administrator's change is saved, keeping Laura's
  await page.getByLabel('Email').fill('ada.conti@example.it');
  await page.getByRole('button', { name: 'Salva modifiche' }).click();
  await expect(page.getByText('Dati della persona aggiornati')).toBeVisible();
  const saved = await admin.call<{ person: { phone: string | null; email: string | null; version: number } }>('people.get', { id: personId });
  expect(saved.person).toMatchObject({ phone: '3339998888', email: 'ada.conti@example.it', version: 3 });
  await lauraContext.close();
});

test('a need changed by another desk while its dialog is open: the dialog says so and reloads it', async ({ page, request }) => {
  const admin = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const laura = await lauraVerdi(admin, request, 'operatore');
  const { companyId } = await admin.call<{ companyId: number }>('companies.create', { name: `Forno ${uniqueSurname('')} S.r.l.`, vatNumber: freshVatNumber(), seatIstat: '037006' });
  const need = await admin.call<{ id: number; version: number }>('companies.needs.create', { companyId, role: 'Panettiere', positions: 1, instrumentCode: 'tirocinio' });

  await signIn(page);
  await page.goto(`/#/aziende/${companyId}`);
  await page.getByRole('button', { name: 'Azioni sul fabbisogno Panettiere' }).click();
  await page.getByRole('menuitem', { name: 'Modifica' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifica fabbisogno' });
  await dialog.getByLabel('Posti').fill('3');

  await laura.api.call('companies.needs.update', { id: need.id, version: need.version, role: 'Panettiere', positions: 2, instrumentCode: 'tirocinio', requirements: 'Turno di notte' });
  await dialog.getByRole('button', { name: 'Salva modifiche' }).click();
  const alert = dialog.getByRole('alert').filter({ hasText: 'Salvato da un altro utente nel frattempo' });
  await expect(alert).toContainText(/Modificato da Laura Verdi alle \d\d:\d\d: ricarica per vedere le modifiche/);
  await expect(dialog.getByLabel('Posti')).toHaveValue('3');
  await new AppPage(page).snap('72-fabbisogno-modificato-da-altri');

  await alert.getByRole('button', { name: 'Ricarica' }).click();
  await page.getByRole('dialog', { name: 'Ricaricare i dati salvati?' }).getByRole('button', { name: 'Ricarica' }).click();
  await expect(dialog.getByLabel('Posti')).toHaveValue('2');
  await expect(dialog.getByLabel('Requisiti')).toHaveValue('Turno di notte');
  await dialog.getByLabel('Posti').fill('3');
  await dialog.getByRole('button', { name: 'Salva modifiche' }).click();
  await expect(page.getByText('Fabbisogno aggiornato')).toBeVisible();
  expect(await admin.call('companies.needs.get', { id: need.id })).toMatchObject({ positions: 3, requirements: 'Turno di notte', version: 3 });
});

test('a cell of a fund’s grid changed by another desk: the grid says so and reloads', async ({ page, request }) => {
  const admin = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const laura = await lauraVerdi(admin, request, 'finanza');
  const year = 2030;
  const fund = await admin.call<{ id: number }>('budget.funds.create', { code: `CONC${Date.now() % 1_000_000}`, name: `Fondo conteso ${uniqueSurname('')}`, amountCents: 10_000_000, startYear: year, endYear: year });

  await signIn(page);
  await page.goto(`/#/bilancio/assegnazioni?fondo=${fund.id}`);
  const cell = page.getByRole('textbox', { name: `Gestione ${year}` });
  await cell.fill('5.000,00');

  await laura.api.call('budget.allocations.set', { fundId: fund.id, cells: [{ year, lineCode: 'gestione', amountCents: 700_000, version: null }] });
  await page.getByRole('button', { name: 'Salva assegnazioni' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Salvato da un altro utente nel frattempo' });
  await expect(alert).toContainText(/Modificato da Laura Verdi alle \d\d:\d\d: ricarica per vedere le modifiche/);
  await expect(cell).toHaveValue('5.000,00');
  await new AppPage(page).snap('73-assegnazioni-modificate-da-altri');

  await alert.getByRole('button', { name: 'Ricarica' }).click();
  await page.getByRole('dialog', { name: 'Ricaricare i dati salvati?' }).getByRole('button', { name: 'Ricarica' }).click();
  await expect(cell).toHaveValue('7.000,00');
  await cell.fill('5.000,00');
  await page.getByRole('button', { name: 'Salva assegnazioni' }).click();
  await expect(page.getByText('Assegnazioni salvate')).toBeVisible();
  const grid = await admin.call<{ cells: { year: number; lineCode: string; allocatedCents: number; version: number | null }[] }>('budget.allocations.grid', { fundId: fund.id });
  expect(grid.cells.find((c) => c.lineCode === 'gestione')).toMatchObject({ allocatedCents: 500_000, version: 2 });
});
