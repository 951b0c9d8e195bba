import type { PgMigration } from './types';
import { insertRows, sqliteRowsAt, syncIdentity } from './fromSqlite';

/** The reference data of SQLite's 002_reference_data, the same rows with the same ids. */
const TABLES: [table: string, columns: string[]][] = [
  ['districts', ['code', 'name']],
  ['comuni', ['istat_code', 'name', 'district_code', 'cadastral_code']],
  ['birth_places', ['code', 'name', 'province', 'kind', 'nationality_group']],
  ['ateco_sections', ['code', 'name']],
  ['channels', ['code', 'name', 'sort']],
  ['organisations', ['id', 'code', 'name', 'kind', 'active']],
  ['spending_lines', ['code', 'name', 'sort']],
  ['instruments', ['code', 'name', 'default_line_code', 'sort']],
];

export const p002_reference_data: PgMigration = {
  id: '002_reference_data',
  up: async (c) => {
    for (const [table, columns] of TABLES) await insertRows(c, table, columns, sqliteRowsAt('002_reference_data', table, columns));
    await syncIdentity(c, 'organisations');
  },
};
