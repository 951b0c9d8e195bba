import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Page model of Impostazioni → Conservazione dei dati: the retention period, the preview and the run. */
export class RetentionPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
    await this.page.getByRole('tab', { name: 'Conservazione dei dati' }).click();
    await expect(this.page.getByRole('heading', { name: 'Conservazione dei dati' })).toBeVisible();
  }

  get total(): Locator {
    return this.page.getByTestId('anonymisation-total');
  }

  get preview(): Locator {
    return this.page.getByRole('table', { name: 'Persone da anonimizzare' });
  }

  async setYears(years: number): Promise<void> {
    const input = this.page.getByLabel('Anni di conservazione');
    await input.fill(String(years));
    await this.page.getByRole('button', { name: 'Salva', exact: true }).click();
    await expect(this.page.getByText('Periodo di conservazione salvato')).toBeVisible();
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Anonimizzare i dati scaduti?' });
  }

  /** A screenshot for a person to look at, outside the repository (the temp folder). */
  async snapToTemp(name: string): Promise<string> {
    const dir = path.join(os.tmpdir(), 'ixl-anon-shots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
