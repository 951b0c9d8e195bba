import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app';

/** Page model of the Report page (/report) and of the Cruscotto's programme figures. */
export class ReportPageModel {
  readonly app: AppPage;
  constructor(readonly page: Page) {
    this.app = new AppPage(page);
  }

  async open(): Promise<void> {
    await this.app.goTo('Report');
  }

  /** Chooses a semester with the period picker (kind, year, half). */
  async chooseSemester(year: number, half: 1 | 2): Promise<void> {
    await this.chooseKind('Semestre');
    await this.select('Anno', String(year));
    await this.select('Semestre', half === 1 ? '1° semestre (gen–giu)' : '2° semestre (lug–dic)');
  }

  /** The kind of period, from the segmented control (its radio inputs are hidden behind their labels). */
  async chooseKind(label: 'Semestre' | 'Anno' | 'Intervallo' | 'Dall’avvio'): Promise<void> {
    await this.page.getByLabel('Tipo di periodo').getByText(label, { exact: true }).click();
    await expect(this.page.getByRole('radio', { name: label })).toBeChecked();
  }

  private async select(label: string, option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async waitForPeriod(label: string): Promise<void> {
    await expect(this.page.getByTestId('periodo-mostrato')).toHaveText(label);
  }

  /** A figure card by its key (e.g. 'inserimenti'). */
  figure(key: string): Locator {
    return this.page.getByTestId(`figura-${key}`);
  }

  /** The text of a figure's value ('<3' when suppressed). */
  async figureValue(key: string): Promise<string> {
    return (await this.figure(key).getByTestId('valore').innerText()).trim();
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  table(title: string): Locator {
    return this.page.getByRole('table', { name: title, exact: true });
  }

  async openExport(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Esporta Excel e PDF' }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
