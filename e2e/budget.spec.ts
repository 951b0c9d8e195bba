import { expect as baseExpect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { BudgetPage, cents } from './pages/budget';
import { ApiSession, uniqueTag } from './pages/people';

/**
 * Bilancio on the demo data (issue #5): the overview and its drill-down, the screens by role, and
 * Thursday's finance work — a new Comune fund allocated across lines, a traineeship committed
 * (6 months × € 450) and paid for two months, a commitment beyond what is left refused, then
 * recorded by finance with a reason and listed among the overrides.
 */

// several suites may share the machine: give the screens a little more time than the default 5 s
const expect = baseExpect.configure({ timeout: 15_000 });

const TRAINEESHIP_LINE = 'Tirocini e inserimento lavorativo';
const PASSWORD = 'password-e2e-123';
/** The new fund is for the current year: commitments and payments are dated today. */
const YEAR = new Date().getFullYear();
const NEW_FUND = `Comune di Bologna – Insieme per il lavoro ${YEAR}`;

async function loginAs(page: Page, username: string, password: string): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open();
  await app.login(username, password);
  // the Cruscotto opens first and may take a moment on a busy machine
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible({ timeout: 30_000 });
  return app;
}

async function makeUser(api: ApiSession, role: string, fullName: string): Promise<string> {
  const username = `${role.replace('_', '')}.${uniqueTag()}`;
  await api.call('auth.users.create', { fullName, username, role, password: PASSWORD });
  return username;
}

