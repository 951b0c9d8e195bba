import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app';

const admin = { fullName: 'Giovanna Trombetti', username: 'g.trombetti', password: 'una-password-lunga' };

test.describe.configure({ mode: 'serial' });

test('without the secret in the address the app explains what to open', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Indirizzo incompleto' })).toBeVisible();
});

test('first run creates the administrator, then the Cruscotto shows an empty database', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('heading', { name: 'Benvenuti in IXL Desk' })).toBeVisible();
  await app.snap('01-primo-avvio');
  await app.setupAdministrator({ ...admin, confirm: 'diversa-da-prima' });
  await expect(page.getByText('Le due password non coincidono')).toBeVisible();
  await app.setupAdministrator(admin);
  await expect(page.getByTestId('current-user')).toHaveText(admin.fullName);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
  await expect(page.getByText('Il database è vuoto')).toBeVisible();
  expect(await app.stat('Persone registrate')).toBe(0);
  await app.snap('02-cruscotto-vuoto');
});

test('logout, a wrong password is refused, the right one lets in', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible();
  await app.login(admin.username, 'password-sbagliata');
  await expect(page.getByRole('alert')).toHaveText('Nome utente o password non corretti');
  await app.snap('03-accesso-rifiutato');
  await app.login(admin.username, admin.password);
  await expect(page.getByTestId('current-user')).toHaveText(admin.fullName);
  await app.logout();
  await expect(page.getByTestId('current-user')).toHaveCount(0);
});
