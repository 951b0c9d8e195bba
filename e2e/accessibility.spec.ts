import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_ADMIN, E2E_DATA } from '../playwright.config';
import { AppPage } from './pages/app';

/**
 * axe-core on every route of the demo app and on its main dialogs: no critical or serious violation.
 * A failure lists each rule with the elements it found, so the fix can start from the message.
 */
async function expectAccessible(page: Page, where: string): Promise<void> {
  // let the queries settle: the page is judged as the user sees it
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 20_000 });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const grave = results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const report = grave.map((v) => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n'));
  expect(report, `${where}\n${report.join('\n')}`).toEqual([]);
}

/** The first record of a table of the seeded database the web host serves. */
function firstId(table: 'people' | 'companies' | 'pacts' | 'commitments'): number {
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const where = table === 'people' ? ' WHERE merged_into_id IS NULL' : '';
    return (db.prepare(`SELECT min(id) id FROM ${table}${where}`).get() as { id: number }).id;
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

const ROUTES = [
  '/',
  '/persone',
  '/persone/nuova',
  '/aziende',
  '/aziende/nuova',
  '/percorsi',
  '/patti',
  '/patti/nuovo',
  '/bilancio',
  '/bilancio/fondi',
  '/bilancio/assegnazioni',
  '/bilancio/impegni',
  '/bilancio/impegni/nuovo',
  '/bilancio/movimenti',
  '/bilancio/spesa',
  '/bilancio/deroghe',
  '/report',
  '/impostazioni',
  '/pagina-che-non-esiste',
];

for (const route of ROUTES) {
  test(`no critical or serious violation on ${route}`, async ({ page }) => {
    await page.goto(`/#${route}`);
    await expectAccessible(page, route);
  });
}

test('no critical or serious violation on the pages of one record', async ({ page }) => {
  const person = firstId('people');
  for (const route of [`/persone/${person}`, `/persone/${person}/modifica`]) {
    await page.goto(`/#${route}`);
    await expectAccessible(page, route);
  }
  const company = firstId('companies');
  for (const route of [`/aziende/${company}`, `/aziende/${company}/modifica`]) {
    await page.goto(`/#${route}`);
    await expectAccessible(page, route);
  }
  const pact = firstId('pacts');
  for (const route of [`/patti/${pact}`, `/patti/${pact}/modifica`]) {
    await page.goto(`/#${route}`);
    await expectAccessible(page, route);
  }
  const commitment = firstId('commitments');
  await page.goto(`/#/bilancio/impegni/${commitment}`);
  await expectAccessible(page, `/bilancio/impegni/${commitment}`);
});

test('no critical or serious violation on the tabs of Impostazioni and of a person', async ({ page }) => {
  await page.goto('/#/impostazioni');
  for (const tab of ['Backup', 'Utenti', 'Generali', 'Questionario L.R. 14', 'Informativa privacy', 'Conservazione dei dati', 'Registro modifiche', 'Il mio account']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAccessible(page, `Impostazioni → ${tab}`);
  }
  const person = firstId('people');
  await page.goto(`/#/persone/${person}`);
  for (const tab of await page.getByRole('tab').allInnerTexts()) {
    await page.getByRole('tab', { name: tab.trim() }).first().click();
    await expectAccessible(page, `persona → ${tab}`);
  }
});

test('no critical or serious violation in the main dialogs', async ({ page }) => {
  await page.goto('/#/report');
  await page.getByRole('button', { name: 'Esporta Excel e PDF' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'Report → Esporta');
});
