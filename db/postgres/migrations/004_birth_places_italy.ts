import type { PgMigration } from './types';
import { insertRows, sqliteRowsAt } from './fromSqlite';

/** Every Italian comune as a birth place, and the cadastral codes of the metro comuni, as SQLite's 004. */
export const p004_birth_places_italy: PgMigration = {
  id: '004_birth_places_italy',
  up: async (c) => {
    const places = ['code', 'name', 'province', 'kind', 'nationality_group'];
    await insertRows(c, 'birth_places', places, sqliteRowsAt('004_birth_places_italy', 'birth_places', places), 'ON CONFLICT (code) DO NOTHING');
    for (const [istat, cadastral] of sqliteRowsAt('004_birth_places_italy', 'comuni', ['istat_code', 'cadastral_code'])) {
      await c.query('UPDATE comuni SET cadastral_code = $1 WHERE istat_code = $2', [cadastral, istat]);
    }
  },
};
