import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../db/connection';
import { computeCodiceFiscale } from '../domain/codiceFiscale';
import { checkDuplicates, type DuplicateQuery } from '../services/people/duplicates';
import { normalizePhone, similarName } from '../services/people/duplicateRules';
import { serviceContext } from '../services/context';
import { sqlOne } from '../testing/sql';
import type { Benchmark } from './types';

/**
 * The registration form's duplicate check on a person of the bench database typed again with one
 * letter of the first name changed (and the codice fiscale computed from it): found by birth date and
 * similar name, phone and email through their indexes.
 */
const PERSON_SQL = 'SELECT last_name, first_name, sex, birth_date, birth_place_code, phone, email FROM people WHERE id = (SELECT max(id) / 2 FROM people)';

interface PersonRow { last_name: string; first_name: string; sex: 'M' | 'F'; birth_date: string; birth_place_code: string; phone: string | null; email: string | null }

const inputs = new WeakMap<Store, Required<DuplicateQuery>>();
async function benchInput(store: Store): Promise<Required<DuplicateQuery>> {
  let input = inputs.get(store);
  if (!input) {
    const p = (await sqlOne<PersonRow>(store, PERSON_SQL))!;
    // the first letter, so that the codice fiscale computed from the typo differs too
    const firstName = (p.first_name.startsWith('B') ? 'D' : 'B') + p.first_name.slice(1);
    const taxCode = computeCodiceFiscale({ lastName: p.last_name, firstName, sex: p.sex, birthDate: p.birth_date, birthPlaceCode: p.birth_place_code });
    input = { taxCode, lastName: p.last_name, firstName, birthDate: p.birth_date, phone: p.phone, email: p.email, excludeId: null };
    inputs.set(store, input);
  }
  return input;
}

const statements = new WeakMap<BetterSqlite3.Database, Record<'taxCode' | 'candidates' | 'openCase', BetterSqlite3.Statement>>();
function prepared(raw: BetterSqlite3.Database) {
  let s = statements.get(raw);
  if (!s) {
    s = {
      taxCode: raw.prepare('SELECT id, merged_into_id FROM people WHERE tax_code = ?'),
      candidates: raw.prepare(
        `SELECT p.id, p.last_name, p.first_name, p.birth_date, p.tax_code, p.phone, p.email, p.name_key, c.name AS comune
         FROM people p LEFT JOIN comuni c ON c.istat_code = p.domicile_istat
         WHERE p.merged_into_id IS NULL AND (p.birth_date = ? OR (p.phone IS NOT NULL AND replace(p.phone, ' ', '') = ?) OR p.email = ? COLLATE NOCASE)`,
      ),
      openCase: raw.prepare(
        `SELECT k.id, k.status, coalesce(u.full_name, ro.name, ch.name) AS held_by FROM cases k JOIN channels ch ON ch.code = k.channel_code
         LEFT JOIN users u ON u.id = k.referent_user_id LEFT JOIN organisations ro ON ro.id = k.referring_org_id
         WHERE k.person_id = ? AND k.closed_on IS NULL`,
      ),
    };
    statements.set(raw, s);
  }
  return s;
}

export const peopleDuplicateBenchmarks: Benchmark[] = [
  {
    name: 'people.duplicate-check',
    run: async ({ store }) => checkDuplicates(serviceContext(store), await benchInput(store)),
    floor: async ({ raw, store }) => {
      const input = await benchInput(store);
      const s = prepared(raw);
      const phone = input.phone ? normalizePhone(input.phone) : '';
      const email = input.email ? input.email.toLowerCase() : '';
      const sameTaxCode = s.taxCode.get(input.taxCode) as { id: number } | undefined;
      const rows = s.candidates.all(input.birthDate, phone, email) as { id: number; birth_date: string; name_key: string; phone: string | null; email: string | null }[];
      const likely = rows.filter(
        (r) => r.id !== sameTaxCode?.id && ((r.birth_date === input.birthDate && similarName(input.lastName, input.firstName, r.name_key)) || (phone && r.phone && normalizePhone(r.phone) === phone) || (email && r.email?.toLowerCase() === email)),
      );
      return { sameTaxCode, likely: likely.map((r) => ({ r, openCase: s.openCase.get(r.id) })) };
    },
  },
];
