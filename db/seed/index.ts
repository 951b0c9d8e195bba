import type BetterSqlite3 from 'better-sqlite3';
import { AssessmentWriter, insertTemplate } from './assessments';
import { Progress, type ProgressCallback } from './batch';
import { bulkLoad } from './bulk';
import { insertCases } from './cases';
import { insertCompanies } from './companies';
import type { SeedContext } from './context';
import { dayOf, stamp } from './dates';
import { insertMoney } from './money';
import { insertPacts } from './pacts';
import { insertInterventions } from './paths';
import { insertPeople } from './people';
import { createFaker, Rng } from './random';
import { loadReference, nextId } from './reference';
import { scaleConfig, type SeedScale } from './scales';
import { insertStaff } from './users';

export type { SeedScale } from './scales';

export interface SeedOptions {
  scale: SeedScale;
  /** Same seed, same database (default 1). */
  seed?: number;
  onProgress?: ProgressCallback;
  /**
   * Write row by row with every trigger firing, as the services do (slow at xl). The default is the
   * bulk load of bulk.ts; tests compare the two.
   */
  rowByRow?: boolean;
}

export interface SeedSummary {
  people: number;
  cases: number;
  companies: number;
  interventions: number;
  pacts: number;
  funds: number;
  allocations: number;
  commitments: number;
  payments: number;
  users: number;
  ms: number;
}

/** Refuses a database that already holds people: the seed fills new files only. */
export function assertEmpty(db: BetterSqlite3.Database): void {
  const existing = db.prepare('SELECT count(*) AS n FROM people').get() as { n: number };
  if (existing.n > 0) throw new Error('Il database contiene già dati: usare un file nuovo');
}

/** Writes every generated row; returns the summary without its time. */
function loadAll(ctx: SeedContext, protocol: string): SeedSummary {
  const { db, cfg, staff } = ctx;
  const coordinator = staff.coordinators[0];
  const templateId = insertTemplate(db, protocol, coordinator ? coordinator.id : (staff.all[0]?.id ?? 0));
  const companies = insertCompanies(ctx, nextId(db, 'companies'), nextId(db, 'needs'));
  const people = insertPeople(ctx, nextId(db, 'people'));
  const assessments = new AssessmentWriter(db, templateId, cfg.assessmentAnswers, nextId(db, 'assessments'));
  const { cases, interventions } = insertCases(ctx, people, companies, assessments, nextId(db, 'cases'));
  insertInterventions(ctx, interventions, people, companies, nextId(db, 'interventions'));
  const pacts = insertPacts(ctx, interventions, people, companies, nextId(db, 'pacts'));
  const money = insertMoney(ctx, interventions, people, companies, {
    fund: nextId(db, 'funds'),
    allocation: nextId(db, 'allocations'),
    commitment: nextId(db, 'commitments'),
    payment: nextId(db, 'payments'),
  });
  return {
    people: people.length,
    cases,
    companies: companies.length,
    interventions: interventions.length,
    pacts,
    ...money,
    users: staff.all.length,
    ms: 0,
  };
}

/**
 * Fills an empty, migrated database with realistic, deterministic demo data for IXL Desk:
 * staff users, companies, people, cases through the funnel, interventions, pacts and money.
 * Bulk writes use prepared statements in transactions of cfg.chunk rows (never kysely per row), without
 * the triggers that keep totals: they are built in one pass at the end and checked (bulk.ts).
 */
export function seedDatabase(db: BetterSqlite3.Database, options: SeedOptions): SeedSummary {
  const started = performance.now();
  assertEmpty(db);

  const cfg = scaleConfig(options.scale);
  const seed = options.seed ?? 1;
  const progress = new Progress(
    [
      ['Utenti', 1],
      ['Aziende', cfg.companies],
      ['Persone', cfg.people],
      ['Prese in carico', cfg.people],
      ['Percorsi', cfg.scale === 'xl' ? 300_000 : cfg.people * 0.6],
      ['Patti', cfg.scale === 'xl' ? cfg.pactCap : cfg.people * 0.2],
      ['Movimenti contabili', cfg.ledgerTarget ?? cfg.people * 2],
      ['Indici e totali', (cfg.ledgerTarget ?? cfg.people * 2) * 0.3],
    ],
    options.onProgress,
  );
  const ref = loadReference(db);
  const protocol = stamp(dayOf('2017-05-22'), seed);
  const staff = db.transaction(() => insertStaff(db, ref, protocol))();
  progress.update('Utenti', 1, 1);
  const ctx: SeedContext = { db, rng: new Rng(seed), faker: createFaker(seed), cfg, ref, staff, progress };

  // A page cache of 16 MB while loading (a connection setting, restored afterwards): the rows go to
  // the end of their tables and the indexes are built by sorting at the end (bulk.ts), so a bigger
  // cache only adds to the memory used.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -16384');
  try {
    const load = () => loadAll(ctx, protocol);
    const summary = options.rowByRow ? load() : bulkLoad(db, load, (step, of) => progress.update('Indici e totali', step, of));
    db.exec('ANALYZE');
    summary.ms = Math.round(performance.now() - started);
    // The one audit row of the run; its time is the real one (it records the run, not demo data).
    db.prepare(
      "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'sistema', 'seed', 'database', NULL, NULL, ?)",
    ).run(new Date().toISOString(), JSON.stringify({ scale: cfg.scale, seed, ...summary }));
    return summary;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
