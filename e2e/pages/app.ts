import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_TOKEN } from '../../playwright.config';

/** Page model of the whole app: opening it with the secret, first-run setup, login, the shell. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`/#token=${E2E_TOKEN}`);
  }

  async setupAdministrator(values: { fullName: string; username: string; password: string; confirm?: string }): Promise<void> {
    await this.page.getByLabel('Nome e cognome').fill(values.fullName);
    await this.page.getByLabel('Nome utente').fill(values.username);
    await this.page.getByLabel('Password', { exact: true }).fill(values.password);
    await this.page.getByLabel('Conferma password').fill(values.confirm ?? values.password);
    await this.page.getByRole('button', { name: 'Crea amministratore e accedi' }).click();
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Nome utente').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Accedi' }).click();
  }

  async logout(): Promise<void> {
    await this.page.getByRole('button', { name: 'Esci' }).click();
    await expect(this.page.getByRole('button', { name: 'Accedi' })).toBeVisible();
  }

  async goTo(section: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: section }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }

  /** The number shown on a Cruscotto card. */
  async stat(label: string): Promise<number> {
    const text = await this.page.getByTestId(`stat-${label}`).innerText();
    return Number(text.replace(/\./g, ''));
  }

  /** Saves a screenshot of the current screen in e2e/screenshots (git-ignored) to be looked at. */
  async snap(name: string): Promise<void> {
    const dir = path.resolve('e2e/screenshots');
    fs.mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${name}.png`) });
  }
}
