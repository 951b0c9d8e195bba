import type { PgMigration } from './types';

/** SQLite's 013_anonymisation: the indexes that find the people past retention and the anonymised ones. */
export const p013_anonymisation: PgMigration = {
  id: '013_anonymisation',
  up: async (c) => {
    await c.query(`
CREATE INDEX ix_people_anonymised ON people(anonymised_at) WHERE anonymised_at IS NOT NULL;
CREATE INDEX ix_cases_person_closed ON cases(person_id, closed_on);
`);
  },
};
