import type BetterSqlite3 from 'better-sqlite3';
import type { Faker } from '@faker-js/faker';
import type { Progress } from './batch';
import type { Rng } from './random';
import type { Reference } from './reference';
import type { ScaleConfig } from './scales';
import type { Staff } from './users';

/** What every generator needs. */
export interface SeedContext {
  db: BetterSqlite3.Database;
  rng: Rng;
  faker: Faker;
  cfg: ScaleConfig;
  ref: Reference;
  staff: Staff;
  progress: Progress;
}
