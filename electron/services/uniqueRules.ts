import { AppError } from '../contract/errors';

/**
 * The unique rules the database enforces behind the services' own checks. A service looks for the
 * duplicate first and answers in Italian; but two desks on one PostgreSQL server can both pass that
 * check at the same instant, and then the database refuses the second write (SQLSTATE 23505; SQLite's
 * SQLITE_CONSTRAINT_UNIQUE when two calls of one process interleave). This is where such a refusal is
 * recognised, by constraint or index name (PostgreSQL) or by columns (SQLite), so the service can give
 * the answer it gives when it finds the duplicate itself.
 */
const RULES = {
  codice_fiscale: { postgres: 'people_tax_code_key', sqlite: 'people.tax_code', message: 'Codice fiscale già registrato per un’altra persona' },
  // the plain and omocodic forms of one code (migration 018)
  codice_fiscale_forma: { postgres: 'ux_people_tax_code_key', sqlite: 'people.tax_code_key', message: 'Codice fiscale già registrato, in un’altra forma, per un’altra persona' },
  partita_iva: { postgres: 'companies_vat_number_key', sqlite: 'companies.vat_number', message: 'Partita IVA già registrata per un’altra azienda' },
  caso_aperto: { postgres: 'ux_cases_one_open', sqlite: 'cases.person_id', message: 'La persona ha già un caso aperto: non si apre un secondo intervento' },
  assegnazione: {
    postgres: 'allocations_fund_id_year_line_code_key',
    sqlite: 'allocations.fund_id, allocations.year, allocations.line_code',
    message: 'Modificato da un altro utente nel frattempo: ricarica per vedere le modifiche',
  },
} as const;
export type UniqueRule = keyof typeof RULES;

/** The constraint or index names of the rules on PostgreSQL, for the test that checks they exist. */
export const POSTGRES_UNIQUE_NAMES: readonly string[] = Object.values(RULES).map((r) => r.postgres);

/** Which rule a database error broke, on either engine; null for any other error. */
export function brokenUniqueRule(error: unknown): UniqueRule | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  const rules = Object.entries(RULES) as [UniqueRule, (typeof RULES)[UniqueRule]][];
  if (code === '23505') return rules.find(([, r]) => r.postgres === constraint)?.[0] ?? null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string') return rules.find(([, r]) => message === `UNIQUE constraint failed: ${r.sqlite}`)?.[0] ?? null;
  return null;
}

/**
 * Runs a write (its whole transaction); when the database refuses it for one of `answers`' rules,
 * returns (or throws) what that answer gives, looked up after the failed transaction, when the
 * other desk's record is there to be named. An answer that finds nothing to name rethrows `error`.
 */
export async function answerDuplicates<T>(work: () => Promise<T>, answers: Partial<Record<UniqueRule, (error: unknown) => Promise<T>>>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const rule = brokenUniqueRule(error);
    const answer = rule === null ? undefined : answers[rule];
    if (!answer) throw error;
    return answer(error);
  }
}

/** For the dispatch: a refusal by a unique rule that no service answered, as a CONFLICT rather than an internal error. */
export function uniqueRuleConflict(error: unknown): AppError | null {
  const rule = brokenUniqueRule(error);
  return rule === null ? null : new AppError('CONFLICT', RULES[rule].message);
}
