import { expect, request as requests, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { E2E_ADMIN } from '../playwright.config';
import { pdfFlatText } from '../electron/testing/pdf';
import { readZip } from '../electron/testing/zip';
import { AppPage } from './pages/app';
import { PeopleList, PersonForm } from './pages/people';
import { ApiClient, isoToday, italian, PersonPage, randomBirthDate, uniqueSurname } from './pages/person';
import { PrivacyPages } from './pages/privacy';

/**
 * The privacy notice and the copy of a person's data on the shared demo database: a person of our own
 * registered without the notice, found in «Senza informativa», then signed (so the list is as the
 * other specs expect it); their data copied; a new version of the notice added, taking effect next
 * year (the version in force stays the same for the specs that follow).
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const lastName = uniqueSurname('Riservati');
const firstName = 'Noemi';
let personId = 0;

async function login(page: Page): Promise<void> {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
}

test('registered without the notice, listed «Senza informativa» until the signature is recorded on the person page', async ({ page }) => {
  await login(page);
  const privacy = new PrivacyPages(page);
  const form = new PersonForm(page);
  await form.openNew();
  await form.fill({ lastName, firstName, sex: 'F', birthDate: italian(randomBirthDate()), birthPlace: 'Bologna', comune: 'Bologna', channel: 'Servizi sociali', privacy: 'untouched' });
  await form.computeTaxCode();
  // neither signed nor explained: refused on the form, nothing saved
  await form.submit();
  const section = form.section('Informativa privacy');
  await expect(section.getByText('Spuntare «Ha firmato l’informativa», oppure indicare perché manca')).toBeVisible();
  await expect(page).toHaveURL(/#\/persone\/nuova$/);
  await section.scrollIntoViewIfNeeded();
  await privacy.snapWidths('90-informativa-registrazione');
  // signed: the day and the version in force that day
  await form.signPrivacy();
  await expect(section.getByRole('textbox', { name: 'Firmata il' })).toHaveValue(italian(isoToday()));
  await expect(section.getByText('Versione «2018-05», in vigore dal 25/05/2018')).toBeVisible();
  await section.getByRole('button', { name: 'Leggi il testo' }).click();
  const text = page.getByRole('dialog', { name: 'Informativa privacy, versione «2018-05»' });
  await expect(text).toContainText('Regolamento UE 2016/679');
  await page.keyboard.press('Escape');
  await expect(text).toBeHidden();
  // …but the person did not come: the reason instead
  await section.getByRole('checkbox', { name: 'Ha firmato l’informativa sul trattamento dei dati' }).uncheck();
  await section.getByRole('textbox', { name: 'Perché manca' }).fill('Persona non presente, segnalazione telefonica');
  await form.submit();
  personId = await form.landedPersonId();
  await expect(privacy.status).toContainText('Informativa non firmata');
  await expect(privacy.status).toContainText('Persona non presente, segnalazione telefonica');
  await privacy.snapWidths('91-informativa-non-firmata');

  // the list: «Senza informativa» has them, with the mark by the name
  const list = new PeopleList(page);
  await list.open();
  await page.getByRole('switch', { name: 'Senza informativa' }).press('Space');
  await expect(page).toHaveURL(/senzainformativa=1/);
  const lacking = await list.waitForTotal((n) => n > 0);
  expect(lacking).toBeLessThan(50);
  await privacy.snapWidths('92-elenco-senza-informativa');
  await list.search.fill(lastName);
  await list.waitForTotal((n) => n === 1);
  await expect(list.rows().first().getByRole('img', { name: 'Informativa privacy non firmata' })).toBeVisible();
  expect(await list.names()).toEqual([`${lastName} ${firstName}`]);

  // signed today, recorded from the person page
  await list.rows().first().getByRole('link', { name: `${lastName} ${firstName}` }).click();
  await privacy.status.getByRole('button', { name: 'Registra la firma…' }).click();
  const dialog = page.getByRole('dialog', { name: `Firma dell’informativa: ${lastName} ${firstName}` });
  await expect(dialog.getByRole('textbox', { name: 'Firmata il' })).toHaveValue(italian(isoToday()));
  await expect(dialog.getByRole('combobox', { name: 'Versione' })).toHaveValue('Quella in vigore quel giorno («2018-05»)');
  await new PersonPage(page).settled(dialog);
  await privacy.snapWidths('93-registra-firma');
  await dialog.getByRole('button', { name: 'Registra la firma' }).click();
  await expect(page.getByText('Registrata la firma dell’informativa «2018-05»')).toBeVisible();
  await expect(privacy.status).toHaveText(`Informativa: versione «2018-05» firmata il ${italian(isoToday())}`);
  await expect(privacy.status.getByRole('button')).toHaveCount(0);

  await page.goBack();
  await expect(page.getByText('Nessuna persona trovata con questi filtri')).toBeVisible();
  await page.getByRole('switch', { name: 'Senza informativa' }).press('Space');
  await list.waitForTotal((n) => n === 1);
  await expect(list.rows().first().getByRole('img', { name: 'Informativa privacy non firmata' })).toHaveCount(0);
});

test('«Copia dei dati» downloads a .zip with dati.json and the PDF, and leaves a row in the audit log', async ({ page, request }) => {
  expect(personId).toBeGreaterThan(0);
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  await api.call('people.notes.add', { personId, body: 'Preferisce essere contattata via email' });
  await login(page);
  const person = new PersonPage(page);
  await person.open(personId);
  // opening the notes is a read of sensitive data: it goes into the copy's log
  await person.tab('Note');
  await expect(page.getByTestId('note')).toContainText('Preferisce essere contattata via email');

  await page.getByRole('button', { name: 'Copia dei dati' }).click();
  const confirm = page.getByRole('dialog', { name: 'Copia dei dati della persona' });
  await expect(confirm).toContainText('artt. 15 e 20 del Regolamento UE 2016/679');
  await person.settled(confirm);
  await new PrivacyPages(page).snapWidths('94-copia-dei-dati');
  const download = page.waitForEvent('download');
  await confirm.getByRole('button', { name: 'Prepara la copia' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^copia-dati-${lastName.toLowerCase()}-noemi-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  await expect(page.getByText('Copia dei dati pronta')).toBeVisible();

  const entries = readZip(fs.readFileSync(await file.path()));
  expect([...entries.keys()]).toEqual(['dati.json', 'dati.pdf']);
  const copy = JSON.parse(entries.get('dati.json')!.toString('utf8')) as {
    persona: { lastName: string; taxCode: string };
    informativaPrivacy: { firme: { version: string }[]; motivoMancanza: string | null };
    casi: unknown[];
    note: { body: string }[];
    registro: { action: string; entity: string }[];
  };
  expect(copy.persona.lastName).toBe(lastName);
  expect(copy.informativaPrivacy).toMatchObject({ firme: [{ version: '2018-05' }], motivoMancanza: null });
  expect(copy.casi).toHaveLength(1);
  expect(copy.note.map((n) => n.body)).toEqual(['Preferisce essere contattata via email']);
  expect(copy.registro.map((r) => r.action)).toEqual(expect.arrayContaining(['crea', 'informativa', 'consulta']));
  const pdf = await pdfFlatText(entries.get('dati.pdf')!);
  expect(pdf).toContain(`${lastName} ${firstName}`);
  expect(pdf).toContain(copy.persona.taxCode);
  expect(pdf).toContain('Preferisce essere contattata via email');

  // a new connection: the first one has been idle longer than the host keeps it open
  const context = await requests.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const fresh = await ApiClient.login(context, E2E_ADMIN.username, E2E_ADMIN.password);
    const audit = await fresh.call<{ rows: { entityId: string; actionLabel: string }[] }>('system.audit.list', { filter: { action: 'copia_dati', entity: 'persona', entityId: String(personId) } });
    expect(audit.rows).toEqual([expect.objectContaining({ entityId: String(personId), actionLabel: 'Copia dei dati (artt. 15 e 20 GDPR)' })]);
  } finally {
    await context.dispose();
  }
});

test('Impostazioni → Informativa privacy: the versions and their texts; a new version from a later day', async ({ page }) => {
  await login(page);
  const privacy = new PrivacyPages(page);
  await privacy.openSettings();
  await expect(privacy.versions.getByRole('row', { name: /«2018-05»/ })).toContainText('In vigore');
  await expect(privacy.versions.getByRole('row', { name: /«2017-05»/ })).toContainText('Sostituita');
  await privacy.snapWidths('95-impostazioni-informativa');
  await privacy.versions.getByRole('row', { name: /«2017-05»/ }).getByRole('button', { name: 'Leggi il testo' }).click();
  await expect(page.getByRole('dialog', { name: 'Informativa, versione «2017-05»' })).toContainText('D.Lgs. 30 giugno 2003, n. 196');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Nuova versione…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuova versione dell’informativa' });
  // proposed from the latest text, to be edited
  await expect(dialog.getByRole('textbox', { name: 'Testo' })).toHaveValue(/Regolamento UE 2016\/679/);
  const version = `${new Date().getFullYear() + 1}-01 prova`;
  await dialog.getByRole('textbox', { name: 'Versione' }).fill(version);
  const validFrom = dialog.getByRole('textbox', { name: 'In vigore dal' });
  await validFrom.fill('01/01/2018');
  await validFrom.press('Tab');
  await dialog.getByRole('button', { name: 'Registra…' }).click();
  await page.getByRole('dialog', { name: 'Registrare la nuova versione?' }).getByRole('button', { name: 'Registra la versione' }).click();
  await expect(dialog.getByText('La nuova versione deve entrare in vigore dopo l’ultima («2018-05», in vigore dal 25/05/2018)').first()).toBeVisible();

  const nextYear = `01/01/${new Date().getFullYear() + 1}`;
  await validFrom.fill(nextYear);
  await validFrom.press('Tab');
  await new PersonPage(page).settled(dialog);
  await new AppPage(page).snap('96-nuova-versione');
  await dialog.getByRole('button', { name: 'Registra…' }).click();
  await page.getByRole('dialog', { name: 'Registrare la nuova versione?' }).getByRole('button', { name: 'Registra la versione' }).click();
  await expect(page.getByText(`Nuova versione dell’informativa «${version}» registrata`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = privacy.versions.getByRole('row', { name: new RegExp(`«${version}»`) });
  await expect(row).toContainText('Non ancora in vigore');
  await expect(row).toContainText(nextYear);
  await expect(privacy.versions.getByRole('row', { name: /«2018-05»/ })).toContainText('In vigore');
});
