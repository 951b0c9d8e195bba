import { describe, expect, it } from 'vitest';
import { checkLetter } from '../../electron/domain/codiceFiscale';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const NOW = '2024-01-01T00:00:00Z';
/** A code's omocodic form: its last digit replaced by its letter, the check letter recomputed. */
function omocodic(code: string): string {
  const first15 = code.slice(0, 14) + 'LMNPQRSTUV'.charAt(Number(code.charAt(14)));
  return first15 + checkLetter(first15);
}
/** Records as they may stand before 018: two forms of one code on two live records, and on a merged one and a live one. */
const PEOPLE_BEFORE_018: [number, string | null, number | null][] = [
  [1, 'RSSMRA85T10A562S', null],
  [2, omocodic('RSSMRA85T10A562S'), null],
  [3, 'BNCLCU80A01A944Y', 4],
  [4, omocodic('BNCLCU80A01A944Y'), null],
  [5, 'VRDGPP70C03F205Z', null],
  [6, null, null],
];
const insertPerson = 'INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code, tax_code_missing_reason, merged_into_id, created_at, updated_at)';

describe('migration 018: the codice fiscale without omocodia, unique', () => {
  it('gives each code its key, leaves records holding another form of a code already keyed without one, and lists those pairs', () => {
    const db = openSqlite(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.id < '018'));
    const insert = db.prepare(`${insertPerson} VALUES (?, 'Rossi', 'Mario', 'rossimario', 'M', ?, ?, NULL, ?, ?)`);
    for (const [id, code] of PEOPLE_BEFORE_018) insert.run(id, code, code ? null : 'In attesa', NOW, NOW);
    for (const [id, , into] of PEOPLE_BEFORE_018) if (into !== null) db.prepare('UPDATE people SET merged_into_id = ? WHERE id = ?').run(into, id);

    expect(migrate(db).applied).toEqual(['018_duplicates']);
    expect(db.prepare('SELECT id, tax_code_key FROM people ORDER BY id').all()).toEqual([
      { id: 1, tax_code_key: 'RSSMRA85T10A562' },
      { id: 2, tax_code_key: null },
      // the live record keeps the key before the one merged into it
      { id: 3, tax_code_key: null },
      { id: 4, tax_code_key: 'BNCLCU80A01A944' },
      { id: 5, tax_code_key: 'VRDGPP70C03F205' },
      { id: 6, tax_code_key: null },
    ]);
    expect(db.prepare('SELECT person_id, other_id, reasons, dismissed_at FROM duplicate_pairs ORDER BY id').all()).toEqual([
      { person_id: 1, other_id: 2, reasons: 'codice_fiscale', dismissed_at: null },
      { person_id: 3, other_id: 4, reasons: 'codice_fiscale', dismissed_at: null },
    ]);
    expect(() => db.prepare("UPDATE people SET tax_code_key = 'RSSMRA85T10A562' WHERE id = 6").run()).toThrow(/UNIQUE constraint failed: people.tax_code_key/);
  });
});
