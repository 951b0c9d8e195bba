import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { CompaniesList, CompanyForm, CompanyPageModel, freshVatNumber } from './pages/companies';
import { ApiSession, uniqueTag } from './pages/people';

/** Aziende: the list, registering a company (Board member), the duplicate partita IVA, a need with skills on the company page. */

interface NeedView {
  id: number;
  role: string;
  positions: number;
  instrumentCode: string;
  skills: string[];
  status: string;
  requirements: string | null;
}
interface CompanyPageData {
  company: { name: string; vatNumber: string; seatCity: string; sizeBand: string | null; atecoSection: string | null; employerOrgName: string | null; legalRepName: string | null };
  board: { status: string; since: string | null };
  needs: NeedView[];
}

async function admin(request: Parameters<typeof ApiSession.login>[0]) {
  return ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
}

/** A partita IVA that no company has yet (checked through the API). */
async function unusedVat(api: ApiSession): Promise<string> {
  for (;;) {
    const vat = freshVatNumber();
    const { existing } = await api.call<{ existing: unknown }>('companies.checkVat', { vatNumber: vat });
    if (!existing) return vat;
  }
}

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  // logged in: the side menu is there (the Cruscotto below it may still be loading)
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible();
});

test('the list searches by name fragment and partita IVA and filters Board members', async ({ page, request }) => {
  // several searches, each debounced and fetched: more than the default 30 s on a busy machine
  test.setTimeout(60_000);
  const app = new AppPage(page);
  const list = new CompaniesList(page);
  const api = await admin(request);
  await list.open();
  const all = await list.waitForTotal((n) => n > 0);
  await expect(list.table.locator('tbody tr').first()).toBeVisible();
  await app.snap('50-aziende-elenco');

  const board = (await api.call<{ total: number }>('companies.list', { filter: { board: 'board' }, pageSize: 10 })).total;
  await list.showOnly('Board');
  await list.waitForTotal((n) => n === board);
  for (const badge of await list.table.locator('tbody tr td:nth-child(6)').allInnerTexts()) expect(badge).toBe('Board');

  // a fragment from the middle of a name, as typed
  const first = (await api.call<{ rows: { name: string; vatNumber: string }[] }>('companies.list', { pageSize: 10 })).rows[0]!;
  const fragment = first.name.split(' ')[0]!.slice(1, 5);
  await list.showOnly('Tutte');
  await list.search.fill(fragment);
  const found = await list.waitForTotal((n) => n > 0 && n < all);
  for (const name of await list.names()) expect(name.toLowerCase()).toContain(fragment.toLowerCase());
  expect(found).toBe((await api.call<{ total: number }>('companies.list', { filter: { search: fragment }, pageSize: 10 })).total);

  await list.search.fill(first.vatNumber.slice(0, 11));
  await list.waitForTotal((n) => n === 1);
  expect(await list.names()).toEqual([first.name]);
  await list.search.fill('zzzqqq');
  await expect(page.getByText('Nessuna azienda trovata con questi filtri')).toBeVisible();
  await page.getByRole('button', { name: 'Azzera filtri' }).first().click();
  await list.waitForTotal((n) => n === all);
});