test('the overview: cards per fund, every figure opens the rows behind it, 50 a page, export', async ({ page }) => {
  test.setTimeout(180_000);
  const app = await loginAs(page, E2E_ADMIN.username, E2E_ADMIN.password);
  const budget = new BudgetPage(page);
  await budget.open();
  await expect(page.getByRole('tab', { name: 'Quadro generale', selected: true })).toBeVisible();
  await expect(page.getByTestId('fondo-comune_bo_2017')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('fondo-comune_bo_2017')).toContainText('€ 10.000.000,00');
  await app.snap('80-bilancio-quadro');
  await page.getByRole('table', { name: 'Quadro per fondo, anno e voce' }).scrollIntoViewIfNeeded();
  await app.snap('80b-bilancio-quadro-tabella');

  // the committed figure of one cell, then the rows behind it: their sum is the figure, to the cent
  const label = `Impegnato 2019 ${TRAINEESHIP_LINE}`;
  const committed = await budget.figureCents(label);
  expect(committed).toBeGreaterThan(0);
  await budget.figure(label).first().click();
  await expect(page).toHaveURL(/#\/bilancio\/movimenti\?.*anno=2019.*tipo=impegni/);
  const total = page.getByTestId('movimenti-totale');
  await expect(total).toContainText('somma');
  expect(cents((await total.innerText()).split('somma')[1] ?? '')).toBe(committed);
  await page.goBack();

  // what the Comune fund has paid: hundreds of rows, 50 a page
  const paidLabel = 'Liquidato Comune di Bologna – Insieme per il lavoro 2017–2020';
  const paid = await budget.figureCents(paidLabel);
  await budget.figure(paidLabel).first().click();
  await expect(page).toHaveURL(/#\/bilancio\/movimenti\?fondo=1.*tipo=liquidazioni/);
  await expect(total).toContainText('somma');
  expect(cents((await total.innerText()).split('somma')[1] ?? '')).toBe(paid);
  const count = Number((await total.innerText()).split(' ')[0]!.replace(/\./g, ''));
  expect(count).toBeGreaterThan(50);
  await expect(page.locator('table tbody tr')).toHaveCount(50);
  await expect(page.getByText(`1–50 di ${count.toLocaleString('it-IT')}`)).toBeVisible();
  await app.snap('81-bilancio-movimenti');
  await page.getByRole('button', { name: 'Pagina successiva' }).click();
  await expect(page.getByText(`51–${Math.min(100, count)} di ${count.toLocaleString('it-IT')}`)).toBeVisible();

  // the same rows to Excel
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Esporta in Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String).join(' | ');
  expect(header).toMatch(/Liquidato/);
  expect(sheet.actualRowCount).toBeGreaterThanOrEqual(count + 1);

  // the other views of the overview
  await budget.open();
  await page.getByText('Ritmo di spesa per voce').click();
  await expect(page.getByRole('table', { name: 'Ritmo di spesa ed esaurimento per voce' })).toBeVisible();
  await app.snap('82-bilancio-ritmo-per-voce');
  await page.getByText('Andamento mensile').click();
  await page.getByTestId('grafico-mensile').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await app.snap('83-bilancio-andamento-mensile');

  const overview = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Esporta quadro in Excel' }).click();
  const overviewFile = await overview;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await overviewFile.path());
  expect(book.worksheets.length).toBeGreaterThan(0);

  // spending per person, company, instrument, and the funds
  await budget.tab('Spesa per destinatario');
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  await app.snap('84-bilancio-spesa-persone');
  await page.getByText('Per strumento').click();
  await expect(page.getByRole('cell', { name: 'Tirocinio formativo o stage' })).toBeVisible();
  await app.snap('85-bilancio-spesa-strumenti');
  await budget.tab('Fondi');
  await expect(page.getByRole('table', { name: 'Fondi' })).toContainText('Arcidiocesi di Bologna');
  await app.snap('86-bilancio-fondi');
  await budget.tab('Impegni e liquidazioni');
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  await app.snap('87-bilancio-impegni');
  await page.locator('table tbody tr').first().click();
  await expect(page).toHaveURL(/#\/bilancio\/impegni\/\d+$/);
  await expect(page.getByRole('table', { name: 'Liquidazioni' }).or(page.getByText('Nessuna liquidazione'))).toBeVisible();
  await app.snap('88-bilancio-impegno');
});

test('Thursday: allocate a Comune fund, commit a traineeship, pay two months, a refusal and an override', async ({ page, request }) => {
  test.setTimeout(240_000);
  const admin = await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const finance = await makeUser(admin, 'finanza', 'Franca Finanzi');
  const app = await loginAs(page, E2E_ADMIN.username, E2E_ADMIN.password);
  const budget = new BudgetPage(page);
  await budget.open();

  // a new fund of the Comune for one year
  await budget.tab('Fondi');
  await page.getByRole('button', { name: 'Nuovo fondo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuovo fondo' });
  await dialog.getByRole('textbox', { name: 'Nome' }).fill(NEW_FUND);
  await dialog.getByRole('textbox', { name: 'Codice' }).fill(`comune_bo_${YEAR}_${uniqueTag()}`);
  await budget.chooseOption('Ente finanziatore', 'Comune di Bologna', dialog);
  await dialog.getByRole('textbox', { name: 'Importo del fondo' }).fill('300.000,00');
  await dialog.getByRole('textbox', { name: 'Anno di inizio' }).fill(String(YEAR));
  await dialog.getByRole('textbox', { name: 'Anno di fine' }).fill(String(YEAR));
  await dialog.getByRole('textbox', { name: 'Note' }).fill(`Delibera di Giunta per il ${YEAR}: tirocini, orientamento, innovazione sociale e gestione`);
  await app.snap('89-bilancio-nuovo-fondo');
  await dialog.getByRole('button', { name: 'Crea fondo' }).click();

  // its grid: too much first (the refusal names the excess), then across the lines
  await expect(page).toHaveURL(/#\/bilancio\/assegnazioni\?fondo=\d+/);
  await expect(budget.cell(TRAINEESHIP_LINE, YEAR)).toBeVisible();
  await budget.cell(TRAINEESHIP_LINE, YEAR).fill('400.000,00');
  await budget.cell('Orientamento e formazione', YEAR).fill('60.000,00');
  await expect(page.getByText('Eccedenza sul fondo')).toBeVisible();
  await expect(page.getByTestId('griglia-da-assegnare')).toHaveText('€ 160.000,00');
  await page.getByRole('button', { name: 'Salva assegnazioni' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Assegnazioni non salvate' });
  await expect(refusal).toContainText('supera il fondo di € 160.000,00');
  await app.snap('90-bilancio-assegnazioni-eccedenza');

  // leaving with unsaved changes asks first
  await page.getByRole('tab', { name: 'Quadro generale' }).click();
  await expect(page.getByRole('dialog', { name: 'Uscire senza salvare?' })).toBeVisible();
  await page.getByRole('button', { name: 'Resta qui' }).click();
  await expect(budget.cell(TRAINEESHIP_LINE, YEAR)).toHaveValue('400.000,00');

  await budget.cell(TRAINEESHIP_LINE, YEAR).fill('180.000,00');
  await budget.cell('Orientamento e formazione', YEAR).fill('60.000,00');
  await budget.cell('Innovazione sociale', YEAR).fill('30000');
  await budget.cell('Gestione', YEAR).fill('30.000');
  await budget.cell('Gestione', YEAR).blur();
  await expect(budget.cell('Innovazione sociale', YEAR)).toHaveValue('30.000,00');
  await expect(page.getByTestId('griglia-da-assegnare')).toHaveText('€ 0,00');
  await page.getByRole('button', { name: 'Salva assegnazioni' }).click();
  await expect(page.getByText('Assegnazioni salvate')).toBeVisible();
  await expect(page.getByTestId('griglia-assegnato')).toHaveText('€ 300.000,00');
  await app.snap('91-bilancio-assegnazioni');
  const fundId = Number(new URL(page.url().replace('#/', '')).searchParams.get('fondo'));

  // the traineeship line of the year before the commitment
  await page.goto(`/#/bilancio?fondo=${fundId}`);
  const cell = `${YEAR} ${TRAINEESHIP_LINE}`;
  await expect(budget.figure(`Disponibile ${cell}`)).toHaveText('€ 180.000,00');
  const before = {
    committed: await budget.figureCents(`Impegnato ${cell}`),
    paid: await budget.figureCents(`Liquidato ${cell}`),
    available: await budget.figureCents(`Disponibile ${cell}`),
  };

  // a traineeship with no commitment yet (a proposed one), found by the person's surname
  type Suggestion = { interventionId: number; personName: string; alreadyCommittedCents: number; months: number | null };
  let path: Suggestion | undefined;
  for (const letter of 'BCDFGMPRST') {
    const found = await admin.call<Suggestion[]>('budget.paths.search', { search: letter, instrumentCode: 'tirocinio' });
    path = found.find((s) => s.alreadyCommittedCents === 0 && s.months !== null);
    if (path) break;
  }

  await budget.tab('Impegni e liquidazioni');
  await page.getByRole('link', { name: 'Nuovo impegno' }).click();
  if (path) {
    const picker = page.getByRole('combobox', { name: 'Percorso collegato' });
    await picker.click();
    await picker.fill(path.personName.slice(0, 5));
    await page.getByRole('option', { name: new RegExp(path.personName) }).first().click();
  }
  await budget.chooseOption('Fondo', NEW_FUND);
  await budget.chooseOption('Anno', String(YEAR));
  await budget.chooseOption('Voce di spesa', new RegExp(`^${TRAINEESHIP_LINE}`));
  await page.getByText('Tirocinio: mesi × indennità', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Mesi' }).fill('6');
  await page.getByRole('textbox', { name: 'Indennità mensile' }).fill('450');
  await expect(page.getByTestId('totale-tirocinio')).toHaveText('€ 2.700,00');
  await page.getByRole('textbox', { name: 'Numero dell’atto' }).fill(`DD/${YEAR}/0101`);
  if (!path) await page.getByRole('textbox', { name: 'Descrizione' }).fill('Indennità di tirocinio – 6 mesi');
  await app.snap('92-bilancio-nuovo-impegno-tirocinio');
  await page.getByRole('button', { name: 'Registra impegno' }).click();
  await expect(page).toHaveURL(/#\/bilancio\/impegni\/\d+$/);
  await expect(page.getByTestId('impegno-netto')).toHaveText('€ 2.700,00');

  // two months paid
  for (const month of [1, 2]) {
    await page.getByRole('button', { name: 'Registra liquidazione' }).click();
    const pay = page.getByRole('dialog', { name: 'Registra liquidazione' });
    await pay.getByRole('textbox', { name: 'Importo' }).fill('450,00');
    await pay.getByRole('textbox', { name: 'Numero del documento' }).fill(`LIQ/${YEAR}/0000${month}`);
    await pay.getByRole('textbox', { name: 'Descrizione' }).fill(`Indennità ${month}° mese`);
    if (month === 2) await app.snap('93-bilancio-liquidazione');
    await pay.getByRole('button', { name: 'Registra liquidazione' }).click();
    await expect(pay).toBeHidden();
  }
  await expect(page.getByTestId('impegno-liquidato')).toHaveText('€ 900,00');
  await expect(page.getByTestId('impegno-da-liquidare')).toHaveText('€ 1.800,00');
  await app.snap('94-bilancio-impegno-liquidato');

  // a payment beyond what the commitment has left is refused with the amount left
  await page.getByRole('button', { name: 'Registra liquidazione' }).click();
  const over = page.getByRole('dialog', { name: 'Registra liquidazione' });
  await over.getByRole('textbox', { name: 'Importo' }).fill('2.000,00');
  await over.getByRole('button', { name: 'Registra liquidazione' }).click();
  await expect(over.getByRole('alert')).toContainText('€ 1.800,00');
  await app.snap('95-bilancio-liquidazione-rifiutata');
  await over.getByRole('button', { name: 'Annulla' }).last().click();

  // the overview: committed up by exactly € 2.700,00, paid by € 900,00, available down by € 2.700,00
  await page.goto(`/#/bilancio?fondo=${fundId}`);
  await expect(budget.figure(`Impegnato ${cell}`)).toHaveText('€ 2.700,00');
  expect(await budget.figureCents(`Impegnato ${cell}`)).toBe(before.committed + 270_000);
  expect(await budget.figureCents(`Liquidato ${cell}`)).toBe(before.paid + 90_000);
  expect(await budget.figureCents(`Disponibile ${cell}`)).toBe(before.available - 270_000);
  await app.snap('96-bilancio-quadro-dopo-tirocinio');
  await app.logout();

  // finance tries to commit more than is left: refused with what is left, then overridden with a reason
  await loginAs(page, finance, PASSWORD);
  await page.goto('/#/bilancio/impegni/nuovo');
  await budget.chooseOption('Fondo', NEW_FUND);
  await budget.chooseOption('Anno', String(YEAR));
  await budget.chooseOption('Voce di spesa', new RegExp(`^${TRAINEESHIP_LINE}`));
  await page.getByRole('textbox', { name: 'Importo dell’impegno' }).fill('180.000,00');
  await page.getByRole('textbox', { name: 'Descrizione' }).fill(`Tirocini del secondo semestre ${YEAR} (bando unico)`);
  await page.getByRole('button', { name: 'Registra impegno' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Impegno oltre il disponibile' });
  await expect(refused).toContainText('Restano € 177.300,00');
  await app.snap('97-bilancio-impegno-rifiutato');
  await refused.getByRole('button', { name: 'Procedi comunque…' }).click();
  await refused.getByRole('button', { name: 'Registra con deroga' }).click();
  await expect(refused.getByText(/Scrivere la motivazione della deroga/)).toBeVisible();
  await refused.getByRole('textbox', { name: 'Motivazione della deroga' }).fill('Integrazione del Comune deliberata, in arrivo con la variazione di bilancio di luglio');
  await app.snap('98-bilancio-deroga-motivazione');
  await refused.getByRole('button', { name: 'Registra con deroga' }).click();
  await expect(page).toHaveURL(/#\/bilancio\/impegni\/\d+$/);
  await expect(page.getByText('Registrato oltre il disponibile, con deroga')).toBeVisible();
  await expect(page.getByText('Deroga', { exact: true }).first()).toBeVisible();
  await app.snap('98b-bilancio-impegno-con-deroga');

  await budget.tab('Deroghe');
  await expect(page.getByText('«Integrazione del Comune deliberata, in arrivo con la variazione di bilancio di luglio»')).toBeVisible();
  await app.snap('99-bilancio-deroghe');
});

test('coordinators read the Bilancio without write buttons; operators do not see money', async ({ page, request }) => {
  test.setTimeout(120_000);
  const admin = await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const coordinator = await makeUser(admin, 'coordinatore', 'Carla Coordina');
  const operator = await makeUser(admin, 'operatore', 'Oscar Opera');

  const app = await loginAs(page, coordinator, PASSWORD);
  const budget = new BudgetPage(page);
  await budget.open();
  await expect(page.getByText('Sola consultazione')).toBeVisible();
  await budget.tab('Fondi');
  await expect(page.getByRole('table', { name: 'Fondi' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nuovo fondo' })).toHaveCount(0);
  await budget.tab('Assegnazioni');
  await expect(page.getByRole('table', { name: /Assegnazioni di/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Salva assegnazioni' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: `${TRAINEESHIP_LINE} 2019` })).toHaveCount(0);
  await app.snap('79a-bilancio-assegnazioni-coordinatore');
  await budget.tab('Impegni e liquidazioni');
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nuovo impegno' })).toHaveCount(0);
  await page.locator('table tbody tr').first().click();
  await expect(page.getByRole('button', { name: 'Registra liquidazione' })).toHaveCount(0);
  await app.logout();

  await loginAs(page, operator, PASSWORD);
  await page.goto('/#/bilancio');
  await expect(page.getByText('Sezione non disponibile per il proprio ruolo')).toBeVisible();
  await app.snap('79b-bilancio-operatore');
});
