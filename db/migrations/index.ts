import type { Migration } from './types';
import { m001_domain } from './001_domain';
import { m002_reference_data } from './002_reference_data';
import { m003_people_cases } from './003_people_cases';
import { m004_birth_places_italy } from './004_birth_places_italy';
import { m005_budget_totals } from './005_budget_totals';
import { m007_paths } from './007_paths';
import { m008_pacts_lists } from './008_pacts_lists';
import { m009_reports } from './009_reports';

/** Every migration, in order. A static list (no folder scanning: that breaks inside an asar). Append only. */
export const MIGRATIONS: readonly Migration[] = [m001_domain, m002_reference_data, m003_people_cases, m004_birth_places_italy, m005_budget_totals, m007_paths, m008_pacts_lists, m009_reports];
