import { expect, test } from '@playwright/test';
import { E2E_ADMIN, PORTS } from '../playwright.config';
import { AppPage } from './pages/app';
import { ApiClient, uniqueSurname } from './pages/person';

/**
 * Two desks on one shared PostgreSQL database (project «database-condiviso»: desk A on this project's
 * address, desk B on the other `ixl serve`): a person registered at desk A appears in the list open at
 * desk B by itself, without reloading; the header says the database is shared.
 */
test('a person registered at one desk appears in the list open at the other desk', async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  const deskA = new AppPage(page);
  await deskA.open();
  await deskA.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByTestId('database-link')).toHaveText('Database condiviso');

  const contextB = await browser.newContext({ baseURL: `http://127.0.0.1:${PORTS.sharedB}` });
  try {
    const pageB = await contextB.newPage();
    const deskB = new AppPage(pageB);
    await deskB.open();
    await deskB.login(E2E_ADMIN.username, E2E_ADMIN.password);
    await expect(pageB.getByTestId('database-link')).toHaveText('Database condiviso', { timeout: 15_000 });
    await deskB.goTo('Persone');
    const surname = uniqueSurname('Condivisa');
    await pageB.getByPlaceholder('Cerca per cognome, codice fiscale o telefono').fill(surname);
    await expect(pageB.getByText('Nessuna persona trovata con questi filtri')).toBeVisible({ timeout: 15_000 });
    await deskB.snap('40-database-condiviso-postazione-b');

    // desk A registers her (through its API, as its form does)
    const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
    const started = Date.now();
    await api.call('people.create', { lastName: surname, firstName: 'Condivisa', sex: 'F', birthDate: '1988-05-17', taxCodeMissingReason: 'Non fornito', domicileIstat: '037006', privacyAcknowledgedOn: '2024-01-15' });
    await expect(pageB.getByRole('cell', { name: surname })).toBeVisible({ timeout: 10_000 });
    console.log(`Postazione B aggiornata dopo ${Date.now() - started} ms`);
    await deskB.snap('41-database-condiviso-aggiornato');
  } finally {
    await contextB.close();
  }
});
