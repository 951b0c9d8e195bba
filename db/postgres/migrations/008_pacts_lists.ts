import type { PgMigration } from './types';

/** SQLite's 008_pacts_lists: the indexes of the pacts' lists. */
export const p008_pacts_lists: PgMigration = {
  id: '008_pacts_lists',
  up: async (c) => {
    await c.query(`
CREATE INDEX ix_pacts_signed_on ON pacts(signed_on) WHERE signed_on IS NOT NULL;
CREATE INDEX ix_pacts_date ON pacts(pact_date, id);
`);
  },
};
