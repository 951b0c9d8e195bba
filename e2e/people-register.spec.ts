import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { computeCodiceFiscale } from '../electron/domain/codiceFiscale';
import { AppPage } from './pages/app';
import { ApiSession, PersonForm, uniqueTag } from './pages/people';

/** Registering people: a Caritas referral, the same codice fiscale again, a near-duplicate, a wrong code, a read-only user. */

interface PersonPageData {
  person: {
    lastName: string;
    firstName: string;
    taxCode: string | null;
    workExperiences: { employer: string | null; role: string; startDate: string | null; endDate: string | null; description: string | null }[];
  };
  cases: { channelCode: string; referringOrgName: string | null; referringPoint: string | null }[];
}

async function admin(request: Parameters<typeof ApiSession.login>[0]) {
  return ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
}

/** A person registered through the API, for the checks that need someone already in the archive. */
async function registerThroughApi(api: ApiSession, p: { lastName: string; firstName: string; sex: 'M' | 'F'; birthDate: string; birthPlaceCode: string }) {
  const taxCode = computeCodiceFiscale(p);
  const result = await api.call<{ created: boolean; personId: number }>('people.create', { ...p, taxCode, domicileIstat: '037006', privacyAcknowledgedOn: '2024-01-15' });
  expect(result.created).toBe(true);
  return { id: result.personId, taxCode };
}

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
});

