import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

/** A name part unique to this run, letters only (the codice fiscale ignores digits): "qbkxamz". */
export function uniqueTag(): string {
  return Date.now()
    .toString(36)
    .replace(/\d/g, (d) => 'abcdefghij'.charAt(Number(d)));
}

/** Calls the web host's API as a user, like the renderer does (for setup and independent counts). */
export class ApiSession {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly session: string,
  ) {}

  static async login(request: APIRequestContext, username: string, password: string): Promise<ApiSession> {
    const result = (await ApiSession.post(request, 'auth.login', { username, password }, null)) as { token: string };
    return new ApiSession(request, result.token);
  }

  private static async post(request: APIRequestContext, method: string, input: unknown, session: string | null): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: `Bearer ${E2E_TOKEN}` };
    if (session) headers['X-IXL-Session'] = session;
    const response = await request.post(`/rpc/${method}`, { data: input, headers });
    const body = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (!response.ok() || body.error) throw new Error(`${method}: ${body.error?.message ?? response.status()}`);
    return body.result;
  }

  call<T>(method: string, input: unknown = {}): Promise<T> {
    return ApiSession.post(this.request, method, input, this.session) as Promise<T>;
  }

  /** How many people the list finds for a search (surname prefix, codice fiscale or phone). */
  async countPeople(search: string): Promise<number> {
    return (await this.call<{ total: number }>('people.list', { filter: { search }, pageSize: 10 })).total;
  }
}

