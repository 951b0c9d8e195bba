import { expect, type Locator, type Page } from '@playwright/test';
import { partitaIvaCheckDigit } from '../../electron/domain/partitaIva';

/** A valid partita IVA no demo company has: ten digits from the clock, then the check digit. */
export function freshVatNumber(): string {
  const first10 = String(Date.now() * 7 + Math.floor(Math.random() * 1000))
    .slice(-10)
    .padStart(10, '1');
  return first10 + String(partitaIvaCheckDigit(first10));
}

/** Page model of Aziende: the list with its search and filters. */
export class CompaniesList {
  readonly search: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByPlaceholder('Cerca per nome o partita IVA');
    this.table = page.getByRole('table');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Aziende' }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: 'Aziende' })).toBeVisible();
  }

  /** The count under the title ("1.234 aziende"). */
  async total(): Promise<number> {
    const text = await this.page.getByText(/^[\d.]+ aziend[ae]( con questi filtri)?$/).innerText();
    return Number(text.split(' ')[0]!.replace(/\./g, ''));
  }

  async waitForTotal(predicate: (n: number) => boolean): Promise<number> {
    let last = -1;
    await expect
      .poll(async () => {
        last = await this.total().catch(() => -1);
        return predicate(last);
      })
      .toBe(true);
    return last;
  }

  async names(): Promise<string[]> {
    return this.table.locator('tbody tr td:first-child').allInnerTexts();
  }

  filters(): Locator {
    return this.page.getByRole('group', { name: 'Filtri' });
  }

  /** Tutte, Board or Collaboratrici (a segmented control: its radios are hidden behind their labels). */
  async showOnly(which: 'Tutte' | 'Board' | 'Collaboratrici'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Board di imprese' }).locator('label').filter({ hasText: new RegExp(`^${which}$`) }).click();
  }

  async chooseFilter(label: string, option: string): Promise<void> {
    await this.filters().getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }
}

export interface NewCompanyData {
  name: string;
  vatNumber: string;
  legalForm?: string;
  ateco?: string;
  size?: string;
  association?: string;
  comune?: string;
  street?: string;
  number?: string;
  phone?: string;
  email?: string;
  legalRep?: string;
  legalRepRole?: string;
  /** dd/mm/yyyy: the company is on the Board from that day */
  boardSince?: string;
}

/** Page model of the registration / edit form of a company. */
export class CompanyForm {
  constructor(readonly page: Page) {}

  async openNew(): Promise<void> {
    await this.page.goto('/#/aziende/nuova');
    await expect(this.page.getByRole('heading', { level: 2, name: 'Nuova azienda' })).toBeVisible();
  }

  vatNumber(): Locator {
    return this.page.getByRole('textbox', { name: 'Partita IVA' });
  }

  async pick(label: string, typed: string, option: string | RegExp): Promise<void> {
    const input = this.page.getByRole('combobox', { name: label, exact: true });
    await input.click();
    if (typed) await input.fill(typed);
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async fill(data: NewCompanyData): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Ragione sociale' }).fill(data.name);
    await this.vatNumber().fill(data.vatNumber);
    if (data.legalForm) {
      await this.page.getByRole('combobox', { name: 'Forma giuridica', exact: true }).fill(data.legalForm);
      await this.page.getByRole('option', { name: data.legalForm, exact: true }).click();
    }
    if (data.size) await this.pick('Dimensione', '', data.size);
    if (data.ateco) await this.pick('Settore ATECO', data.ateco, new RegExp(`^${data.ateco}`));
    if (data.association) await this.pick('Associazione di categoria', '', data.association);
    if (data.comune) await this.pick('Comune', data.comune, data.comune);
    if (data.street) await this.page.getByRole('textbox', { name: 'Via / piazza' }).fill(data.street);
    if (data.number) await this.page.getByRole('textbox', { name: 'Civico' }).fill(data.number);
    if (data.phone) await this.page.getByRole('textbox', { name: 'Telefono' }).fill(data.phone);
    if (data.email) await this.page.getByRole('textbox', { name: 'Email', exact: true }).fill(data.email);
    if (data.legalRep) await this.page.getByRole('textbox', { name: 'Legale rappresentante' }).fill(data.legalRep);
    if (data.legalRepRole) {
      await this.page.getByRole('combobox', { name: 'Ruolo', exact: true }).fill(data.legalRepRole);
      await this.page.getByRole('combobox', { name: 'Ruolo', exact: true }).press('Tab');
    }
    if (data.boardSince) {
      await this.page.getByRole('checkbox', { name: 'Fa parte del Board di imprese' }).check();
      const since = this.page.getByRole('textbox', { name: 'Nel Board dal' });
      await since.fill(data.boardSince);
      await since.press('Tab');
    }
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Registra azienda' }).click();
  }

  /** The id in /#/aziende/:id once the app has landed on a company's page. */
  async landedCompanyId(): Promise<number> {
    await expect(this.page).toHaveURL(/#\/aziende\/\d+$/);
    return Number(/#\/aziende\/(\d+)$/.exec(this.page.url())![1]);
  }
}

export interface NeedData {
  role: string;
  positions: number;
  instrument?: string;
  skills: string[];
  requirements?: string;
  /** dd/mm/yyyy */
  from?: string;
  to?: string;
}

/** Page model of a company's page. */
export class CompanyPageModel {
  constructor(readonly page: Page) {}

  async open(id: number): Promise<void> {
    await this.page.goto(`/#/aziende/${id}`);
    await expect(this.page.getByRole('button', { name: 'Elenco aziende' })).toBeVisible();
  }

  need(role: string): Locator {
    return this.page.getByRole('article', { name: `Fabbisogno ${role}` });
  }

  /** Fills «Nuovo fabbisogno» and saves it; `beforeSave` runs on the filled dialog (e.g. a screenshot). */
  async addNeed(data: NeedData, beforeSave?: () => Promise<void>): Promise<void> {
    await this.page.getByRole('button', { name: 'Nuovo fabbisogno' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Nuovo fabbisogno' });
    await dialog.getByRole('textbox', { name: 'Mansione' }).fill(data.role);
    await dialog.getByRole('textbox', { name: 'Posti' }).fill(String(data.positions));
    if (data.instrument) {
      await dialog.getByRole('combobox', { name: 'Strumento', exact: true }).click();
      await this.page.getByRole('option', { name: data.instrument }).click();
    }
    for (const [label, value] of [['Periodo dal', data.from], ['al', data.to]] as const) {
      if (!value) continue;
      const input = dialog.getByRole('textbox', { name: label, exact: true });
      await input.fill(value);
      await input.press('Tab');
    }
    const skills = dialog.getByLabel('Competenze richieste', { exact: true });
    for (const skill of data.skills) {
      await skills.fill(skill);
      await skills.press('Enter');
    }
    if (data.requirements) await dialog.getByRole('textbox', { name: 'Requisiti' }).fill(data.requirements);
    if (beforeSave) await beforeSave();
    await dialog.getByRole('button', { name: 'Registra fabbisogno' }).click();
    await expect(dialog).toBeHidden();
  }
}
