import { expect as baseExpect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { demoPrintedPact, demoTraineeship, PactsPage } from './pages/pacts';
import { ApiClient, isoToday, italian, uniqueSurname } from './pages/person';
import { pdfOpenedInTab, snapPdf } from './support/pdfTab';
import { pdfFlatText } from '../electron/testing/pdf';

/** Saving, printing and uploading go through the server: give them time on a busy machine. */
const expect = baseExpect.configure({ timeout: 15_000 });

/** The Patto per il buon lavoro: prepared, printed, signed with the scan, found among the signed ones; the blank form; cancelling. */

// each test walks a whole pact through several screens
test.describe.configure({ timeout: 90_000 });

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
});

test('a pact for a traineeship is prepared, printed, signed with the scan and found under «Firmati questo mese»', async ({ page }) => {
  const app = new AppPage(page);
  const pacts = new PactsPage(page);
  const traineeship = demoTraineeship();

  // from the traineeship ("Crea patto"): person, company and the mode come filled in
  await pacts.openNew({ interventionId: traineeship.interventionId });
  await expect(page.getByRole('combobox', { name: 'Persona', exact: true })).toHaveValue(new RegExp(`^${traineeship.lastName} ${traineeship.firstName}`));
  await expect(page.getByRole('combobox', { name: 'Azienda', exact: true })).toHaveValue(traineeship.companyName);
  await expect(pacts.field('Nome')).toHaveValue(traineeship.firstName);
  await expect(pacts.field('Cognome')).toHaveValue(traineeship.lastName);
  await expect(pacts.mode('tirocinio formativo o stage')).toBeChecked();
  await expect(pacts.mode('inserimento lavorativo')).not.toBeChecked();
  await expect(pacts.field('Luogo')).toHaveValue('Bologna');
  await expect(pacts.field('Il sottoscritto (nome e cognome)')).not.toHaveValue('');
  await app.snap('patti-nuovo');

  await pacts.save();
  const number = await pacts.number();
  await expect(pacts.status).toHaveText('Bozza');
  await expect(page.getByRole('cell', { name: 'tirocinio formativo o stage', exact: true })).toBeVisible();
  await app.snap('patti-scheda-bozza');

  // print: the PDF of this pact opens in a new tab (browser mode), the pact becomes «Stampato»
  const { tab, pdf } = await pacts.print();
  const printed = await pdfFlatText(pdf);
  expect(printed).toContain('PATTO PER IL BUON LAVORO');
  expect(printed).toContain(`Patto n. ${number}`);
  expect(printed).toContain(traineeship.lastName);
  await expect(pacts.status).toHaveText('Stampato');
  await expect(page.getByRole('link', { name: 'Modifica' })).toHaveCount(0);
  await snapPdf('patti-stampa-pdf', pdf);
  await tab.close();

  // signed: the date and the scanned copy (a PNG made here)
  const scan = await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 300 } });
  await pacts.sign({ name: 'patto-firmato.png', mimeType: 'image/png', buffer: scan }, isoToday(), () => app.snap('patti-firma'));
  await expect(pacts.status).toHaveText('Firmato');
  await expect(page.getByText('patto-firmato.png')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scarica copia firmata' })).toBeVisible();
  await expect(page.getByText(`firmato il ${italian(isoToday())}`)).toBeVisible();
  await app.snap('patti-scheda-firmato');

  // the signed copy downloads as it was uploaded
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Scarica copia firmata' }).click();
  expect((await download).suggestedFilename()).toBe('patto-firmato.png');

  // the list: not among the ones to sign, but among the ones signed this month
  await pacts.openList();
  await expect(pacts.row(number)).toHaveCount(0);
  await app.snap('patti-elenco');
  await pacts.view('Firmati questo mese');
  await expect(pacts.row(number)).toBeVisible();
  await expect(pacts.row(number)).toContainText(traineeship.companyName);
  await app.snap('patti-elenco-firmati');
  await pacts.row(number).getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Patto ${number}` })).toBeVisible();
});

test('a pact chosen with the pickers: the form’s checks, then cancelled with a reason', async ({ page, request }) => {
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const lastName = uniqueSurname('D’');
  const { personId } = await api.call<{ personId: number }>('people.create', {
    lastName,
    firstName: 'Niccolò',
    sex: 'M',
    birthDate: '1988-04-12',
    birthPlaceCode: 'A944',
    taxCodeMissingReason: 'In attesa di attribuzione',
    privacyAcknowledgedOn: '2024-01-15',
    domicileIstat: '037006',
    domicileStreet: 'Via Zamboni',
    domicileNumber: '33',
  });
  const company = demoTraineeship(1);
  const pacts = new PactsPage(page);

  await pacts.openNew({ personId });
  await expect(page.getByText('Scegliere la persona e l’azienda')).toBeVisible();
  await pacts.pick('Azienda', company.companyName, company.companyName);
  await expect(pacts.field('Nome')).toHaveValue('Niccolò');
  await expect(pacts.field('Nato a')).toHaveValue('Bologna (BO)');
  await expect(pacts.field('Attualmente domiciliato a')).toHaveValue('Bologna');
  // no mode chosen yet: the form says so
  await pacts.save();
  await expect(page.getByText('Scegliere almeno una modalità di collaborazione')).toBeVisible();
  await pacts.mode('altro').check();
  await pacts.save();
  await expect(page.getByText('Descrivere l’altra modalità')).toBeVisible();
  await pacts.field('Altro: quale').fill('Tutoraggio aziendale');
  await pacts.save();
  const number = await pacts.number();
  await expect(pacts.status).toHaveText('Bozza');
  await expect(page.getByRole('cell', { name: 'altro: Tutoraggio aziendale', exact: true })).toBeVisible();

  // a draft can be edited
  await page.getByRole('link', { name: 'Modifica' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Modifica patto ${number}` })).toBeVisible();
  await pacts.mode('inserimento lavorativo').check();
  await page.getByRole('button', { name: 'Salva modifiche' }).click();
  await expect(page.getByRole('cell', { name: 'inserimento lavorativo, altro: Tutoraggio aziendale', exact: true })).toBeVisible();

  // cancelled with a reason
  await pacts.cancelPact('Rinuncia della persona');
  await expect(pacts.status).toHaveText('Annullato');
  await expect(page.getByText('Motivo: Rinuncia della persona')).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Stampa|Segna come firmato|Annulla patto)$/ })).toHaveCount(0);

  await pacts.openList();
  await pacts.view('Tutti');
  await page.getByRole('textbox', { name: 'Cerca' }).fill(number);
  await expect(pacts.row(number)).toContainText('Annullato');
});

