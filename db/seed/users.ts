import type BetterSqlite3 from 'better-sqlite3';
import type { Reference } from './reference';

export interface StaffUser {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  role: 'coordinatore' | 'operatore' | 'finanza';
  orgCode: string;
}

export interface Staff {
  all: StaffUser[];
  coordinators: StaffUser[];
  /** Who interviews and follows the cases: coordinators and the Opimm/Fomal operators. */
  referents: StaffUser[];
  /** Reception operators (first contacts, interview scheduling). */
  operators: StaffUser[];
  finance: StaffUser[];
}

const STAFF: readonly [string, string, StaffUser['role'], string][] = [
  ['Marco', 'Rossi', 'coordinatore', 'ufficio_comune'],
  ['Anna', 'Bianchi', 'coordinatore', 'ufficio_comune'],
  ['Giulia', 'Ferri', 'coordinatore', 'fond_san_petronio'],
  ['Stefano', 'Mazzoni', 'coordinatore', 'fond_san_petronio'],
  ['Luca', 'Conti', 'operatore', 'opimm'],
  ['Sara', 'Marchetti', 'operatore', 'opimm'],
  ['Francesca', 'Gallo', 'operatore', 'fomal'],
  ['Davide', 'Esposito', 'operatore', 'fomal'],
  ['Elena', 'Romano', 'finanza', 'comune_bo'],
  ['Paolo', 'Greco', 'finanza', 'fond_san_petronio'],
];

/**
 * Staff accounts without a password (password_hash NULL: they cannot log in until an administrator
 * sets one); they are the referents and authors of the demo records. Usernames like m.rossi.
 */
export function insertStaff(db: BetterSqlite3.Database, ref: Reference, createdAt: string): Staff {
  const taken = new Set((db.prepare('SELECT username FROM users').all() as { username: string }[]).map((r) => r.username));
  const insert = db.prepare(
    'INSERT INTO users (username, full_name, role, organisation_id, password_hash, active, created_at) VALUES (?, ?, ?, ?, NULL, 1, ?)',
  );
  const all: StaffUser[] = [];
  for (const [firstName, lastName, role, orgCode] of STAFF) {
    const stem = `${firstName.charAt(0)}.${lastName}`.toLowerCase();
    let username = stem;
    for (let n = 2; taken.has(username); n++) username = `${stem}${n}`;
    taken.add(username);
    const info = insert.run(username, `${firstName} ${lastName}`, role, ref.orgId(orgCode), createdAt);
    all.push({ id: Number(info.lastInsertRowid), username, firstName, lastName, role, orgCode });
  }
  return {
    all,
    coordinators: all.filter((u) => u.role === 'coordinatore'),
    referents: all.filter((u) => u.role !== 'finanza'),
    operators: all.filter((u) => u.role === 'operatore'),
    finance: all.filter((u) => u.role === 'finanza'),
  };
}
