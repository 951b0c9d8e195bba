import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_ADMIN, E2E_DATA } from '../playwright.config';
import { AppPage } from './pages/app';

/** Counts computed independently with SQL on the seeded database the web host serves. */
function countsFromDatabase() {
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      people: n('SELECT count(*) n FROM people WHERE merged_into_id IS NULL'),
      companies: n('SELECT count(*) n FROM companies'),
      openCases: n("SELECT count(*) n FROM cases WHERE status NOT IN ('concluso', 'fuori_target')"),
    };
  } finally {
    db.close();
  }
}

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
});

test('the Cruscotto shows the counts of the seeded database', async ({ page }) => {
  const app = new AppPage(page);
  const expected = countsFromDatabase();
  expect(expected.people).toBeGreaterThan(100);
  await expect(page.getByTestId('stat-Persone registrate')).not.toHaveText('0');
  expect(await app.stat('Persone registrate')).toBe(expected.people);
  expect(await app.stat('Aziende')).toBe(expected.companies);
  expect(await app.stat('Casi aperti')).toBe(expected.openCases);
  await expect(page.getByText('Il database è vuoto')).toHaveCount(0);
  await app.snap('10-cruscotto');
});

test('every section opens from the menu and the keyboard', async ({ page }) => {
  const app = new AppPage(page);
  for (const section of ['Aziende', 'Percorsi', 'Patti', 'Bilancio', 'Report']) {
    await app.goTo(section);
    await expect(page.getByText('è in preparazione')).toHaveCount(0);
    await app.snap(`20-${section.toLowerCase()}`);
  }
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 2, name: 'Cruscotto' })).toBeVisible();
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 2, name: 'Impostazioni' })).toBeVisible();
});

test('Impostazioni: back up now, create a user, change a setting', async ({ page }) => {
  const app = new AppPage(page);
  await app.goTo('Impostazioni');
  await page.getByRole('button', { name: 'Esegui backup ora' }).click();
  await expect(page.getByText(/Backup eseguito: ixl-.*-manuale\.sqlite/)).toBeVisible();
  await expect(page.getByRole('cell', { name: /-manuale\.sqlite$/ }).first()).toBeVisible();
  await app.snap('30-impostazioni-backup');

  await page.getByRole('tab', { name: 'Utenti' }).click();
  await page.getByRole('button', { name: 'Nuovo utente' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuovo utente' });
  await dialog.getByLabel('Nome e cognome').fill('Paolo Bianchi');
  await dialog.getByLabel('Nome utente').fill('p.bianchi');
  await dialog.getByLabel('Password iniziale').fill('corta');
  await dialog.getByRole('button', { name: 'Crea utente' }).click();
  await expect(dialog.getByText('La password deve avere almeno 12 caratteri')).toBeVisible();
  await dialog.getByLabel('Password iniziale').fill('password-di-paolo');
  await dialog.getByRole('button', { name: 'Crea utente' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'p.bianchi' })).toBeVisible();
  await app.snap('31-impostazioni-utenti');

  await page.getByRole('tab', { name: 'Generali' }).click();
  await page.getByLabel('Backup da conservare').fill('15');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Impostazioni salvate')).toBeVisible();
  await app.snap('32-impostazioni-generali');

  await page.getByRole('tab', { name: 'Registro modifiche' }).click();
  await expect(page.getByRole('cell', { name: 'impostazioni' }).first()).toBeVisible();
  await app.snap('33-registro-modifiche');
});
