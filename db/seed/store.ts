import { Store } from '../connection';
import { copyDatabase } from '../copy';
import { seedDatabase, type SeedOptions, type SeedSummary } from './index';

/**
 * Seeds the open database on either engine. The seed writes through SQLite's bulk path; on PostgreSQL
 * it runs on an in-memory SQLite copy of the database (so what is already there, like the first
 * administrator, stays with its ids) and the result is copied back in one transaction.
 */
export async function seedStore(store: Store, options: SeedOptions): Promise<SeedSummary> {
  if (store.engine === 'sqlite') return seedDatabase(store.raw, options);
  const lite = await Store.open(':memory:');
  try {
    await copyDatabase(store, lite);
    const summary = seedDatabase(lite.raw, options);
    await copyDatabase(lite, store, undefined, { replace: true });
    return summary;
  } finally {
    await lite.close();
  }
}