test('a company is registered as a Board member and lands on its page', async ({ page, request }) => {
  const app = new AppPage(page);
  const form = new CompanyForm(page);
  const api = await admin(request);
  const vat = await unusedVat(api);
  const name = `Logistica Felsinea ${uniqueTag()} S.r.l.`;
  await form.openNew();
  await expect(page.getByRole('textbox', { name: 'Ragione sociale' })).toBeFocused();

  // a wrong check digit is caught as it is typed
  await form.vatNumber().fill(vat.slice(0, 10) + String((Number(vat.charAt(10)) + 1) % 10));
  await expect(page.getByText('La cifra di controllo della partita IVA non è corretta')).toBeVisible();

  await form.fill({
    name,
    vatNumber: vat,
    legalForm: 'S.r.l.',
    size: 'Media (50–249 addetti)',
    ateco: 'H',
    association: 'Confindustria Emilia Area Centro',
    comune: 'Calderara di Reno',
    street: 'Via dell’Industria',
    number: '14',
    phone: '051 7654321',
    email: 'risorse.umane@felsinea.it',
    legalRep: 'Marta Guidi',
    legalRepRole: 'Amministratore delegato',
    boardSince: '15/03/2021',
  });
  await expect(page.getByText('Partita IVA valida')).toBeVisible();
  await expect(page.getByText('Distretto: Pianura Ovest')).toBeVisible();
  await app.snap('51-azienda-nuova-compilata');

  await form.submit();
  const id = await form.landedCompanyId();
  await expect(page.getByText(`Azienda registrata: ${name}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Board di imprese' }).getByText('Membro del Board dal 15/03/2021')).toBeVisible();

  const saved = await api.call<CompanyPageData>('companies.get', { id });
  expect(saved.company).toMatchObject({ name, vatNumber: vat, seatCity: 'Calderara di Reno', sizeBand: 'media', atecoSection: 'H', employerOrgName: 'Confindustria Emilia Area Centro', legalRepName: 'Marta Guidi' });
  expect(saved.board).toMatchObject({ status: 'board', since: '2021-03-15' });
  await app.snap('51b-azienda-scheda-nuova');
});

test('a company’s registry is edited, and its exit from the Board recorded', async ({ page, request }) => {
  const app = new AppPage(page);
  const form = new CompanyForm(page);
  const company = new CompanyPageModel(page);
  const api = await admin(request);
  const vat = await unusedVat(api);
  const name = `Trasporti Navile ${uniqueTag()} S.r.l.`;
  const { companyId: id } = await api.call<{ companyId: number }>('companies.create', { name, vatNumber: vat, seatIstat: '037009', sizeBand: 'media', boardSince: '2021-03-15' });
  await company.open(id);

  // the registry is edited from «Modifica»
  await page.getByRole('link', { name: 'Modifica' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Modifica: ${name}` })).toBeVisible();
  await expect(form.vatNumber()).toHaveValue(vat);
  await form.pick('Dimensione', '', 'Grande (250 addetti e oltre)');
  await app.snap('51d-azienda-modifica');
  await page.getByRole('button', { name: 'Salva modifiche' }).click();
  await expect(page.getByText('Dati dell’azienda aggiornati')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Anagrafica' })).toContainText('Grande (250 addetti e oltre)');
  expect((await api.call<CompanyPageData>('companies.get', { id })).company.sizeBand).toBe('grande');

  // it left the Board at the end of 2023: from then on it is a collaborating company
  const boardCard = page.getByRole('region', { name: 'Board di imprese' });
  await boardCard.getByRole('button', { name: 'Registra l’uscita' }).click();
  const dialog = page.getByRole('dialog', { name: 'Uscita dal Board di imprese' });
  const until = dialog.getByRole('textbox', { name: 'Uscita il' });
  await until.fill('31/12/2023');
  await until.press('Tab');
  await app.snap('51c-azienda-uscita-board');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Uscita dal Board registrata')).toBeVisible();
  await expect(boardCard).toContainText('Azienda collaboratrice');
  await expect(boardCard).toContainText('In passato nel Board dal 15/03/2021 al 31/12/2023');
  await expect(page.getByRole('main').getByText('Collaboratrice', { exact: true })).toBeVisible();
  expect((await api.call<CompanyPageData>('companies.get', { id })).board.status).toBe('collaboratrice');
});

