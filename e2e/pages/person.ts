import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

/** Calls the web host's API directly (to prepare data), with the run's secret and a session of its own. */
export class ApiClient {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly session: string,
  ) {}

  static async login(request: APIRequestContext, username: string, password: string): Promise<ApiClient> {
    const response = await request.post('/rpc/auth.login', { headers: { Authorization: `Bearer ${E2E_TOKEN}` }, data: { username, password } });
    expect(response.ok(), await response.text()).toBe(true);
    const { result } = (await response.json()) as { result: { token: string } };
    return new ApiClient(request, result.token);
  }

  async call<T>(method: string, input: unknown): Promise<T> {
    const response = await this.request.post(`/rpc/${method}`, {
      headers: { Authorization: `Bearer ${E2E_TOKEN}`, 'X-IXL-Session': this.session },
      data: input,
    });
    const body = (await response.json()) as { result?: T; error?: { message: string } };
    if (!response.ok() || body.result === undefined) throw new Error(`${method}: ${body.error?.message ?? response.status()}`);
    return body.result;
  }
}

/** A surname nobody else has in the shared demo database (random letters, so no two runs look alike). */
export function uniqueSurname(prefix: string): string {
  const letters = Array.from({ length: 9 }, () => 'abcdefghilmnoprstuvz'.charAt(Math.floor(Math.random() * 20))).join('');
  return `${prefix}${letters.charAt(0).toUpperCase()}${letters.slice(1)}`;
}

/** A birth date between 1960 and 1999, different for each person made by the specs. */
export function randomBirthDate(): string {
  const d = new Date(Date.UTC(1960 + Math.floor(Math.random() * 40), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 28)));
  return d.toISOString().slice(0, 10);
}

export function isoToday(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function italian(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

interface TemplateOption {
  code: string;
  label: string;
  points: number;
}
export interface Template {
  id: number;
  definition: { dimensions: { code: string; label: string; items: { code: string; text: string; options: TemplateOption[] }[] }[] };
}

/** Picks one option per item so that the points add up exactly to `target`, highest points first. */
export function answersSumming(template: Template, target: number): { itemCode: string; option: TemplateOption }[] {
  let left = target;
  const picks = template.definition.dimensions.flatMap((d) =>
    d.items.map((item) => {
      const sorted = [...item.options].sort((a, b) => b.points - a.points);
      const option = sorted.find((o) => o.points <= left) ?? sorted[sorted.length - 1];
      if (!option) throw new Error(`item ${item.code} without options`);
      left -= option.points;
      return { itemCode: item.code, option };
    }),
  );
  if (left !== 0) throw new Error(`cannot reach ${target} points with this questionnaire`);
  return picks;
}

/** Page model of the person page (/persone/:id) and its dialogs. */
export class PersonPage {
  constructor(readonly page: Page) {}

  async open(personId: number): Promise<void> {
    await this.page.goto(`/#/persone/${personId}`);
    await expect(this.page.getByRole('tab', { name: /Percorso/ })).toBeVisible();
  }

  get status(): Locator {
    return this.page.getByTestId('person-status');
  }

  caseAction(name: string): Locator {
    return this.page.getByRole('group', { name: 'Azioni sul caso' }).getByRole('button', { name, exact: true });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Waits for a dialog's opening animation to end (before a screenshot). */
  async settled(dialog: Locator): Promise<void> {
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveCSS('opacity', '1');
  }

  /** Waits until no dialog is open or closing (before a screenshot). */
  async noDialog(): Promise<void> {
    await expect(this.page.locator('.mantine-Modal-content')).toHaveCount(0);
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  /** Types a date as gg/mm/aaaa in a date field of a dialog, then closes the calendar. */
  async typeDate(scope: Locator, label: string, iso: string): Promise<void> {
    const input = scope.getByLabel(label);
    await input.fill(italian(iso));
    await input.press('Tab');
    await expect(input).toHaveValue(italian(iso));
    await expect(this.page.locator('[data-dates-dropdown]')).toHaveCount(0);
  }

  /** Answers one questionnaire item by clicking its option. */
  async answer(itemCode: string, option: TemplateOption): Promise<void> {
    await this.page.getByTestId(`item-${itemCode}`).getByText(`${option.label} · ${option.points}`, { exact: true }).click();
  }

  get total(): Locator {
    return this.page.getByTestId('assessment-total');
  }

  get band(): Locator {
    return this.page.getByTestId('assessment-band');
  }
}
