/*
 * The rule: a migration that has landed (is in a commit others may have run) is never edited, not
 * even a comment; a change of schema or data is a new migration with the next id. Editing one leaves
 * the databases that already ran it behind for ever (that is how 006 came to be), so
 * db/migrate.test.ts pins the sha256 of every migration file here and fails when one changes.
 * A new migration: a file `NNN_name.ts`, one line in this list, its checksum in the test, one test
 * per data migration. The list is static (no folder scanning: that breaks inside an asar).
 */
import type { Migration } from './types';
import { m001_domain } from './001_domain';
import { m002_reference_data } from './002_reference_data';
import { m003_people_cases } from './003_people_cases';
import { m004_birth_places_italy } from './004_birth_places_italy';
import { m005_budget_totals } from './005_budget_totals';
import { m006_people_cases_repair } from './006_people_cases_repair';
import { m007_paths } from './007_paths';
import { m008_pacts_lists } from './008_pacts_lists';
import { m009_reports } from './009_reports';
import { m010_money_integers } from './010_money_integers';
import { m011_logins } from './011_logins';
import { m012_privacy } from './012_privacy';
import { m013_anonymisation } from './013_anonymisation';
import { m014_audit_index } from './014_audit_index';
import { m015_record_versions } from './015_record_versions';
import { m018_duplicates } from './018_duplicates';

/** Every migration, in the order of their ids. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  m001_domain,
  m002_reference_data,
  m003_people_cases,
  m004_birth_places_italy,
  m005_budget_totals,
  m006_people_cases_repair,
  m007_paths,
  m008_pacts_lists,
  m009_reports,
  m010_money_integers,
  m011_logins,
  m012_privacy,
  m013_anonymisation,
  m014_audit_index,
  m015_record_versions,
  m018_duplicates,
];
