import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app';

/** Page model of the privacy notice: Impostazioni → Informativa privacy, and its place on a person's page. */
export class PrivacyPages {
  constructor(readonly page: Page) {}

  async openSettings(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
    await this.page.getByRole('tab', { name: 'Informativa privacy' }).click();
    await expect(this.page.getByRole('heading', { name: 'Informativa privacy' })).toBeVisible();
  }

  get versions(): Locator {
    return this.page.getByRole('table', { name: 'Versioni dell’informativa' });
  }

  /** The notice line of the person page's header. */
  get status(): Locator {
    return this.page.getByTestId('privacy-status');
  }

  /** Screenshots of the current screen at the three widths the app must fit, back to the default after. */
  async snapWidths(name: string): Promise<void> {
    const app = new AppPage(this.page);
    for (const width of [1024, 1366, 1920]) {
      await this.page.setViewportSize({ width, height: 800 });
      await app.snap(`${name}-${width}`);
    }
    await this.page.setViewportSize({ width: 1366, height: 768 });
  }
}
