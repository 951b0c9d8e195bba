/*
 * The PostgreSQL chain: one migration for each SQLite migration, with the same id, in the same order
 * (db/postgres/schema.test.ts checks the ids and compares the resulting schemas). The rules of
 * db/migrations/index.ts hold here too: append only, a landed migration is never edited (checksums
 * pinned in db/postgres/migrate.test.ts), the list is static.
 */
import type { PgMigration } from './types';
import { p001_domain } from './001_domain';
import { p002_reference_data } from './002_reference_data';
import { p003_people_cases } from './003_people_cases';
import { p004_birth_places_italy } from './004_birth_places_italy';
import { p005_budget_totals } from './005_budget_totals';
import { p006_people_cases_repair } from './006_people_cases_repair';
import { p007_paths } from './007_paths';
import { p008_pacts_lists } from './008_pacts_lists';
import { p009_reports } from './009_reports';
import { p010_money_integers } from './010_money_integers';
import { p011_logins } from './011_logins';
import { p012_privacy } from './012_privacy';
import { p013_anonymisation } from './013_anonymisation';
import { p014_audit_index } from './014_audit_index';
import { p015_record_versions } from './015_record_versions';
import { p018_duplicates } from './018_duplicates';

export const PG_MIGRATIONS: readonly PgMigration[] = [
  p001_domain,
  p002_reference_data,
  p003_people_cases,
  p004_birth_places_italy,
  p005_budget_totals,
  p006_people_cases_repair,
  p007_paths,
  p008_pacts_lists,
  p009_reports,
  p010_money_integers,
  p011_logins,
  p012_privacy,
  p013_anonymisation,
  p014_audit_index,
  p015_record_versions,
  p018_duplicates,
];
