import type { Migration } from './types';

/**
 * Duplicates across the network (issue 13, part 6).
 * - `people.tax_code_key`: the codice fiscale without omocodia (first 15 characters, omocodic letters
 *   back to digits), unique: the plain and the omocodic form of one code are one person, also when two
 *   desks register them at the same instant. Back-filled here; where existing records already hold
 *   two forms of one code, the oldest live record keeps the key, the others are left without it and
 *   the pair goes to the «Possibili doppioni» list (nothing is refused, nothing is lost).
 * - `duplicate_pairs`: pairs of records that may be one person, with their reasons; a coordinator
 *   dismisses a pair («non è un doppione») and it is remembered.
 * - `person_merges`: what each merge moved, so that it can be undone within 30 days.
 * PostgreSQL's 018_duplicates is the same.
 */
const OMOCODIC_LETTERS = 'LMNPQRSTUV';
const OMOCODIC_INDEXES = [6, 7, 9, 10, 12, 13, 14];

/** The rule of electron/domain/codiceFiscale.ts taxCodeKey, as it stood when this migration was written. */
function taxCodeKey(code: string): string {
  const chars = code.replace(/\s+/g, '').toUpperCase().split('');
  for (const i of OMOCODIC_INDEXES) {
    const digit = OMOCODIC_LETTERS.indexOf(chars[i] ?? '');
    if (digit >= 0) chars[i] = String(digit);
  }
  return chars.join('').slice(0, 15);
}

const DDL = `
CREATE UNIQUE INDEX ux_people_tax_code_key ON people(tax_code_key);
CREATE TABLE duplicate_pairs (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  other_id INTEGER NOT NULL REFERENCES people(id),
  reasons TEXT NOT NULL,
  found_at TEXT NOT NULL,
  dismissed_at TEXT,
  dismissed_by INTEGER REFERENCES users(id),
  dismissed_note TEXT,
  UNIQUE (person_id, other_id),
  CHECK (person_id < other_id)
);
CREATE INDEX ix_duplicate_pairs_other ON duplicate_pairs(other_id);
CREATE INDEX ix_duplicate_pairs_open ON duplicate_pairs(id) WHERE dismissed_at IS NULL;
CREATE TABLE person_merges (
  id INTEGER PRIMARY KEY,
  kept_id INTEGER NOT NULL REFERENCES people(id),
  merged_id INTEGER NOT NULL REFERENCES people(id),
  merged_at TEXT NOT NULL,
  merged_by INTEGER REFERENCES users(id),
  snapshot_json TEXT NOT NULL,
  unmerged_at TEXT,
  unmerged_by INTEGER REFERENCES users(id)
);
CREATE INDEX ix_person_merges_kept ON person_merges(kept_id, merged_at);
CREATE INDEX ix_person_merges_merged ON person_merges(merged_id, merged_at);
`;

interface Holder {
  id: number;
  tax_code: string;
  merged_into_id: number | null;
}

/**
 * The key of each record holding a codice fiscale, and the pairs of records whose codes share a key:
 * per key, a live record (not merged into another) before a merged one, then the oldest, keeps it.
 */
export function backfillKeys(holders: Holder[]): { keys: [number, string][]; clashes: [number, number][] } {
  const ordered = [...holders].sort((a, b) => Number(a.merged_into_id !== null) - Number(b.merged_into_id !== null) || a.id - b.id);
  const first = new Map<string, number>();
  const keys: [number, string][] = [];
  const clashes: [number, number][] = [];
  for (const h of ordered) {
    const key = taxCodeKey(h.tax_code);
    const holder = first.get(key);
    if (holder === undefined) {
      first.set(key, h.id);
      keys.push([h.id, key]);
    } else clashes.push([Math.min(holder, h.id), Math.max(holder, h.id)]);
  }
  return { keys, clashes };
}

export const m018_duplicates: Migration = {
  id: '018_duplicates',
  up: (db) => {
    db.exec('ALTER TABLE people ADD COLUMN tax_code_key TEXT');
    const holders = db.prepare('SELECT id, tax_code, merged_into_id FROM people WHERE tax_code IS NOT NULL').all() as Holder[];
    const { keys, clashes } = backfillKeys(holders);
    const setKey = db.prepare('UPDATE people SET tax_code_key = ? WHERE id = ?');
    for (const [id, key] of keys) setKey.run(key, id);
    db.exec(DDL);
    const now = new Date().toISOString();
    const pair = db.prepare("INSERT INTO duplicate_pairs (person_id, other_id, reasons, found_at) VALUES (?, ?, 'codice_fiscale', ?)");
    for (const [a, b] of clashes) pair.run(a, b, now);
  },
};
