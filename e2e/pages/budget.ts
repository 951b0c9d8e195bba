import { expect, type Locator, type Page } from '@playwright/test';
import { parseEuro } from '../../electron/domain/money';

/** Cents from an amount shown on screen ("€ 1.234,56", "-€ 5,00"). */
export function cents(text: string): number {
  const value = parseEuro(text.replace(/\s+/g, ' ').trim());
  if (value === null) throw new Error(`Non è un importo: «${text}»`);
  return value;
}

/** Page model of Bilancio: tabs, figures of the overview, the allocation grid, commitments and payments. */
export class BudgetPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Bilancio' }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: 'Bilancio' })).toBeVisible();
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name, selected: true })).toBeVisible();
  }

  /** A clickable figure of the overview, by its accessible name ("Impegnato 2025 Tirocini e inserimento lavorativo"). */
  figure(label: string): Locator {
    return this.page.getByRole('link', { name: new RegExp(`^${escape(label)}: -?€ [\\d.]+,\\d{2}, vedi il dettaglio$`) });
  }

  async figureCents(label: string): Promise<number> {
    return cents(await this.figure(label).first().innerText());
  }

  async chooseOption(label: string, option: string | RegExp, scope: Locator | Page = this.page): Promise<void> {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** One cell of the allocation grid. */
  cell(line: string, year: number): Locator {
    return this.page.getByRole('textbox', { name: `${line} ${year}`, exact: true });
  }

  async stat(testId: string): Promise<number> {
    return cents(await this.page.getByTestId(testId).innerText());
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
