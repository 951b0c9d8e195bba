import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../electron/contract/reports';
import { computeReportModel } from '../../electron/services/reports/model';
import { tempCore, type TempCore } from '../../electron/testing/tempDb';
import { Store } from '../connection';
import { copyDatabase } from '../copy';
import { seedDatabase } from '../seed/index';

/**
 * The Tavolo report is the same on both engines: the demo database seeded into SQLite, copied to
 * PostgreSQL, gives the same model — every figure, every table, every suppressed cell — for a year,
 * a half-year, the programme to date and a custom range (the facts' SQL is written once for both,
 * reports/facts.ts; the suppression decided over the standard periods reads them all).
 */
let t: TempCore;
let sqlite: Store;
const NOW = new Date('2024-09-15T10:00:00Z');

beforeAll(async () => {
  t = await tempCore();
  sqlite = await Store.open(path.join(t.dir, 'demo.sqlite'));
  seedDatabase(sqlite.raw, { scale: 'demo', seed: 7 });
  await copyDatabase(sqlite, t.core.store);
}, 180_000);
afterAll(async () => {
  await sqlite.close();
  await t.cleanup();
});

/** The model without what differs by construction between two computations (its id). */
const comparable = (m: ReportModel) => ({ ...m, id: '' });

describe('the report on PostgreSQL', () => {
  for (const period of ['2019', '2020-H2', 'all', '2019-03-01..2019-11-30']) {
    it(`gives the figures SQLite gives: ${period}`, async () => {
      const there = await computeReportModel(t.core.store, period, NOW);
      const here = await computeReportModel(sqlite, period, NOW);
      expect(there.sections.flatMap((s) => s.tables).length).toBeGreaterThan(10);
      expect(comparable(there)).toEqual(comparable(here));
    });
  }
});
