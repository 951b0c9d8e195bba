import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { checkLetter, computeCodiceFiscale } from '../electron/domain/codiceFiscale';
import { AppPage } from './pages/app';
import { ApiSession, PersonForm, uniqueTag } from './pages/people';

/** Duplicates across the network: the omocodic form of a registered code stops the registration; the coordinators' «Possibili doppioni», merge and undo. */

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
});

/** The omocodic form of a code: its last digit replaced by its letter, the check letter recomputed. */
function omocodic(code: string): string {
  const first15 = code.slice(0, 14) + 'LMNPQRSTUV'.charAt(Number(code.charAt(14)));
  return first15 + checkLetter(first15);
}

async function snapAtWidths(page: Page, name: string): Promise<void> {
  const app = new AppPage(page);
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    await app.snap(`${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('the omocodic form of a registered codice fiscale stops the registration, showing the person and who holds the case', async ({ page, request }) => {
  const api = await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const lastName = `Omodei${uniqueTag()}`;
  const person = { lastName, firstName: 'Carla', sex: 'F' as const, birthDate: '1975-08-18', birthPlaceCode: 'A944' };
  const plain = computeCodiceFiscale(person);
  const existing = await api.call<{ personId: number }>('people.register', {
    ...person,
    taxCode: plain,
    domicileIstat: '037006',
    channelCode: 'caritas',
    referringPoint: 'Centro d’ascolto parrocchia di San Donato',
    applicationDate: '2025-03-03',
    privacyAcknowledgedOn: '2025-03-03',
  });

  const form = new PersonForm(page);
  await form.openNew();
  await form.taxCode().fill(omocodic(plain));
  const alert = page.getByTestId('cf-existing');
  await expect(alert).toContainText(`Questa persona è già registrata: ${lastName} Carla`);
  await expect(alert).toContainText('caso aperto, seguito da Centro d’ascolto parrocchia di San Donato');
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(lastName);
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Carla');
  await form.pick('Comune', 'Bologna', 'Bologna');
  await form.pick('Canale di accesso', '', 'Modulo online');
  await form.signPrivacy();
  await form.submit();

  const dialog = page.getByRole('dialog', { name: 'Persona già registrata' });
  await expect(dialog.getByTestId('already-registered')).toContainText(`${lastName} Carla (scheda n. ${existing.personId})`);
  await expect(dialog).toContainText('Caso aperto: Iscritto, seguito da Centro d’ascolto parrocchia di San Donato.');
  await snapAtWidths(page, 'doppioni-cf-omocodico');
  await dialog.getByRole('link', { name: `${lastName} Carla (scheda n. ${existing.personId})` }).click();
  expect(await form.landedPersonId()).toBe(existing.personId);
  expect(await api.countPeople(lastName)).toBe(1);
});

test('a coordinator reviews the possible doubles: dismisses one pair, merges another after comparing the records side by side, then separates them again', async ({ page, request }) => {
  const api = await ApiSession.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const tag = uniqueTag();
  const create = async (lastName: string, firstName: string, birthDate: string, acknowledged: number[]) =>
    (
      await api.call<{ personId: number }>('people.create', {
        lastName, firstName, sex: 'M', birthDate, taxCodeMissingReason: 'In attesa di attribuzione', domicileIstat: '037006', privacyAcknowledgedOn: '2025-03-03', acknowledgedDuplicates: acknowledged,
      })
    ).personId;
  // born a day apart: one person typed twice; a surname one letter apart: two brothers, as it turns out
  const first = await create(`Guidi${tag}`, 'Marco', '1981-06-14', []);
  const second = await create(`Guidi${tag}`, 'Marco', '1981-06-15', [first]);
  const brother = await create(`Nanni${tag}`, 'Paolo', '1979-01-20', []);
  const other = await create(`Nanny${tag}`, 'Paolo', '1979-01-20', [brother]);

  await page.goto('/#/persone');
  await page.getByRole('link', { name: 'Possibili doppioni' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Possibili doppioni' })).toBeVisible();
  const pairs = page.getByTestId('duplicate-pairs');
  const sameName = pairs.getByRole('row').filter({ hasText: `Guidi${tag} Marco` });
  const brothers = pairs.getByRole('row').filter({ hasText: `Nanni${tag} Paolo` });
  await expect(sameName).toContainText('Stesso nome, data di nascita a un giorno di distanza');
  await expect(brothers).toContainText('Stessi nome e data di nascita, cognome diverso per una lettera');
  await expect(brothers).toContainText(`Nanny${tag} Paolo`);
  await snapAtWidths(page, 'doppioni-elenco');

  await brothers.getByRole('button', { name: 'Non è un doppione' }).click();
  const dismiss = page.getByRole('dialog', { name: 'Non è un doppione?' });
  await dismiss.getByRole('textbox', { name: 'Nota (facoltativa)' }).fill('Fratelli: verificato con i documenti');
  await dismiss.getByRole('button', { name: 'Non è un doppione' }).click();
  await expect(dismiss).toBeHidden();
  await expect(brothers).toHaveCount(0);
  // the search over the network does not bring a dismissed pair back
  await page.getByRole('button', { name: 'Cerca in tutta la rete' }).click();
  await expect(page.getByText(/^Ricerca completata/)).toBeVisible();
  await expect(brothers).toHaveCount(0);
  expect(other).toBeGreaterThan(brother);

  await sameName.getByRole('button', { name: 'Unisci…' }).click();
  const merge = page.getByRole('dialog', { name: 'Unisci le due schede' });
  await expect(merge.getByTestId(`merge-side-${first}`)).toContainText('14/06/1981');
  await expect(merge.getByTestId(`merge-side-${second}`)).toContainText('15/06/1981');
  await expect(merge).toContainText('si può annullare entro 30 giorni');
  await snapAtWidths(page, 'doppioni-unisci');
  await merge.getByRole('button', { name: 'Unisci le schede' }).click();
  await expect(page).toHaveURL(new RegExp(`#/persone/${first}$`));

  const banner = page.getByTestId(`merged-${second}`);
  await expect(banner).toContainText(`n. ${second} (Guidi${tag} Marco)`);
  await expect(banner).toContainText('Si può separare fino al');
  await snapAtWidths(page, 'doppioni-scheda-unita');
  await banner.getByRole('button', { name: 'Separa…' }).click();
  await page.getByRole('dialog', { name: 'Separare le due schede?' }).getByRole('button', { name: 'Separa le schede' }).click();
  await expect(page.getByText(`Schede separate: la scheda n. ${second} è tornata com’era prima dell’unione`)).toBeVisible();
  await expect(banner).toHaveCount(0);
  await page.goto(`/#/persone/${second}`);
  await expect(page.getByRole('heading', { name: `Guidi${tag} Marco` })).toBeVisible();
  await expect(page.getByText('Scheda unita a un’altra')).toHaveCount(0);
});
