import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_ADMIN, E2E_DATA } from '../playwright.config';
import { AppPage } from './pages/app';
import { ApiClient, randomBirthDate, uniqueSurname } from './pages/person';
import { RetentionPanel } from './pages/retention';

/**
 * Impostazioni → Conservazione dei dati on the shared demo database: a person of our own, registered
 * long ago without a case, is the only one past a 15-year retention (the demo's data start in 2017),
 * so the run touches nobody the other specs use.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('set the retention, preview who would be anonymised, confirm the run, see the person anonymised', async ({ page, request }) => {
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
  const lastName = uniqueSurname('Vecchi');
  const { personId } = await api.call<{ personId: number }>('people.create', {
    lastName,
    firstName: 'Adelmo',
    sex: 'M',
    birthDate: randomBirthDate(),
    taxCodeMissingReason: 'Mai attribuito',
    privacyAcknowledgedOn: '2024-01-15',
    domicileIstat: '037006',
    domicileStreet: 'Via delle Lame',
    domicileNumber: '7',
    phone: `333 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  });
  // registered in 2008 (before the programme's data): the only one past 15 years
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { fileMustExist: true });
  try {
    db.prepare("UPDATE people SET created_at = '2008-05-10T09:00:00.000Z' WHERE id = ?").run(personId);
  } finally {
    db.close();
  }

  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
  const panel = new RetentionPanel(page);
  await panel.open();
  await expect(page.getByLabel('Anni di conservazione')).toHaveValue('5');

  await panel.setYears(15);
  await expect(panel.total).toContainText('1 persona da anonimizzare', { timeout: 30_000 });
  const row = panel.preview.getByRole('row', { name: new RegExp(lastName) });
  await expect(row).toContainText(`n. ${personId}`);
  await expect(row).toContainText('nessun caso (registrata il 10/05/2008)');

  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.snapToTemp(`conservazione-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByRole('button', { name: 'Anonimizza…' }).click();
  await expect(panel.dialog).toBeVisible();
  const confirm = panel.dialog.getByRole('button', { name: 'Anonimizza 1 persona' });
  await expect(confirm).toBeDisabled();
  await panel.dialog.getByLabel('Per confermare scrivere ANONIMIZZA').fill('anonimizza');
  await expect(confirm).toBeDisabled();
  await panel.dialog.getByLabel('Per confermare scrivere ANONIMIZZA').fill('ANONIMIZZA');
  await panel.snapToTemp('conservazione-conferma');
  await confirm.click();
  await expect(page.getByText(/Anonimizzata 1 persona\. Backup eseguito prima: ixl-.*-prima-anonimizzazione\.sqlite/)).toBeVisible({ timeout: 60_000 });
  await expect(panel.dialog).toHaveCount(0);
  await expect(panel.total).toContainText('0 persone da anonimizzare');
  await expect(page.getByText('Nessuna persona da anonimizzare')).toBeVisible();

  // the person page shows only the kept fields
  await page.goto(`/#/persone/${personId}`);
  await expect(page.getByRole('heading', { name: 'Anonimizzato' })).toBeVisible();
  await expect(page.getByText(`AN-${String(personId).padStart(6, '0')}`)).toBeVisible();
  await expect(page.getByText('Anno di nascita')).toBeVisible();
  await expect(page.getByText(lastName)).toHaveCount(0);
  await expect(page.getByText('Via delle Lame')).toHaveCount(0);
  await panel.snapToTemp('persona-anonimizzata');

  // the backup taken first holds the data as it was: restoring it (which also leaves the shared demo
  // database as the other specs expect it) brings the person back
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByRole('tab', { name: 'Backup' }).click();
  const backupRow = page.getByRole('row', { name: /-prima-anonimizzazione\.sqlite/ }).first();
  await expect(backupRow).toBeVisible();
  await backupRow.getByRole('button', { name: 'Ripristina' }).click();
  await page.getByRole('dialog', { name: 'Ripristinare il database?' }).getByRole('button', { name: 'Ripristina' }).click();
  await expect(page.getByText(/Database ripristinato da ixl-.*-prima-anonimizzazione\.sqlite/)).toBeVisible({ timeout: 60_000 });
  const db2 = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { readonly: true, fileMustExist: true });
  try {
    expect(db2.prepare('SELECT last_name, anonymised_at FROM people WHERE id = ?').get(personId)).toEqual({ last_name: lastName, anonymised_at: null });
  } finally {
    db2.close();
  }
});