test('a Caritas referral is registered with the computed codice fiscale and lands on its page', async ({ page, request }) => {
  const app = new AppPage(page);
  const form = new PersonForm(page);
  const lastName = `Rinaldi${uniqueTag()}`;
  await form.openNew();
  await expect(page.getByRole('textbox', { name: 'Cognome', exact: true })).toBeFocused();
  await app.snap('40-persona-nuova-vuota');

  await form.fill({
    lastName,
    firstName: 'Giulia',
    sex: 'F',
    birthDate: '14/05/1988',
    birthPlace: 'Bologna',
    comune: 'Casalecchio di Reno',
    phone: '333 555 0101',
    channel: 'Punto di ascolto Caritas',
    point: 'Centro d’ascolto parrocchia di San Donato',
  });
  await expect(page.getByText('Distretto: Reno, Lavino e Samoggia')).toBeVisible();
  // the channel suggests the referring organisation
  await expect(page.getByRole('combobox', { name: 'Ente inviante' })).toHaveValue('Caritas diocesana di Bologna');
  const taxCode = await form.computeTaxCode();
  expect(taxCode).toBe(computeCodiceFiscale({ lastName, firstName: 'Giulia', sex: 'F', birthDate: '1988-05-14', birthPlaceCode: 'A944' }));
  await app.snap('41-persona-nuova-compilata');

  // her last job, with the end typed before the start by mistake; a row added by error is removed
  const job = await form.addWorkExperience({ role: 'Addetta alle pulizie', employer: 'Coop Servizi Bologna', from: '01/09/2021', to: '31/08/2020', description: 'Uffici e scale condominiali, part-time' });
  const extra = await form.addWorkExperience({ role: 'Da togliere' });
  await extra.getByRole('button', { name: /^Rimuovi l’esperienza 2/ }).click();
  await expect(form.experience(2)).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(job.getByText('La data di fine non può essere prima della data di inizio')).toBeVisible();
  await expect(page).toHaveURL(/#\/persone\/nuova$/);
  await form.typeDate(job, 'Al', '31/08/2023');
  await expect(job.getByText('La data di fine non può essere prima della data di inizio')).toBeHidden();
  await form.section('Esperienze lavorative').scrollIntoViewIfNeeded();
  await app.snap('41b-persona-nuova-esperienze');

  // Ctrl+S saves from any field
  await page.keyboard.press('Control+s');
  const id = await form.landedPersonId();
  await expect(page.getByText(`Registrazione completata: ${lastName} Giulia`)).toBeVisible();
  const profile = page.getByRole('region', { name: 'Profilo' });
  await expect(profile.getByTestId('work-experience')).toHaveText(['Addetta alle pulizie · Coop Servizi Bologna — 09/2021 – 08/2023Uffici e scale condominiali, part-time']);
  await expect(profile.getByText('Nessun CV allegato')).toBeVisible();

  const saved = await (await admin(request)).call<PersonPageData>('people.get', { id });
  expect(saved.person).toMatchObject({ lastName, firstName: 'Giulia', taxCode });
  expect(saved.person.workExperiences).toEqual([
    { id: expect.any(Number), role: 'Addetta alle pulizie', employer: 'Coop Servizi Bologna', startDate: '2021-09-01', endDate: '2023-08-31', description: 'Uffici e scale condominiali, part-time' },
  ]);
  expect(saved.cases).toHaveLength(1);
  expect(saved.cases[0]).toMatchObject({ channelCode: 'caritas', referringOrgName: 'Caritas diocesana di Bologna', referringPoint: 'Centro d’ascolto parrocchia di San Donato' });
});

test('the same codice fiscale entered again leads to the existing person', async ({ page, request }) => {
  const api = await admin(request);
  const lastName = `Ferri${uniqueTag()}`;
  const existing = await registerThroughApi(api, { lastName, firstName: 'Marco', sex: 'M', birthDate: '1979-11-02', birthPlaceCode: 'F257' });

  const form = new PersonForm(page);
  await form.openNew();
  // typed in lowercase with spaces, as people copy it from a document
  await form.taxCode().fill(existing.taxCode.toLowerCase().replace(/(.{4})/g, '$1 '));
  await expect(form.taxCode()).toHaveValue(existing.taxCode);
  const alert = page.getByTestId('cf-existing');
  await expect(alert).toContainText(`Questa persona è già registrata: ${lastName} Marco`);
  await expect(alert.getByRole('link', { name: 'Apri la scheda' })).toHaveAttribute('href', `#/persone/${existing.id}`);
  // the valid code filled the data it contains
  await expect(page.getByRole('radio', { name: 'Maschio' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Data di nascita' })).toHaveValue('02/11/1979');
  await expect(page.getByRole('combobox', { name: 'Luogo di nascita' })).toHaveValue('Modena (MO)');

  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(lastName);
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Marco');
  await form.pick('Comune', 'Lazzaro', 'San Lazzaro di Savena');
  await form.pick('Canale di accesso', '', 'Modulo online');
  await form.signPrivacy();
  await form.submit();
  // the registration stops and shows the person already registered
  const dialog = page.getByRole('dialog', { name: 'Persona già registrata' });
  await expect(dialog.getByTestId('already-registered')).toContainText(`${lastName} Marco (scheda n. ${existing.id})`);
  await dialog.getByRole('button', { name: 'Apri la scheda esistente' }).click();
  expect(await form.landedPersonId()).toBe(existing.id);
  // registered without a profile: the card says so in one line
  await expect(page.getByRole('region', { name: 'Profilo' })).toContainText('Non ancora compilato');
  await new AppPage(page).snap('47-persona-profilo-vuoto');
  expect(await api.countPeople(existing.taxCode)).toBe(1);
});

test('a near-duplicate (same birth date, name written differently, other code) is warned before saving', async ({ page, request }) => {
  const app = new AppPage(page);
  const api = await admin(request);
  const tag = uniqueTag();
  const existing = await registerThroughApi(api, { lastName: `D'Angelo${tag}`, firstName: 'Lucia', sex: 'F', birthDate: '1990-03-15', birthPlaceCode: 'A944' });

  const form = new PersonForm(page);
  const typed = { lastName: `Dangelo${tag}`, firstName: 'Lucìa', sex: 'F' as const, birthDate: '15/03/1990', birthPlace: 'Modena', comune: 'Imola', channel: 'Servizi sociali' };
  const register = async () => {
    await form.openNew();
    await form.fill(typed);
    return form.computeTaxCode();
  };
  const newCode = await register();
  expect(newCode).not.toBe(existing.taxCode);
  await form.submit();

  const dialog = page.getByRole('dialog', { name: 'Questa persona potrebbe essere già registrata' });
  await expect(dialog).toBeVisible();
  const candidate = dialog.getByTestId('duplicate-candidate').filter({ hasText: `D'Angelo${tag} Lucia` });
  await expect(candidate).toContainText('nata/o il 15/03/1990');
  await expect(candidate).toContainText('Stessa data di nascita e nome simile');
  await expect(candidate).toContainText('nessun caso aperto');
  await app.snap('43-persona-possibile-doppione');

  // "È la stessa persona": opens the existing one, nothing saved
  await candidate.getByRole('button', { name: 'È la stessa persona' }).click();
  expect(await form.landedPersonId()).toBe(existing.id);
  expect(await api.countPeople(newCode)).toBe(0);

  // "È una persona diversa": saved, acknowledging the candidate
  await register();
  await form.submit();
  await dialog.getByRole('button', { name: 'È una persona diversa' }).click();
  const id = await form.landedPersonId();
  expect(id).not.toBe(existing.id);
  expect(await api.countPeople(newCode)).toBe(1);
});

test('a wrong codice fiscale gets a clear message and nothing is saved', async ({ page, request }) => {
  const app = new AppPage(page);
  const api = await admin(request);
  const form = new PersonForm(page);
  await form.openNew();
  // an empty form: every required field says what it needs
  await form.submit();
  await expect(page.getByText('Inserire il cognome')).toBeVisible();
  await expect(page.getByText('Inserire la data di nascita')).toBeVisible();
  await expect(page.getByText('Indicare il canale di accesso')).toBeVisible();
  await app.snap('42-persona-nuova-errori');

  const lastName = `Bassi${uniqueTag()}`;
  const right = computeCodiceFiscale({ lastName, firstName: 'Paolo', sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'H501' });
  const wrong = right.slice(0, 15) + (right.endsWith('A') ? 'B' : 'A');
  await form.fill({ lastName, firstName: 'Paolo', sex: 'M', birthDate: '10/12/1985', birthPlace: 'Roma', taxCode: wrong, comune: 'Bologna', channel: 'Sportello lavoro' });
  const message = 'Il carattere di controllo non corrisponde: il codice fiscale contiene un errore di battitura';
  await expect(page.getByText(message)).toBeVisible();
  await form.submit();
  await expect(page.getByText('Controllare i campi evidenziati in rosso')).toBeVisible();
  await expect(page).toHaveURL(/#\/persone\/nuova$/);
  await app.snap('44-persona-codice-fiscale-errato');
  expect(await api.countPeople(wrong)).toBe(0);
  expect(await api.countPeople(lastName)).toBe(0);

  // corrected with "Calcola", it is accepted
  await form.computeTaxCode();
  await expect(page.getByText(message)).toBeHidden();

  // Esc leaves, after confirming that the data typed will be lost
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).press('Escape');
  const confirm = page.getByRole('dialog', { name: 'Uscire senza salvare?' });
  await confirm.getByRole('button', { name: 'Esci senza salvare' }).click();
  await expect(page).not.toHaveURL(/nuova/);
  expect(await api.countPeople(lastName)).toBe(0);
});

test('a sola_lettura user sees the list but cannot register people', async ({ page, request }) => {
  const app = new AppPage(page);
  const api = await admin(request);
  const username = `lettura.${uniqueTag()}`;
  const password = 'password-lettura-1';
  await api.call('auth.users.create', { fullName: 'Lina Lettura', username, role: 'sola_lettura', password });
  await app.logout();
  await app.login(username, password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();

  await app.goTo('Persone');
  await expect(page.getByRole('button', { name: /^Cognome e nome / })).toBeVisible();
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Codice fiscale' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Nuova persona' })).toHaveCount(0);

  await page.goto('/#/persone/nuova');
  await expect(page.getByText('Il suo ruolo non consente di registrare persone')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registra persona' })).toHaveCount(0);
  await app.snap('45-persona-nuova-sola-lettura');

  // and the server refuses anyway
  const reader = await ApiSession.login(request, username, password);
  await expect(reader.call('people.create', { lastName: 'Prova', firstName: 'Lettura', sex: 'F', birthDate: '1990-01-01', taxCodeMissingReason: 'prova' })).rejects.toThrow(/people\.create/);
});

test('a person’s data are corrected from /persone/:id/modifica', async ({ page, request }) => {
  const app = new AppPage(page);
  const api = await admin(request);
  const lastName = `Neri${uniqueTag()}`;
  const person = await registerThroughApi(api, { lastName, firstName: 'Carla', sex: 'F', birthDate: '1971-07-21', birthPlaceCode: 'Z129' });

  await page.goto(`/#/persone/${person.id}/modifica`);
  await expect(page.getByRole('heading', { level: 2, name: `Modifica: ${lastName} Carla` })).toBeVisible();
  await expect(new PersonForm(page).taxCode()).toHaveValue(person.taxCode);
  await expect(page.getByRole('combobox', { name: 'Luogo di nascita' })).toHaveValue('Romania');
  await expect(page.getByRole('region', { name: 'Presa in carico' })).toHaveCount(0);
  await page.getByLabel('Telefono').fill('051 123 4567');
  await page.getByRole('combobox', { name: 'Cittadinanza' }).fill('Romania');
  await expect(page.getByRole('combobox', { name: 'Gruppo di nazionalità' })).toHaveValue('Unione europea');
  const form = new PersonForm(page);
  await form.addWorkExperience({ role: 'Magazziniera', employer: 'Interporto Bologna', from: '01/02/2019' });
  await app.snap('46-persona-modifica');
  await page.getByRole('button', { name: 'Salva modifiche' }).click();
  await expect(page).toHaveURL(new RegExp(`#/persone/${person.id}$`));
  await expect(page.getByText('Dati della persona aggiornati')).toBeVisible();

  await expect(page.getByRole('region', { name: 'Profilo' }).getByTestId('work-experience')).toHaveText(['Magazziniera · Interporto Bologna — dal 02/2019, in corso']);

  const saved = await api.call<PersonPageData & { person: { phone: string | null; citizenship: string | null; nationalityGroup: string | null } }>('people.get', { id: person.id });
  expect(saved.person.phone?.replace(/\D/g, '')).toBe('0511234567');
  expect(saved.person).toMatchObject({ citizenship: 'Romania', nationalityGroup: 'UE' });
  expect(saved.person.workExperiences).toMatchObject([{ role: 'Magazziniera', employer: 'Interporto Bologna', startDate: '2019-02-01', endDate: null, description: null }]);
});