test('the blank form opens as a PDF to print', async ({ page }) => {
  const pacts = new PactsPage(page);
  await pacts.openList();
  const { tab, pdf } = await pdfOpenedInTab(page, 'pacts.blankPdf', () => page.getByRole('button', { name: 'Modulo vuoto' }).click());
  const form = await pdfFlatText(pdf);
  expect(form).toContain('PATTO PER IL BUON LAVORO');
  expect(form).toContain('Patto n. ____');
  expect(form).not.toContain('☒');
  await snapPdf('patti-modulo-vuoto-scheda', pdf);
  await tab.close();
});

test('finance staff read pacts with names only: no printing, signing or personal data', async ({ page, request }) => {
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const username = `finanza.${uniqueSurname('').toLowerCase()}`;
  await api.call('auth.users.create', { fullName: 'Franca Contabile', username, role: 'finanza', password: 'password-finanza-1' });
  const app = new AppPage(page);
  await app.logout();
  await app.login(username, 'password-finanza-1');
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();

  const pacts = new PactsPage(page);
  await pacts.openList();
  await expect(page.getByRole('link', { name: 'Nuovo patto' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Modulo vuoto' })).toBeVisible();

  const pact = demoPrintedPact();
  await page.goto(`/#/patti/${pact.id}`);
  await expect(page.getByRole('heading', { level: 2, name: `Patto ${pact.number}` })).toBeVisible();
  await expect(pacts.status).toHaveText('Stampato');
  await expect(page.getByText('non sono visibili con il proprio ruolo')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Nato a / il' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Stampa|Ristampa|Segna come firmato|Annulla patto|Archivia)$/ })).toHaveCount(0);
  await app.snap('patti-scheda-finanza');
});
