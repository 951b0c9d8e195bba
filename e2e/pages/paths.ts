import { expect, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_DATA } from '../../playwright.config';

/** An open traineeship need of the demo data, read from the run's database (the companies screens may change). */
export interface OpenNeed {
  id: number;
  role: string;
  companyName: string;
  districtCode: string;
  skills: string[];
  /** a comune of the need's district, to give a person a domicile there */
  comuneIstat: string;
}

export function openTraineeshipNeed(): OpenNeed {
  const db = new Database(path.join(E2E_DATA, 'demo', 'ixl.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const need = db
      .prepare(
        `SELECT n.id, n.role, co.name AS companyName, coalesce(n.district_code, seat.district_code) AS districtCode
         FROM needs n JOIN companies co ON co.id = n.company_id LEFT JOIN comuni seat ON seat.istat_code = co.seat_istat
         WHERE n.status = 'aperto' AND n.instrument_code = 'tirocinio' AND coalesce(n.district_code, seat.district_code) IS NOT NULL
           AND EXISTS (SELECT 1 FROM need_skills s WHERE s.need_id = n.id)
         ORDER BY n.id LIMIT 1`,
      )
      .get() as Omit<OpenNeed, 'skills' | 'comuneIstat'> | undefined;
    if (!need) throw new Error('the demo data has no open traineeship need');
    const skills = (db.prepare('SELECT skill FROM need_skills WHERE need_id = ? ORDER BY skill').all(need.id) as { skill: string }[]).map((s) => s.skill);
    const comune = db.prepare('SELECT istat_code AS code FROM comuni WHERE district_code = ? ORDER BY istat_code LIMIT 1').get(need.districtCode) as { code: string };
    return { ...need, skills, comuneIstat: comune.code };
  } finally {
    db.close();
  }
}

/** Page model of the matching page of a need (/abbinamenti/fabbisogno/:id). */
export class MatchingPage {
  constructor(readonly page: Page) {}

  async open(needId: number, role: string): Promise<void> {
    await this.page.goto(`/#/abbinamenti/fabbisogno/${needId}`);
    await expect(this.page.getByRole('heading', { level: 2, name: `Abbinamenti: ${role}` })).toBeVisible();
  }

  get candidates(): Locator {
    return this.page.getByTestId('match-candidate');
  }

  candidate(name: string): Locator {
    return this.candidates.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async propose(name: string, button: string): Promise<void> {
    await this.candidate(name).getByRole('button', { name: button }).click();
    const dialog = this.page.getByRole('dialog', { name: `${button}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(name);
    await dialog.getByRole('button', { name: 'Conferma la proposta' }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The Percorso panel of the person page: interventions and fitting needs. */
export class PathPanel {
  constructor(readonly page: Page) {}

  get interventions(): Locator {
    return this.page.getByRole('region', { name: 'Interventi del percorso' }).getByTestId('intervention');
  }

  intervention(companyName: string): Locator {
    return this.interventions.filter({ hasText: companyName });
  }

  editDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Modifica: / });
  }
}

/** Page model of the Percorsi list (/percorsi). */
export class PathsListPage {
  constructor(readonly page: Page) {}

  get filters(): Locator {
    return this.page.getByRole('group', { name: 'Filtri' });
  }

  rows(): Locator {
    return this.page.locator('table tbody tr');
  }
}
