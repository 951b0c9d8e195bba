import { expect as baseExpect, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_DATA } from '../../playwright.config';
import { italian } from './person';
import { pdfOpenedInTab } from '../support/pdfTab';

/** Saving and uploading go through the server: give them time on a busy machine. */
const expect = baseExpect.configure({ timeout: 15_000 });

/** A traineeship with a company in the demo data, read from the run's database. */
export interface DemoTraineeship {
  interventionId: number;
  personId: number;
  firstName: string;
  lastName: string;
  companyId: number;
  companyName: string;
}

export function demoTraineeship(offset = 0): DemoTraineeship {
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT i.id AS interventionId, p.id AS personId, p.first_name AS firstName, p.last_name AS lastName, co.id AS companyId, co.name AS companyName
         FROM interventions i JOIN people p ON p.id = i.person_id JOIN companies co ON co.id = i.company_id
         WHERE i.instrument_code = 'tirocinio' AND p.merged_into_id IS NULL AND co.legal_rep_name IS NOT NULL
         ORDER BY i.id DESC LIMIT 1 OFFSET ?`,
      )
      .get(offset) as DemoTraineeship | undefined;
    if (!row) throw new Error('the demo data has no traineeship with a company');
    return row;
  } finally {
    db.close();
  }
}

/** A printed pact of the demo data (waiting for signatures). */
export function demoPrintedPact(): { id: number; number: string } {
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT id, number FROM pacts WHERE status = 'stampato' ORDER BY id LIMIT 1").get() as { id: number; number: string } | undefined;
    if (!row) throw new Error('the demo data has no printed pact');
    return row;
  } finally {
    db.close();
  }
}

/** Page model of the Patti screens: list (/patti), form (/patti/nuovo), pact page (/patti/:id). */
export class PactsPage {
  constructor(readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.goto('/#/patti');
    await expect(this.page.getByRole('heading', { level: 2, name: 'Patti' })).toBeVisible();
  }

  async openNew(query: Record<string, number>): Promise<void> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    await this.page.goto(`/#/patti/nuovo?${params.toString()}`);
    await expect(this.page.getByRole('heading', { level: 2, name: 'Nuovo patto' })).toBeVisible();
  }

  /** Chooses in a searchable picker by typing and clicking the option. */
  async pick(label: string, text: string, option: string | RegExp): Promise<void> {
    const input = this.page.getByRole('combobox', { name: label, exact: true });
    await input.click();
    await input.fill(text);
    await this.page.getByRole('option', { name: option }).first().click();
  }

  field(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  mode(label: string): Locator {
    return this.page.getByRole('checkbox', { name: label, exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Salva bozza' }).click();
  }

  get status(): Locator {
    return this.page.getByTestId('pact-status');
  }

  /** The pact page's heading, "Patto PBL-…": returns the number. */
  async number(): Promise<string> {
    const heading = this.page.getByRole('heading', { level: 2, name: /^Patto PBL-\d{4}-\d+$/ });
    await expect(heading).toBeVisible();
    return (await heading.innerText()).replace(/^Patto /, '');
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Presses Stampa (confirming for a draft): the tab where the PDF opens, and the PDF's bytes. */
  async print(): Promise<{ tab: Page; pdf: Buffer }> {
    return pdfOpenedInTab(this.page, 'pacts.pdf', async () => {
      await this.page.getByRole('button', { name: /^(Stampa|Ristampa)$/ }).click();
      // a draft asks first; the dialog may take a moment on a busy machine (a reprint asks nothing)
      const confirm = this.dialog(/^Stampare il patto/);
      if (await confirm.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) await confirm.getByRole('button', { name: 'Stampa' }).click();
    });
  }

  /** `signedOn`: the server's day (the browser runs in Europe/Rome, the test server may not). */
  async sign(file: { name: string; mimeType: string; buffer: Buffer }, signedOn: string, beforeSubmit?: () => Promise<void>): Promise<void> {
    await this.page.getByRole('button', { name: 'Segna come firmato' }).click();
    const dialog = this.dialog(/^Segna come firmato il patto/);
    await expect(dialog).toBeVisible();
    const date = dialog.getByRole('textbox', { name: 'Data della firma' });
    await date.fill(italian(signedOn));
    await date.press('Tab');
    await expect(date).toHaveValue(italian(signedOn));
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await expect(dialog.getByText(file.name).first()).toBeVisible();
    await beforeSubmit?.();
    await dialog.getByRole('button', { name: 'Segna come firmato' }).click();
    await expect(dialog).toBeHidden();
  }

  async cancelPact(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Annulla patto' }).click();
    const dialog = this.dialog(/^Annulla il patto/);
    await dialog.getByLabel('Motivo').fill(reason);
    await dialog.getByRole('button', { name: 'Annulla il patto' }).click();
    await expect(dialog).toBeHidden();
  }

  async view(name: 'Da firmare' | 'Firmati questo mese' | 'Tutti'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Quali patti' }).getByText(new RegExp(`^${name}`)).click();
  }

  row(number: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  }
}
