import type BetterSqlite3 from 'better-sqlite3';

/** Reference data loaded by migration 002, read once so the generators can refer to its codes. */
export interface Reference {
  orgId: (code: string) => number;
  orgName: (code: string) => string;
  comuni: { istat: string; name: string; district: string }[];
  birthPlaces: { code: string; name: string; kind: 'comune' | 'estero'; group: 'IT' | 'UE' | 'EXTRA_UE' }[];
  spendingLines: string[];
  instruments: string[];
}

export function loadReference(db: BetterSqlite3.Database): Reference {
  const orgs = db.prepare('SELECT id, code, name FROM organisations').all() as { id: number; code: string; name: string }[];
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const org = (code: string) => {
    const found = byCode.get(code);
    if (!found) throw new Error(`Organizzazione di riferimento mancante: ${code}`);
    return found;
  };
  return {
    orgId: (code) => org(code).id,
    orgName: (code) => org(code).name,
    comuni: (db.prepare('SELECT istat_code AS istat, name, district_code AS district FROM comuni ORDER BY istat_code').all() as Reference['comuni']),
    birthPlaces: db
      .prepare('SELECT code, name, kind, nationality_group AS "group" FROM birth_places ORDER BY code')
      .all() as Reference['birthPlaces'],
    spendingLines: (db.prepare('SELECT code FROM spending_lines ORDER BY sort').all() as { code: string }[]).map((r) => r.code),
    instruments: (db.prepare('SELECT code FROM instruments ORDER BY sort').all() as { code: string }[]).map((r) => r.code),
  };
}

/** The next free id of a table: the seed assigns ids itself so rows can refer to each other without reading back. */
export function nextId(db: BetterSqlite3.Database, table: string): number {
  const row = db.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).get() as { n: number };
  return row.n;
}
