import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';

/**
 * Data protection (issue 11): an edit found in the audit viewer by its filters, with the Italian
 * difference; a backup passphrase, an encrypted copy saved and restored (a wrong passphrase first).
 * The restore ends every session: it runs last.
 */
test.describe.configure({ mode: 'serial' });

const PASSPHRASE = 'una passphrase di prova lunga';
const today = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};

async function login(page: Page): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible({ timeout: 30_000 });
  return app;
}

/** Picks an option in the Select labelled `label` by typing `search` and Enter, as from the keyboard. */
async function choose(page: Page, label: string, search: string, option: string | RegExp): Promise<void> {
  const group = page.getByRole('group', { name: 'Filtri del registro' });
  const input = group.getByRole('combobox', { name: label, exact: true });
  await input.focus();
  await input.fill(search);
  await expect(page.getByRole('option', { name: option }).first()).toBeVisible();
  await page.getByRole('option', { name: option }).first().click();
  await expect(input).toHaveValue(option instanceof RegExp ? option : option);
}

test('an edit is found in the audit viewer by its filters, with the Italian difference', async ({ page }) => {
  test.setTimeout(180_000);
  const app = await login(page);
  await app.goTo('Impostazioni');

  // the edit: a setting changed in Generali
  await page.getByRole('tab', { name: 'Generali' }).click();
  const keep = page.getByLabel('Backup da conservare');
  const before = await keep.inputValue();
  const after = before === '23' ? '24' : '23';
  await keep.fill(after);
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Impostazioni salvate')).toBeVisible({ timeout: 20_000 });

  await page.getByRole('tab', { name: 'Registro modifiche' }).click();
  const table = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Campi modificati' }) });
  await expect(table.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });

  await choose(page, 'Utente', E2E_ADMIN.username, E2E_ADMIN.fullName);
  await choose(page, 'Oggetto', 'Impost', 'Impostazioni');
  await choose(page, 'Operazione', 'Modif', 'Modifica');
  const group = page.getByRole('group', { name: 'Filtri del registro' });
  await group.getByRole('textbox', { name: 'Dal', exact: true }).fill(today());
  await group.getByRole('textbox', { name: 'Al', exact: true }).fill(today());
  await group.getByRole('textbox', { name: 'Al', exact: true }).press('Tab');
  await expect(page.getByText(/operazion[ei] con questi filtri, dalla più recente/)).toBeVisible({ timeout: 30_000 });

  // the newest row is the edit: opened from the keyboard
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText('Impostazioni', { timeout: 30_000 });
  await expect(first).toContainText('Backup da conservare');
  const toggle = first.getByRole('button', { name: /Mostra le modifiche/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const diff = page.getByRole('table', { name: /Modifiche dell’operazione n\. \d+/ }).first();
  await expect(diff).toBeVisible();
  const line = diff.getByRole('row', { name: /Backup da conservare/ });
  await expect(line).toContainText('modificato');
  await expect(line).toContainText(before);
  await expect(line).toContainText(after);
  await expect(diff.getByRole('row')).toHaveCount(2); // header + the one field that changed

  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(os.tmpdir(), `ixl-registro-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // a filter that matches nothing says what to do
  await group.getByRole('textbox', { name: 'N. record' }).fill('999999');
  await expect(page.getByText('Nessuna operazione con questi filtri')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Azzera filtri' }).first().click();
  await expect(page.getByText(/operazion[ei], dalla più recente/)).toBeVisible({ timeout: 30_000 });

  // the filtered rows go to Excel as a job, like the other exports
  await choose(page, 'Oggetto', 'Impost', 'Impostazioni');
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Esporta in Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^registro-modifiche-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByText('Esportazione completata')).toBeVisible({ timeout: 30_000 });
});

test('a passphrase encrypts the copy; its restore refuses a wrong passphrase and takes the right one', async ({ page }) => {
  test.setTimeout(240_000);
  const app = await login(page);
  await app.goTo('Impostazioni');
  await page.getByRole('tab', { name: 'Backup' }).click();

  await page.getByRole('button', { name: 'Imposta passphrase…' }).click();
  const setDialog = page.getByRole('dialog', { name: 'Imposta la passphrase dei backup' });
  await setDialog.getByRole('textbox', { name: 'Nuova passphrase', exact: true }).fill('corta');
  await setDialog.getByRole('textbox', { name: 'Ripeti la nuova passphrase', exact: true }).fill('corta');
  await setDialog.getByRole('button', { name: 'Salva' }).click();
  await expect(setDialog.getByText('La passphrase deve avere almeno 12 caratteri')).toBeVisible();
  await setDialog.getByRole('textbox', { name: 'Nuova passphrase', exact: true }).fill(PASSPHRASE);
  await setDialog.getByRole('textbox', { name: 'Ripeti la nuova passphrase', exact: true }).fill(PASSPHRASE);
  await setDialog.getByRole('button', { name: 'Salva' }).click();
  await expect(setDialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByText('Impostata', { exact: true })).toBeVisible();

  // «Salva una copia»: the passphrase is asked, the file downloaded is encrypted
  await page.getByRole('button', { name: 'Salva una copia…' }).click();
  const copyDialog = page.getByRole('dialog', { name: 'Salva una copia cifrata' });
  await copyDialog.getByRole('textbox', { name: 'Passphrase dei backup', exact: true }).fill('non è questa');
  await copyDialog.getByRole('button', { name: 'Salva la copia' }).click();
  await expect(copyDialog.getByText('Passphrase errata')).toBeVisible({ timeout: 20_000 });
  await copyDialog.getByRole('textbox', { name: 'Passphrase dei backup', exact: true }).fill(PASSPHRASE);
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await copyDialog.getByRole('button', { name: 'Salva la copia' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ixl-copia-\d{8}-\d{6}\.ixlbak$/);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-e2e-copia-')), file.suggestedFilename());
  await file.saveAs(saved);
  const bytes = fs.readFileSync(saved);
  expect(bytes.subarray(0, 8).toString('ascii')).toBe('IXLBKENC');
  expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
  await expect(page.getByText('Copia salvata')).toBeVisible({ timeout: 30_000 });

  // restore from that file: a wrong passphrase keeps the dialog open and changes nothing (no safety copy is taken;
  // other specs may have restored before, so the copies already listed are counted first)
  const safetyCopies = page.getByRole('cell', { name: /prima-del-ripristino/ });
  const copiesBefore = await safetyCopies.count();
  await page.locator('input[type="file"]').setInputFiles(saved);
  const restore = page.getByRole('dialog', { name: 'Ripristinare il database?' });
  await expect(restore.getByText('Il file è un backup cifrato')).toBeVisible({ timeout: 30_000 });
  await restore.getByRole('textbox', { name: 'Passphrase del backup', exact: true }).fill('passphrase sbagliata');
  await restore.getByRole('button', { name: 'Ripristina' }).click();
  await expect(restore.getByText(/Passphrase errata: il backup cifrato non è stato aperto e non è cambiato nulla/)).toBeVisible({ timeout: 60_000 });
  await expect(safetyCopies).toHaveCount(copiesBefore);
  await app.snap('35-impostazioni-ripristino-cifrato');
  await restore.getByRole('textbox', { name: 'Passphrase del backup', exact: true }).fill(PASSPHRASE);
  await restore.getByRole('button', { name: 'Ripristina' }).click();
  await expect(restore).toBeHidden({ timeout: 120_000 });

  // every session ends with a restore: the app returns to the login; the restored database keeps the passphrase; remove it
  await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible({ timeout: 30_000 });
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible({ timeout: 30_000 });
  await app.goTo('Impostazioni');
  await page.getByRole('tab', { name: 'Backup' }).click();
  await expect(page.getByRole('cell', { name: /prima-del-ripristino\.sqlite$/ }).first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Rimuovi passphrase…' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Rimuovi la passphrase dei backup' });
  await removeDialog.getByRole('textbox', { name: 'Passphrase attuale', exact: true }).fill(PASSPHRASE);
  await removeDialog.getByRole('button', { name: 'Rimuovi…' }).click();
  await page.getByRole('dialog', { name: 'Rimuovere la passphrase?' }).getByRole('button', { name: 'Rimuovi' }).click();
  await expect(page.getByText('Non impostata', { exact: true })).toBeVisible({ timeout: 20_000 });
});
