import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_ADMIN, E2E_DATA } from '../playwright.config';
import { AppPage } from './pages/app';
import { ApiClient } from './pages/person';
import { uniqueTag } from './pages/people';

/**
 * Logins (issue 11) on the shared demo database: the waits after wrong passwords, the lock and its
 * unlock, the password policy in the user form. Every wrong password goes to a user of this spec,
 * never to the shared administrator, and the few failures (at most 8) stay below the 10 a host
 * makes before its own waits start, so the specs that run next log in as usual.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const PASSWORD = 'ciclamino-rosso-42';
const LOCKED = 'Account bloccato dopo troppi tentativi: chiedere a un amministratore di sbloccarlo';

async function createUser(request: Parameters<typeof ApiClient.login>[0], username: string, fullName: string): Promise<void> {
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  await api.call('auth.users.create', { fullName, username, role: 'operatore', password: PASSWORD });
}

async function snapAtWidths(page: Page, app: AppPage, name: string): Promise<void> {
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    await app.snap(`${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** A login through the form, waiting for the server's answer (the form clears the password when it comes). */
async function attempt(page: Page, app: AppPage, username: string, password: string): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/rpc/auth.login')), app.login(username, password)]);
}

async function openUsers(page: Page, app: AppPage): Promise<void> {
  await app.goTo('Impostazioni');
  await page.getByRole('tab', { name: 'Utenti' }).click();
}

test('wrong passwords make the next login wait, then the right one lets in', async ({ page, request }) => {
  const username = `attesa.${uniqueTag()}`;
  await createUser(request, username, 'Ada Attesa');
  const app = new AppPage(page);
  await app.open();
  const alert = page.getByRole('alert');
  for (let i = 0; i < 3; i++) {
    await attempt(page, app, username, 'non-e-la-mia-password');
    await expect(alert).toHaveText('Nome utente o password non corretti');
  }
  // the 4th attempt waits a second, the next ones longer: on a busy machine an attempt may come after its wait
  let waitText = '';
  for (let i = 0; i < 4 && !waitText.startsWith('Troppi'); i++) {
    await attempt(page, app, username, 'non-e-la-mia-password');
    waitText = await alert.innerText();
  }
  expect(waitText).toMatch(/^Troppi tentativi di accesso non riusciti per questo utente: riprovare tra \d+ second[oi]$/);
  await snapAtWidths(page, app, '90-accesso-attesa');

  await page.waitForTimeout(Number(/tra (\d+)/.exec(waitText)![1]) * 1000 + 500);
  await attempt(page, app, username, PASSWORD);
  await expect(page.getByTestId('current-user')).toHaveText('Ada Attesa');
});

test('a user locked after too many failures is unlocked by an administrator', async ({ page, request }) => {
  const username = `bloccato.${uniqueTag()}`;
  await createUser(request, username, 'Bruno Bloccato');
  // nine failures already made: through the screen they would take two minutes of growing waits
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { fileMustExist: true });
  try {
    db.prepare("INSERT INTO login_throttle (kind, key, failures, last_failure_at, wait_until) VALUES ('account', ?, 9, ?, NULL)").run(username, new Date().toISOString());
  } finally {
    db.close();
  }

  const app = new AppPage(page);
  await app.open();
  await attempt(page, app, username, 'ancora-sbagliata-10');
  await expect(page.getByRole('alert')).toHaveText(LOCKED);
  await attempt(page, app, username, PASSWORD);
  await expect(page.getByRole('alert')).toHaveText(LOCKED);

  await attempt(page, app, E2E_ADMIN.username, E2E_ADMIN.password);
  await openUsers(page, app);
  const row = page.getByRole('row', { name: new RegExp(username.replace('.', '\\.')) });
  await expect(row.getByText('Bloccato', { exact: true })).toBeVisible();
  await snapAtWidths(page, app, '91-utenti-bloccato');
  await row.getByRole('button', { name: 'Sblocca Bruno Bloccato' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sbloccare l’utente?' });
  await expect(dialog).toContainText('Bruno Bloccato');
  await dialog.getByRole('button', { name: 'Sblocca' }).click();
  await expect(page.getByText(`Utente ${username} sbloccato`)).toBeVisible();
  await expect(row.getByText('Bloccato', { exact: true })).toHaveCount(0);
  await expect(row.getByRole('button', { name: /Sblocca/ })).toHaveCount(0);

  await app.logout();
  await attempt(page, app, username, PASSWORD);
  await expect(page.getByTestId('current-user')).toHaveText('Bruno Bloccato');
});

test('the user form refuses a weak password, saying why, and creates nothing', async ({ page, request }) => {
  const username = `debole.${uniqueTag()}`;
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await openUsers(page, app);
  await page.getByRole('button', { name: 'Nuovo utente' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuovo utente' });
  await expect(dialog.getByText(/Almeno 12 caratteri; non il nome utente/)).toBeVisible();
  await dialog.getByLabel('Nome e cognome').fill('Dario Debole');
  await dialog.getByLabel('Nome utente').fill(username);
  const password = dialog.getByLabel('Password iniziale');
  const create = dialog.getByRole('button', { name: 'Crea utente' });

  for (const [weak, message] of [
    ['1234567890', 'La password deve avere almeno 12 caratteri'],
    ['            ', 'La password non può essere vuota o fatta solo di spazi'],
    [`io-${username}`, 'La password non deve contenere il nome utente'],
    ['123456789012', 'La password non può essere una sequenza (come 1234567890, abcdef… o qwerty…)'],
  ]) {
    await password.fill(weak as string);
    await create.click();
    await expect(dialog.getByText(message as string, { exact: true })).toBeVisible();
  }
  // the list of common passwords is on the server: the form sends it, the server refuses it
  await password.fill('Password1234');
  await create.click();
  await expect(dialog.getByText('Questa password è tra le più usate: sceglierne un’altra').first()).toBeVisible();
  await snapAtWidths(page, app, '92-utenti-password-debole');
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  expect((await api.call<{ username: string }[]>('auth.users.list', {})).some((u) => u.username === username)).toBe(false);

  await password.fill(PASSWORD);
  await create.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: username })).toBeVisible();

  // one's own password: the same rules, checked as the form is sent (nothing reaches the server here)
  await page.getByRole('tab', { name: 'Il mio account' }).click();
  await page.getByLabel('Password attuale').fill(E2E_ADMIN.password);
  await page.getByLabel('Nuova password', { exact: true }).fill(`io-sono-${E2E_ADMIN.username}`);
  await page.getByLabel('Conferma nuova password').fill(`io-sono-${E2E_ADMIN.username}`);
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await expect(page.getByText('La password non deve contenere il nome utente', { exact: true })).toBeVisible();
  await snapAtWidths(page, app, '93-mio-account-password');
});
