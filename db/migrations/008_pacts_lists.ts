import type { Migration } from './types';

/**
 * Indexes for the Patti lists (electron/services/pacts.ts): "Firmati questo mese" is a range on the
 * signature date, "Tutti" is sorted by the pact's date.
 */
export const m008_pacts_lists: Migration = {
  id: '008_pacts_lists',
  up: (db) => {
    db.exec(`
CREATE INDEX ix_pacts_signed_on ON pacts(signed_on) WHERE signed_on IS NOT NULL;
CREATE INDEX ix_pacts_date ON pacts(pact_date, id);
`);
  },
};