test('contacts are added, edited and removed after a confirmation', async ({ page, request }) => {
  const company = new CompanyPageModel(page);
  const api = await admin(request);
  const { companyId } = await api.call<{ companyId: number }>('companies.create', { name: `Referenti ${uniqueTag()} S.r.l.`, vatNumber: await unusedVat(api), seatIstat: '037006' });
  await company.open(companyId);
  await page.getByRole('tab', { name: /Referenti/ }).click();
  await expect(page.getByText('Nessun referente registrato.')).toBeVisible();
  await page.getByRole('button', { name: 'Nuovo referente' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuovo referente' });
  await dialog.getByRole('textbox', { name: 'Nome e cognome' }).fill('Paola Ferri');
  await dialog.getByRole('textbox', { name: 'Ruolo' }).fill('Responsabile del personale');
  await dialog.getByRole('textbox', { name: 'Telefono' }).fill('non so');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(dialog.getByText('Numero di telefono non valido: solo cifre, spazi e +')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Telefono' }).fill('347 1234567');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Referente aggiunto: Paola Ferri')).toBeVisible();
  const row = page.getByRole('row', { name: /Paola Ferri/ });
  await expect(row).toContainText('347 1234567');

  await row.getByRole('button', { name: 'Modifica Paola Ferri' }).click();
  const edit = page.getByRole('dialog', { name: 'Modifica referente' });
  await edit.getByRole('textbox', { name: 'Ruolo' }).fill('Direttrice del personale');
  await edit.getByRole('button', { name: 'Salva' }).click();
  await expect(row).toContainText('Direttrice del personale');

  await row.getByRole('button', { name: 'Elimina Paola Ferri' }).click();
  const confirm = page.getByRole('dialog', { name: 'Eliminare il referente?' });
  await confirm.getByRole('button', { name: 'Annulla' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Elimina Paola Ferri' }).click();
  await confirm.getByRole('button', { name: 'Elimina referente' }).click();
  await expect(page.getByText('Nessun referente registrato.')).toBeVisible();
  expect((await api.call<{ contacts: unknown[] }>('companies.get', { id: companyId })).contacts).toEqual([]);
});

test('a partita IVA already registered is refused with a link to the existing company', async ({ page, request }) => {
  const app = new AppPage(page);
  const form = new CompanyForm(page);
  const api = await admin(request);
  const vat = await unusedVat(api);
  const existingName = `Pulizie Navile ${uniqueTag()} Soc. coop.`;
  const { companyId } = await api.call<{ companyId: number }>('companies.create', { name: existingName, vatNumber: vat, seatIstat: '037006' });

  await form.openNew();
  await form.fill({ name: 'Un altro nome S.r.l.', vatNumber: vat, comune: 'Bologna' });
  const alert = page.getByRole('alert').filter({ hasText: 'Partita IVA già registrata' });
  await expect(alert).toContainText(`«${existingName}»`);
  await form.submit();
  await expect(page.getByText('Registrazione non riuscita')).toBeVisible();
  await expect(page).toHaveURL(/#\/aziende\/nuova$/);
  await app.snap('52-azienda-doppione');

  await alert.getByRole('link', { name: 'Apri l’azienda esistente' }).click();
  // leaving a filled form asks nothing: the link is a plain navigation
  await expect(page).toHaveURL(new RegExp(`#/aziende/${companyId}$`));
  await expect(page.getByRole('heading', { level: 2, name: existingName })).toBeVisible();
});

test('a need with skills is added on the company page, with «Trova persone»', async ({ page, request }) => {
  const app = new AppPage(page);
  const company = new CompanyPageModel(page);
  const api = await admin(request);
  const name = `Magazzini Reno ${uniqueTag()} S.p.A.`;
  const { companyId } = await api.call<{ companyId: number }>('companies.create', { name, vatNumber: await unusedVat(api), seatIstat: '037011', atecoSection: 'H', sizeBand: 'grande' });
  await company.open(companyId);
  await expect(page.getByText('Nessun fabbisogno registrato.')).toBeVisible();

  await company.addNeed({
    role: 'Magazziniere',
    positions: 4,
    instrument: 'Tirocinio formativo o stage',
    from: '01/02/2026',
    to: '31/07/2026',
    skills: ['carrello elevatore', 'logistica di magazzino'],
    requirements: 'Disponibilità su turni; patentino per carrello elevatore',
  }, () => app.snap('53a-fabbisogno-nuovo'));
  await expect(page.getByText('Fabbisogno registrato: Magazziniere')).toBeVisible();
  const need = company.need('Magazziniere');
  await expect(need).toContainText('4 posti');
  await expect(need).toContainText('Tirocinio');
  await expect(need).toContainText('Reno, Lavino e Samoggia');
  await expect(need.getByText('carrello elevatore', { exact: true })).toBeVisible();
  await expect(need.getByText('logistica di magazzino', { exact: true })).toBeVisible();

  const saved = (await api.call<CompanyPageData>('companies.get', { id: companyId })).needs;
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({ role: 'Magazziniere', positions: 4, instrumentCode: 'tirocinio', skills: ['carrello elevatore', 'logistica di magazzino'], status: 'aperto' });
  await expect(need.getByRole('link', { name: 'Trova persone' })).toHaveAttribute('href', `#/abbinamenti/fabbisogno/${saved[0]!.id}`);
  await app.snap('53-azienda-scheda-fabbisogno');

  // closing it asks for confirmation and removes «Trova persone»
  await need.getByRole('button', { name: 'Azioni sul fabbisogno Magazziniere' }).click();
  await page.getByRole('menuitem', { name: 'Chiudi (coperto)' }).click();
  await page.getByRole('dialog', { name: 'Chiudere il fabbisogno?' }).getByRole('button', { name: 'Chiudi fabbisogno' }).click();
  await expect(need.getByText('Chiuso', { exact: true })).toBeVisible();
  await expect(need.getByRole('link', { name: 'Trova persone' })).toHaveCount(0);
});

test('a demo company page shows placements, pacts and money; finance cannot edit', async ({ page, request }) => {
  const app = new AppPage(page);
  const company = new CompanyPageModel(page);
  const api = await admin(request);
  // the company with the most people placed (most open needs first would not guarantee it)
  const list = await api.call<{ rows: { id: number; name: string }[] }>('companies.list', { filter: { board: 'board' }, sort: { column: 'openNeeds', direction: 'desc' }, pageSize: 50 });
  let chosen: { id: number; placements: number } | null = null;
  for (const row of list.rows) {
    const data = await api.call<{ placements: unknown[]; pacts: unknown[] }>('companies.get', { id: row.id });
    if (data.placements.length > 0 && data.pacts.length > 0) {
      chosen = { id: row.id, placements: data.placements.length };
      break;
    }
  }
  expect(chosen).not.toBeNull();
  await company.open(chosen!.id);
  await expect(page.getByTestId('money-committed')).toContainText('€');
  await app.snap('54-azienda-scheda-demo');
  await page.getByRole('tab', { name: /Persone inserite/ }).click();
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(chosen!.placements);
  await app.snap('55-azienda-persone-inserite');
  await page.getByRole('tab', { name: /Patti/ }).click();
  await expect(page.getByRole('tabpanel', { name: 'Patti' }).getByRole('link', { name: 'Nuovo patto' })).toHaveAttribute('href', `#/patti/nuovo?companyId=${chosen!.id}`);

  const username = `finanza.${uniqueTag()}`;
  await api.call('auth.users.create', { fullName: 'Franca Finanza', username, role: 'finanza', password: 'password-finanza-1' });
  await app.logout();
  await app.login(username, 'password-finanza-1');
  await company.open(chosen!.id);
  await expect(page.getByTestId('money-paid')).toContainText('€');
  await expect(page.getByRole('link', { name: 'Modifica' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nuovo fabbisogno' })).toHaveCount(0);
});
