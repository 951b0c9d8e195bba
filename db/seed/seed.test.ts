import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, it, expect } from 'vitest';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { bandFor } from '../../electron/domain/bands';
import { canTransition, type CaseStatus } from '../../electron/domain/caseStatus';
import { decodeCodiceFiscale, validateCodiceFiscale } from '../../electron/domain/codiceFiscale';
import { validatePartitaIva } from '../../electron/domain/partitaIva';
import { bulkLoad, derivedMismatches, ledgerViolations } from './bulk';
import { seedFile } from './file';
import { seedDatabase, type SeedOptions } from './index';

function seeded(options: SeedOptions): { db: BetterSqlite3.Database; summary: ReturnType<typeof seedDatabase> } {
  const db = openSqlite(':memory:');
  migrate(db);
  return { db, summary: seedDatabase(db, options) };
}

const count = (db: BetterSqlite3.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/** The money invariants of DOMAIN.md §5, as SQL sums: each returns the number of violations. */
function moneyViolations(db: BetterSqlite3.Database): Record<string, number> {
  return {
    fundOverAllocated: count(
      db,
      'SELECT count(*) AS n FROM funds f WHERE (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.fund_id = f.id) > f.amount_cents',
    ),
    allocationOverCommitted: count(
      db,
      'SELECT count(*) AS n FROM allocations a WHERE (SELECT coalesce(sum(c.amount_cents), 0) FROM commitments c WHERE c.allocation_id = a.id) > a.amount_cents',
    ),
    commitmentOverPaid: count(
      db,
      `SELECT count(*) AS n FROM commitments c WHERE c.kind = 'impegno'
        AND (SELECT coalesce(sum(p.amount_cents), 0) FROM payments p WHERE p.commitment_id = c.id)
          > c.amount_cents + (SELECT coalesce(sum(r.amount_cents), 0) FROM commitments r WHERE r.adjusts_id = c.id)`,
    ),
    paidBeforeCommitted: count(db, 'SELECT count(*) AS n FROM payments p JOIN commitments c ON c.id = p.commitment_id WHERE p.paid_on <= c.committed_on'),
    committedOutsideYear: count(
      db,
      "SELECT count(*) AS n FROM commitments c JOIN allocations a ON a.id = c.allocation_id WHERE c.kind = 'impegno' AND CAST(substr(c.committed_on, 1, 4) AS INTEGER) <> a.year",
    ),
    nonIntegerAmounts: count(
      db,
      "SELECT (SELECT count(*) FROM commitments WHERE typeof(amount_cents) <> 'integer') + (SELECT count(*) FROM payments WHERE typeof(amount_cents) <> 'integer') AS n",
    ),
  };
}

const NO_VIOLATIONS = {
  fundOverAllocated: 0,
  allocationOverCommitted: 0,
  commitmentOverPaid: 0,
  paidBeforeCommitted: 0,
  committedOutsideYear: 0,
  nonIntegerAmounts: 0,
};

/** A digest of the rows of a few tables, to compare two runs. */
function digest(db: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  for (const table of ['users', 'people', 'person_skills', 'cases', 'case_status_history', 'assessments', 'companies', 'needs', 'interventions', 'pacts', 'allocations', 'commitments', 'payments']) {
    const order = table === 'person_skills' ? 'person_id, skill' : 'id';
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

describe('seedDatabase demo', () => {
  const { db, summary } = seeded({ scale: 'demo' });

  it('fills every area with about 300 people and 60 companies', () => {
    expect(summary.people).toBe(300);
    expect(summary.companies).toBe(60);
    expect(summary.cases).toBeGreaterThanOrEqual(300);
    expect(summary.cases).toBeLessThan(340);
    for (const key of ['interventions', 'pacts', 'funds', 'allocations', 'commitments', 'payments', 'users'] as const) expect(summary[key]).toBeGreaterThan(0);
    expect(count(db, "SELECT count(*) AS n FROM users WHERE password_hash IS NULL AND username LIKE '_.%'")).toBe(summary.users);
    expect(count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'seed' AND entity = 'database'")).toBe(1);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('writes valid codici fiscali that decode to the person’s birth date, sex and place', () => {
    const rows = db.prepare('SELECT tax_code, sex, birth_date, birth_place_code FROM people WHERE tax_code IS NOT NULL').all() as {
      tax_code: string;
      sex: 'M' | 'F';
      birth_date: string;
      birth_place_code: string;
    }[];
    expect(rows.length).toBeGreaterThan(280);
    for (const row of rows) {
      expect(validateCodiceFiscale(row.tax_code), row.tax_code).toMatchObject({ ok: true });
      const decoded = decodeCodiceFiscale(row.tax_code, new Date('2024-12-31T12:00:00Z'));
      expect(decoded).toEqual({ sex: row.sex, birthDate: row.birth_date, birthPlaceCode: row.birth_place_code });
    }
    // Missing codes only with the reason.
    expect(count(db, 'SELECT count(*) AS n FROM people WHERE tax_code IS NULL AND tax_code_missing_reason IS NULL')).toBe(0);
  });

  it('gives people plausible ages, origins and consistent citizenship', () => {
    const tooYoungOrOld = count(
      db,
      `SELECT count(*) AS n FROM cases c JOIN people p ON p.id = c.person_id
        WHERE date(p.birth_date, '+18 years') > c.application_date OR date(p.birth_date, '+68 years') <= c.application_date`,
    );
    expect(tooYoungOrOld).toBe(0);
    const abroad = count(db, "SELECT count(*) AS n FROM people WHERE birth_place_code LIKE 'Z%'") / summary.people;
    expect(abroad).toBeGreaterThan(0.15);
    expect(abroad).toBeLessThan(0.35);
    expect(count(db, "SELECT count(*) AS n FROM people WHERE birth_place_code NOT LIKE 'Z%' AND (citizenship <> 'Italia' OR nationality_group <> 'IT')")).toBe(0);
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM people p JOIN birth_places b ON b.code = p.birth_place_code
          WHERE b.kind = 'estero' AND NOT ((p.citizenship = b.name AND p.nationality_group = b.nationality_group) OR (p.citizenship = 'Italia' AND p.nationality_group = 'IT'))`,
      ),
    ).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = p.id)')).toBe(0);
  });

  it('writes valid, unique partite IVA', () => {
    const vats = (db.prepare('SELECT vat_number FROM companies').all() as { vat_number: string }[]).map((r) => r.vat_number);
    for (const vat of vats) expect(validatePartitaIva(vat), vat).toMatchObject({ ok: true });
    expect(new Set(vats).size).toBe(vats.length);
  });

  it('puts about 60% of domiciles in Bologna', () => {
    const share = (db.prepare("SELECT avg(domicile_istat = '037006') AS s FROM people WHERE domicile_istat IS NOT NULL").get() as { s: number }).s;
    expect(share).toBeGreaterThanOrEqual(0.5);
    expect(share).toBeLessThanOrEqual(0.7);
    expect(count(db, 'SELECT count(*) AS n FROM people WHERE outside_metro = 1 AND (domicile_istat IS NOT NULL OR outside_metro_city IS NULL)')).toBe(0);
  });

  it('follows the funnel: ~75% interviewed, of whom ~70% in target, ~22% strong, ~8% fragile, ~35% placed', () => {
    const cases = count(db, 'SELECT count(*) AS n FROM cases');
    const interviewed = count(db, 'SELECT count(*) AS n FROM cases WHERE first_interview_date IS NOT NULL');
    const strong = count(db, "SELECT count(*) AS n FROM cases WHERE out_of_target_reason = 'profilo_forte'");
    const fragile = count(db, "SELECT count(*) AS n FROM cases WHERE out_of_target_reason = 'fragile'");
    const placed = count(db, "SELECT count(*) AS n FROM cases WHERE outcome = 'assunto'");
    const inTarget = interviewed - strong - fragile;
    expect(interviewed / cases).toBeGreaterThan(0.65);
    expect(interviewed / cases).toBeLessThan(0.85);
    expect(inTarget / interviewed).toBeGreaterThan(0.6);
    expect(inTarget / interviewed).toBeLessThan(0.8);
    expect(strong / interviewed).toBeGreaterThan(0.14);
    expect(strong / interviewed).toBeLessThan(0.3);
    expect(fragile / interviewed).toBeGreaterThan(0.03);
    expect(fragile / interviewed).toBeLessThan(0.14);
    expect(placed / interviewed).toBeGreaterThan(0.25);
    expect(placed / interviewed).toBeLessThan(0.45);
    // Interviews 1–5 weeks after the application (later only after a no-show).
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM cases WHERE first_interview_date IS NOT NULL AND no_show_count = 0
          AND (julianday(first_interview_date) - julianday(application_date) NOT BETWEEN 7 AND 35)`,
      ),
    ).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM cases c WHERE no_show_count <> (SELECT count(*) FROM case_no_shows s WHERE s.case_id = c.id)')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM case_no_shows')).toBeGreaterThan(0);
  });

  it('keeps statuses, history and assessments consistent', () => {
    // At most one open case per person.
    expect(count(db, 'SELECT count(*) AS n FROM (SELECT person_id FROM cases WHERE closed_on IS NULL GROUP BY person_id HAVING count(*) > 1)')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM (SELECT person_id FROM cases GROUP BY person_id HAVING count(*) > 1)')).toBeGreaterThan(0);
    expect(
      count(db, "SELECT count(*) AS n FROM cases WHERE (status IN ('concluso', 'fuori_target')) <> (closed_on IS NOT NULL)"),
    ).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM cases WHERE status = 'concluso' AND outcome IS NULL")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM cases WHERE status = 'fuori_target' AND out_of_target_reason IS NULL")).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM cases WHERE first_interview_date IS NOT NULL AND referent_user_id IS NULL')).toBe(0);

    // Every transition is allowed, in order, and ends at the case's status.
    const history = db.prepare('SELECT case_id, from_status, to_status, changed_on FROM case_status_history ORDER BY case_id, id').all() as {
      case_id: number;
      from_status: CaseStatus | null;
      to_status: CaseStatus;
      changed_on: string;
    }[];
    const last = new Map<number, { to: CaseStatus; on: string }>();
    for (const h of history) {
      const previous = last.get(h.case_id);
      if (previous) {
        expect(h.from_status).toBe(previous.to);
        expect(canTransition(previous.to, h.to_status), `${previous.to} → ${h.to_status}`).toBe(true);
        expect(h.changed_on >= previous.on).toBe(true);
      } else {
        expect(h.from_status).toBeNull();
        expect(h.to_status).toBe('iscritto');
      }
      last.set(h.case_id, { to: h.to_status, on: h.changed_on });
    }
    for (const c of db.prepare('SELECT id, status, status_date FROM cases').all() as { id: number; status: CaseStatus; status_date: string }[]) {
      expect(last.get(c.id)).toEqual({ to: c.status, on: c.status_date });
    }

    // One assessment per interviewed case, in the band of its routing (once routed), with answers adding up.
    expect(count(db, 'SELECT count(*) AS n FROM assessments')).toBe(count(db, 'SELECT count(*) AS n FROM cases WHERE first_interview_date IS NOT NULL'));
    const assessments = db
      .prepare(
        `SELECT a.total_points, a.band, c.status, c.out_of_target_reason, (SELECT sum(points) FROM assessment_answers x WHERE x.assessment_id = a.id) AS answered
          FROM assessments a JOIN cases c ON c.id = a.case_id`,
      )
      .all() as { total_points: number; band: string; status: CaseStatus; out_of_target_reason: string | null; answered: number }[];
    for (const a of assessments) {
      expect(bandFor(a.total_points)).toBe(a.band);
      expect(a.answered).toBe(a.total_points);
      if (a.status === 'valutato') continue;
      expect(a.band).toBe(a.out_of_target_reason === 'profilo_forte' ? 'forte' : a.out_of_target_reason === 'fragile' ? 'fragile' : 'target');
    }
  });

  it('has the last weeks’ applications in the statuses the office works on', () => {
    const recent = "application_date > '2024-11-25'";
    expect(count(db, `SELECT count(*) AS n FROM cases WHERE ${recent}`)).toBe(25);
    expect(count(db, `SELECT count(*) AS n FROM cases WHERE application_date > '2021-12-31' AND NOT (${recent})`)).toBe(0);
    // early statuses; closed only when the domicile is outside the metro area
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM cases WHERE ${recent} AND status NOT IN ('iscritto', 'colloquio_fissato', 'valutato')
          AND NOT (status = 'concluso' AND outcome = 'altro_servizio' AND person_id IN (SELECT id FROM people WHERE outside_metro = 1))`,
      ),
    ).toBe(0);
    // new applications without an interview date
    expect(count(db, `SELECT count(*) AS n FROM cases WHERE ${recent} AND status = 'iscritto' AND interview_scheduled_on IS NULL`)).toBeGreaterThanOrEqual(2);
    // interviews fixed within the next two weeks, or in the last one and not recorded yet
    const fixed = count(db, `SELECT count(*) AS n FROM cases WHERE ${recent} AND status = 'colloquio_fissato'`);
    expect(fixed).toBeGreaterThanOrEqual(3);
    expect(count(db, `SELECT count(*) AS n FROM cases WHERE ${recent} AND status = 'colloquio_fissato' AND interview_scheduled_on BETWEEN '2024-12-25' AND '2025-01-14'`)).toBe(fixed);
    expect(count(db, `SELECT count(*) AS n FROM cases WHERE ${recent} AND status = 'colloquio_fissato' AND interview_scheduled_on > '2024-12-31'`)).toBeGreaterThan(0);
    // assessed in the last two weeks, waiting to be routed
    const assessed = count(db, `SELECT count(*) AS n FROM cases WHERE ${recent} AND status = 'valutato'`);
    expect(assessed).toBeGreaterThanOrEqual(2);
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM cases c WHERE ${recent} AND status = 'valutato' AND first_interview_date BETWEEN '2024-12-18' AND '2024-12-31'
          AND referent_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = c.id AND a.assessed_on = c.first_interview_date)`,
      ),
    ).toBe(assessed);
    // a couple of people already have an open case opened by Opimm's reception
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM cases c JOIN case_status_history h ON h.case_id = c.id AND h.from_status IS NULL
          JOIN users u ON u.id = h.user_id JOIN organisations o ON o.id = u.organisation_id
          WHERE c.${recent} AND c.channel_code = 'opimm' AND c.closed_on IS NULL AND o.code = 'opimm'`,
      ),
    ).toBeGreaterThanOrEqual(2);
  });

  it('gives every placement a hire and keeps intervention statuses in line with the dates', () => {
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM cases c WHERE c.outcome = 'assunto' AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.case_id = c.id AND i.instrument_code = 'inserimento')",
      ),
    ).toBe(0);
    const today = '2024-12-31';
    expect(count(db, `SELECT count(*) AS n FROM interventions WHERE status = 'proposto' AND start_date <= '${today}'`)).toBe(0);
    expect(count(db, `SELECT count(*) AS n FROM interventions WHERE status <> 'proposto' AND start_date > '${today}'`)).toBe(0);
    expect(count(db, `SELECT count(*) AS n FROM interventions WHERE status IN ('concluso', 'interrotto') AND (end_date IS NULL OR end_date >= '${today}')`)).toBe(0);
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM interventions WHERE instrument_code = 'tirocinio' AND (monthly_indemnity_cents NOT BETWEEN 45000 AND 60000 OR months NOT BETWEEN 2 AND 12 OR company_id IS NULL)",
      ),
    ).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM pacts WHERE number NOT GLOB \'PBL-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]\'')).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM pacts WHERE (status IN ('firmato', 'archiviato')) <> (signed_on IS NOT NULL)")).toBe(0);
  });

  it('keeps the money invariants', () => {
    expect(moneyViolations(db)).toEqual(NO_VIOLATIONS);
    expect(count(db, "SELECT count(*) AS n FROM funds WHERE code IN ('comune_bo_2017', 'arcidiocesi_2017')")).toBe(2);
    expect(count(db, "SELECT amount_cents AS n FROM funds WHERE code = 'comune_bo_2017'")).toBe(1_000_000_000);
    expect(count(db, "SELECT count(*) AS n FROM commitments WHERE kind = 'riduzione'")).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same rows, another seed different ones', () => {
    const again = seeded({ scale: 'demo' });
    expect(digest(again.db)).toBe(digest(db));
    const other = seeded({ scale: 'demo', seed: 2 });
    expect(digest(other.db)).not.toBe(digest(db));
  });

  it('refuses a database that already has data', () => {
    expect(() => seedDatabase(db, { scale: 'demo' })).toThrow('Il database contiene già dati: usare un file nuovo');
  });

  it('reports progress with Italian labels', () => {
    const labels = new Set<string>();
    let last = 0;
    let monotonic = true;
    const db2 = openSqlite(':memory:');
    migrate(db2);
    seedDatabase(db2, {
      scale: 'demo',
      onProgress: (done, total, label) => {
        labels.add(label);
        if (done < last || done > total) monotonic = false;
        last = done;
      },
    });
    expect(monotonic).toBe(true);
    for (const label of ['Aziende', 'Persone', 'Percorsi', 'Movimenti contabili']) expect(labels.has(label)).toBe(true);
  });
});

describe('seedDatabase real', () => {
  it('matches the real programme’s size and keeps the money invariants', () => {
    const { db, summary } = seeded({ scale: 'real' });
    expect(summary.people).toBe(5_300);
    expect(summary.companies).toBe(300);
    expect(summary.cases).toBeGreaterThan(5_300);
    expect(summary.cases).toBeLessThan(5_800);
    const interviewed = count(db, 'SELECT count(*) AS n FROM cases WHERE first_interview_date IS NOT NULL');
    expect(interviewed).toBeGreaterThan(3_700);
    expect(interviewed).toBeLessThan(4_400);
    const placements = count(db, "SELECT count(*) AS n FROM cases WHERE outcome = 'assunto'");
    expect(placements).toBeGreaterThan(1_200);
    expect(placements).toBeLessThan(1_650);
    // the programme's years, and the last five weeks before the data's today
    expect(count(db, "SELECT count(*) AS n FROM cases WHERE application_date NOT BETWEEN '2017-06-01' AND '2021-12-31' AND application_date <= '2024-11-25'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM cases WHERE application_date BETWEEN '2024-11-26' AND '2024-12-31'")).toBe(150);
    const lastWeek = count(db, "SELECT count(*) AS n FROM cases WHERE application_date BETWEEN '2024-12-24' AND '2024-12-31'");
    expect(lastWeek).toBeGreaterThan(20);
    expect(lastWeek).toBeLessThan(50);
    expect(summary.funds).toBe(4);
    expect(moneyViolations(db)).toEqual(NO_VIOLATIONS);
  });
});

/** Every table's rows (in key order) and the schema's text: two databases equal in all that is stored. */
function contents(db: BetterSqlite3.Database): Record<string, string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    // the seed's audit row and the migrations carry the real time
    if (name === 'schema_migrations') continue;
    const where = name === 'audit_log' ? " WHERE action <> 'seed'" : '';
    const rows = db.prepare(`SELECT * FROM "${name}"${where}`).raw().all();
    out[name] = createHash('sha256').update(JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())).digest('hex');
  }
  out.schema = JSON.stringify(db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all());
  return out;
}

const schemaOf = (db: BetterSqlite3.Database) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all();

describe('bulk load', () => {
  it('builds the same totals, people columns, rows and schema as inserting row by row with the triggers', () => {
    const bulk = seeded({ scale: 'demo', seed: 4 }).db;
    const rows = seeded({ scale: 'demo', seed: 4, rowByRow: true }).db;
    // the derived data is not trivially empty
    expect(count(bulk, 'SELECT count(*) AS n FROM commitment_totals WHERE paid_cents > 0')).toBeGreaterThan(100);
    expect(count(bulk, 'SELECT count(*) AS n FROM people WHERE current_band IS NOT NULL')).toBeGreaterThan(100);
    expect(contents(bulk)).toEqual(contents(rows));
    expect(derivedMismatches(bulk)).toEqual({ allocation_totals: 0, commitment_totals: 0, allocation_months: 0, payment_allocations: 0, people: 0 });
  });

  it('finds a total that differs from the ledger', () => {
    const corruptions: Record<string, string> = {
      allocation_totals: 'UPDATE allocation_totals SET commitment_rows = commitment_rows + 1 WHERE allocation_id = (SELECT min(allocation_id) FROM allocation_totals)',
      commitment_totals: 'UPDATE commitment_totals SET net_cents = net_cents - 1 WHERE commitment_id = (SELECT max(commitment_id) FROM commitment_totals)',
      allocation_months: 'UPDATE allocation_months SET committed_cents = committed_cents + 1 WHERE (allocation_id, month) = (SELECT allocation_id, month FROM allocation_months LIMIT 1)',
      payment_allocations: 'DELETE FROM payment_allocations WHERE payment_id = (SELECT max(payment_id) FROM payment_allocations)',
      people: "UPDATE people SET current_band = NULL WHERE id = (SELECT min(id) FROM people WHERE current_band = 'target')",
    };
    const { db } = seeded({ scale: 'demo', seed: 5 });
    for (const [table, sql] of Object.entries(corruptions)) {
      expect(derivedMismatches(db)[table], table).toBe(0);
      db.exec('SAVEPOINT corrupt');
      db.exec(sql);
      expect(derivedMismatches(db)[table], table).toBeGreaterThan(0);
      db.exec('ROLLBACK TO corrupt; RELEASE corrupt');
    }
  });

  it('refuses ledger rows the triggers would have refused, and leaves the schema whole', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const before = schemaOf(db);
    const fund = count(db, "SELECT id AS n FROM funds WHERE code = 'comune_bo_2017'");
    expect(() =>
      bulkLoad(db, () => {
        const allocation = db.prepare("INSERT INTO allocations (id, fund_id, year, line_code, amount_cents, updated_at) VALUES (?, ?, 2018, ?, 1000, '2018-01-01')");
        allocation.run(1, fund, 'gestione');
        allocation.run(2, fund, 'pon');
        const commitment = db.prepare(`INSERT INTO commitments (id, allocation_id, kind, adjusts_id, amount_cents, committed_on, act_number, description, created_at)
          VALUES (?, ?, ?, ?, ?, '2018-02-01', 'DD/2018/0001', 'Prova', '2018-02-01T10:00:00.000Z')`);
        commitment.run(1, 1, 'impegno', null, 500);
        // a reduction under another allocation than its commitment's
        commitment.run(2, 2, 'riduzione', 1, -100);
      }),
    ).toThrow('Dati dimostrativi incoerenti dopo il caricamento: commitmentAdjusts: 1');
    expect(ledgerViolations(db).commitmentAdjusts).toBe(1);
    expect(schemaOf(db)).toEqual(before);
  });

  it('leaves the schema whole when the load fails', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const before = schemaOf(db);
    expect(() =>
      bulkLoad(db, () => {
        throw new Error('interrotto');
      }),
    ).toThrow('interrotto');
    expect(schemaOf(db)).toEqual(before);
  });
});

describe('seedFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-seed-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const withDb = <T>(file: string, fn: (db: BetterSqlite3.Database) => T): T => {
    const db = openSqlite(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  it('seeds a new file into a normal WAL database, through a temporary file', () => {
    const file = path.join(dir, 'nuovo', 'ixl.sqlite');
    const summary = seedFile(file, { scale: 'demo', seed: 6 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['ixl.sqlite']);
    withDb(file, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(count(db, 'SELECT count(*) AS n FROM people')).toBe(summary.people);
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    });
  });

  it('keeps what an empty database holds, refuses one with data and leaves it as it was', () => {
    const file = path.join(dir, 'vuoto.sqlite');
    withDb(file, (db) => {
      migrate(db);
      db.exec(`INSERT INTO settings (key, value) VALUES ('prova.seed', '"sì"')`);
    });
    seedFile(file, { scale: 'demo', seed: 7 });
    const seededBytes = fs.readFileSync(file);
    withDb(file, (db) => expect(count(db, "SELECT count(*) AS n FROM settings WHERE key = 'prova.seed'")).toBe(1));
    expect(() => seedFile(file, { scale: 'demo', seed: 7 })).toThrow('Il database contiene già dati: usare un file nuovo');
    expect(fs.readFileSync(file).equals(seededBytes)).toBe(true);
    expect(fs.existsSync(`${file}.seeding`)).toBe(false);
  });

  it('leaves no half-seeded file when stopped, and a second run seeds it', () => {
    const file = path.join(dir, 'interrotto.sqlite');
    fs.writeFileSync(`${file}.seeding`, 'resto di un seme interrotto');
    expect(() =>
      seedFile(file, {
        scale: 'demo',
        onProgress: (_done, _total, label) => {
          if (label === 'Percorsi') throw new Error('interrotto');
        },
      }),
    ).toThrow('interrotto');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('interrotto'))).toEqual([]);
    const summary = seedFile(file, { scale: 'demo' });
    withDb(file, (db) => expect(count(db, 'SELECT count(*) AS n FROM people')).toBe(summary.people));
  });
});
