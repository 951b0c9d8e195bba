import { expect, test, type Page } from '@playwright/test';
import { Store } from '../db/connection';
import { adminQuery, startTestServer, TEMPLATE_DATABASE, type TestServer } from '../electron/testing/postgresServer';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';

/**
 * Impostazioni → Database (issue 12): the administrator enters a shared PostgreSQL server, checks it
 * (a wrong password first: the Italian refusal; then the application role: connected, schema up to
 * date, restricted rights), saves it for the next start after a confirmation, and goes back to the
 * local file. The desk (the demo web host) keeps its database meanwhile: the choice is for the next start.
 */
test.describe.configure({ mode: 'serial' });

let server: TestServer;
const APP_PASSWORD = 'password-app-e2e';

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startTestServer();
  await adminQuery(server.baseUrl, `CREATE ROLE ixl_app LOGIN PASSWORD '${APP_PASSWORD}'`);
  await adminQuery(server.baseUrl, `CREATE DATABASE ixl TEMPLATE ${TEMPLATE_DATABASE}`);
  // the template's tables belong to the server's superuser, which plays the owner here
  await (await Store.open(`${server.baseUrl}/ixl`, { appRole: 'ixl_app' })).close();
});
test.afterAll(async () => {
  await server?.stop();
});

async function openDatabaseTab(page: Page): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Impostazioni' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Database' }).click();
  await expect(page.getByRole('heading', { name: 'Database in uso' })).toBeVisible({ timeout: 20_000 });
  return app;
}

async function fillServer(page: Page, password: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Server condiviso' });
  const { hostname, port } = new URL(server.baseUrl);
  await form.getByRole('textbox', { name: 'Server' }).fill(hostname);
  await form.getByRole('textbox', { name: 'Porta' }).fill(port);
  await form.getByRole('textbox', { name: 'Database' }).fill('ixl');
  await form.getByRole('textbox', { name: 'Utente' }).fill('ixl_app');
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  // the test server has no TLS: the only mode it accepts
  await form.getByRole('combobox', { name: 'Cifratura (sslmode)' }).click();
  await page.getByRole('option', { name: 'disable', exact: true }).click();
  await expect(form.getByText('Nessuna cifratura (solo su una rete fidata)')).toBeVisible();
}

test('a shared server is checked, saved for the next start, and the local file chosen again', async ({ page }) => {
  test.setTimeout(180_000);
  const app = await openDatabaseTab(page);
  await expect(page.getByText('SQLite, file di questa postazione')).toBeVisible();
  await expect(page.getByText('Il file locale di questa postazione:')).toBeVisible();

  // a wrong password: refused in Italian, never shown back
  await fillServer(page, 'sbagliata');
  await page.getByRole('button', { name: 'Verifica connessione' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Il server non si può usare così' });
  await expect(result).toContainText('password errata o mancante per l’utente «ixl_app»', { timeout: 30_000 });
  await expect(result).not.toContainText('sbagliata');

  // the application role: connected, schema up to date, rights restricted
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(APP_PASSWORD);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  const verified = page.getByRole('status').filter({ hasText: 'Connessione verificata' });
  await expect(verified).toContainText('Connessione riuscita', { timeout: 30_000 });
  await expect(verified).toContainText('Lo schema è aggiornato a questa versione');
  await expect(verified).toContainText('non può modificare lo schema, il registro delle attività né i movimenti contabili');
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: 1300 });
    await app.snap(`90-impostazioni-database-verifica-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // saved after a confirmation; the browser mode keeps no password
  await page.getByRole('button', { name: 'Salva per il prossimo avvio' }).click();
  const confirm = page.getByRole('dialog', { name: 'Usare questo server al prossimo avvio?' });
  await expect(confirm).toContainText('la password non viene salvata');
  await confirm.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Server salvato: sarà usato al prossimo avvio di IXL Desk')).toBeVisible({ timeout: 30_000 });
  const { host } = new URL(server.baseUrl);
  await expect(page.getByText(`postgres://ixl_app@${host}/ixl?sslmode=disable`)).toBeVisible();
  await expect(page.getByText('Password non salvata: si legge da PGPASSWORD o da ~/.pgpass.')).toBeVisible();
  await expect(page.getByText('SQLite, file di questa postazione')).toBeVisible();
  await app.snap('91-impostazioni-database-salvato');

  // back to the desk's own file, confirmed
  await page.getByRole('button', { name: 'Torna al file locale' }).click();
  await page.getByRole('dialog', { name: 'Tornare al file locale?' }).getByRole('button', { name: 'Usa il file locale' }).click();
  await expect(page.getByText('Al prossimo avvio IXL Desk userà il file locale')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Il file locale di questa postazione:')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Torna al file locale' })).toHaveCount(0);
});