/** Page model of Persone: search, filters, saved filters, sorting, paging, export. */
export class PeopleList {
  readonly search: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByPlaceholder('Cerca per cognome, codice fiscale o telefono');
    this.table = page.getByRole('table');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Persone' }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: 'Persone' })).toBeVisible();
  }

  /** The count under the title ("1.234 persone"). */
  async total(): Promise<number> {
    const text = await this.page.getByText(/^[\d.]+ person[ae]( con questi filtri)?$/).innerText();
    return Number(text.split(' ')[0]!.replace(/\./g, ''));
  }

  /** Waits until the count under the title satisfies a predicate (the list is debounced and fetched). */
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

  rows(): Locator {
    return this.table.locator('tbody tr');
  }

  async names(): Promise<string[]> {
    return this.table.locator('tbody tr td:first-child').allInnerTexts();
  }

  async columnTexts(title: string): Promise<string[]> {
    const headers = await this.table.locator('thead th').allInnerTexts();
    const index = headers.findIndex((h) => h.trim() === title);
    expect(index, `colonna ${title}`).toBeGreaterThanOrEqual(0);
    return this.table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
  }

  filters(): Locator {
    return this.page.getByRole('group', { name: 'Filtri' });
  }

  /** Picks an option in one of the filter bar's multi-selects. */
  async chooseFilter(label: string, option: string): Promise<void> {
    await this.filters().getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  /** Sortable headers are buttons named after the column and its order ("Cognome e nome non ordinata"). */
  sortHeader(column: string): Locator {
    return this.table.getByRole('button', { name: new RegExp(`^${column} `) });
  }

  /** The "Senza colloquio" switch, from the keyboard (its input is a zero-size box a pointer cannot hit reliably). */
  async toggleWithoutInterview(): Promise<void> {
    await this.page.getByRole('switch', { name: 'Senza colloquio' }).press('Space');
  }

  async sortBy(column: string): Promise<void> {
    await this.sortHeader(column).click();
  }

  async goToPage(n: number): Promise<void> {
    await this.page.getByRole('button', { name: `Pagina ${n}`, exact: true }).click();
  }

  async saveFilter(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Salva filtro…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Salva filtro' });
    await dialog.getByLabel('Nome del filtro').fill(name);
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await expect(dialog).toBeHidden();
  }

  async applySavedFilter(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Filtri salvati' }).click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }
}

export interface NewPersonData {
  lastName: string;
  firstName: string;
  sex: 'M' | 'F';
  /** dd/mm/yyyy as typed */
  birthDate: string;
  birthPlace: string;
  taxCode?: string;
  comune?: string;
  phone?: string;
  channel?: string;
  organisation?: string;
  point?: string;
  /** The privacy notice: signed today (the default), missing with a reason, or left as it is. */
  privacy?: 'signed' | 'untouched' | { missing: string };
}

export interface WorkExperienceData {
  role: string;
  employer?: string;
  /** dd/mm/yyyy as typed */
  from?: string;
  to?: string;
  description?: string;
}

/** Page model of the registration / edit form. */
export class PersonForm {
  constructor(readonly page: Page) {}

  async openNew(): Promise<void> {
    await this.page.goto('/#/persone/nuova');
    await expect(this.page.getByRole('heading', { level: 2, name: 'Nuova persona' })).toBeVisible();
  }

  section(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  taxCode(): Locator {
    return this.page.getByRole('textbox', { name: 'Codice fiscale' });
  }

  /** Chooses an option of a select, typing part of it first when the select is searchable. */
  async pick(label: string, typed: string, option: string | RegExp): Promise<void> {
    const input = this.page.getByRole('combobox', { name: label, exact: true });
    await input.click();
    if (typed) await input.fill(typed);
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async fill(data: NewPersonData): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(data.lastName);
    await this.page.getByRole('textbox', { name: 'Nome', exact: true }).fill(data.firstName);
    await this.page.getByRole('radio', { name: data.sex === 'F' ? 'Femmina' : 'Maschio' }).check();
    const birth = this.page.getByRole('textbox', { name: 'Data di nascita' });
    await birth.fill(data.birthDate);
    await birth.press('Tab');
    await this.pick('Luogo di nascita', data.birthPlace, new RegExp(`^${data.birthPlace}`));
    if (data.taxCode !== undefined) await this.taxCode().fill(data.taxCode);
    if (data.comune) await this.pick('Comune', data.comune, data.comune);
    if (data.phone) await this.page.getByLabel('Telefono').fill(data.phone);
    if (data.channel) await this.pick('Canale di accesso', '', data.channel);
    if (data.organisation) await this.pick('Ente inviante', data.organisation, data.organisation);
    if (data.point) await this.page.getByLabel('Punto inviante').fill(data.point);
    const privacy = data.privacy ?? 'signed';
    if (privacy === 'signed') await this.signPrivacy();
    else if (privacy !== 'untouched') await this.page.getByRole('textbox', { name: 'Perché manca' }).fill(privacy.missing);
  }

  /** Ticks «Ha firmato l’informativa» (signed today, the form's default day). */
  async signPrivacy(): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'Ha firmato l’informativa sul trattamento dei dati' }).check();
  }

  /** Row n (from 1) of «Esperienze lavorative». */
  experience(n: number): Locator {
    return this.page.getByRole('group', { name: `Esperienza lavorativa ${n}` });
  }

  /** Types a date in a field of a row and leaves it, as a user does (the calendar closes). */
  async typeDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label, exact: true });
    await input.fill(value);
    await input.press('Tab');
    await expect(input).toHaveValue(value);
  }

  /** Adds a row to «Esperienze lavorative» with «Aggiungi esperienza» and fills it; returns the row. */
  async addWorkExperience(data: WorkExperienceData): Promise<Locator> {
    const section = this.section('Esperienze lavorative');
    const n = (await section.getByRole('group', { name: /^Esperienza lavorativa / }).count()) + 1;
    await section.getByRole('button', { name: 'Aggiungi esperienza' }).click();
    const row = this.experience(n);
    const role = row.getByRole('textbox', { name: 'Mansione', exact: true });
    await expect(role).toBeFocused();
    await role.fill(data.role);
    if (data.employer) await row.getByRole('textbox', { name: 'Datore di lavoro', exact: true }).fill(data.employer);
    if (data.from) await this.typeDate(row, 'Dal', data.from);
    if (data.to) await this.typeDate(row, 'Al', data.to);
    if (data.description) await row.getByRole('textbox', { name: 'Descrizione', exact: true }).fill(data.description);
    return row;
  }

  async computeTaxCode(): Promise<string> {
    await this.page.getByRole('button', { name: 'Calcola' }).click();
    await expect(this.page.getByText('Codice fiscale valido')).toBeVisible();
    return this.taxCode().inputValue();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Registra persona' }).click();
  }

  /** The id in /#/persone/:id once the app has landed on a person's page. */
  async landedPersonId(): Promise<number> {
    await expect(this.page).toHaveURL(/#\/persone\/\d+$/);
    return Number(/#\/persone\/(\d+)$/.exec(this.page.url())![1]);
  }
}
