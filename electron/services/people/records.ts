import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/**
 * What the database holds linked to a person: the ids of their records of every kind, and the audit
 * rows about any of them. One definition for the anonymisation (what it clears) and the copy of a
 * person's data (what it gathers).
 */
export interface LinkedRecords {
  /** The person and the records merged into them. */
  people: number[];
  cases: number[];
  interventions: number[];
  pacts: number[];
  assessments: number[];
  notes: number[];
  /** Attached to the person, their cases, interventions or pacts. */
  documents: number[];
  /** For the person or one of their interventions. */
  commitments: number[];
  payments: number[];
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

/** The records linked to `people` (a person and the records merged into them). */
export async function linkedRecords(db: Kysely<DB>, people: number[]): Promise<LinkedRecords> {
  const byPerson = async (table: 'cases' | 'interventions' | 'pacts' | 'assessments' | 'notes') =>
    ids(await db.selectFrom(table).select('id').where('person_id', 'in', people).orderBy('id').execute());
  const [cases, interventions, pacts, assessments, notes] = [await byPerson('cases'), await byPerson('interventions'), await byPerson('pacts'), await byPerson('assessments'), await byPerson('notes')];
  const owners = [
    { type: 'person' as const, ids: people },
    { type: 'case' as const, ids: cases },
    { type: 'intervention' as const, ids: interventions },
    { type: 'pact' as const, ids: pacts },
  ].filter((o) => o.ids.length > 0);
  const documents = ids(
    await db
      .selectFrom('attachments')
      .select('id')
      .where((eb) => eb.or(owners.map((o) => eb.and([eb('owner_type', '=', o.type), eb('owner_id', 'in', o.ids)]))))
      .orderBy('id')
      .execute(),
  );
  const commitments = ids(
    await db
      .selectFrom('commitments')
      .select('id')
      .where((eb) => eb.or([eb('person_id', 'in', people), ...(interventions.length > 0 ? [eb('intervention_id', 'in', interventions)] : [])]))
      .orderBy('id')
      .execute(),
  );
  const payments = commitments.length > 0 ? ids(await db.selectFrom('payments').select('id').where('commitment_id', 'in', commitments).orderBy('id').execute()) : [];
  return { people, cases, interventions, pacts, assessments, notes, documents, commitments, payments };
}

/** The audit log's entity name of each kind of record, with the ids: the rows about a person. */
export function auditEntities(linked: LinkedRecords): [entity: string, ids: number[]][] {
  return [
    ['persona', linked.people],
    ['caso', linked.cases],
    ['nota', linked.notes],
    ['documento', linked.documents],
    ['valutazione', linked.assessments],
    ['intervento', linked.interventions],
    ['patto', linked.pacts],
    ['impegno', linked.commitments],
    ['liquidazione', linked.payments],
  ];
}

/** The audit rows about the linked records (who read or changed them), oldest first. */
export function auditRowsAbout(db: Kysely<DB>, linked: LinkedRecords) {
  return db
    .selectFrom('audit_log')
    .where((eb) =>
      eb.or(
        auditEntities(linked)
          .filter(([, list]) => list.length > 0)
          .map(([entity, list]) => eb.and([eb('entity', '=', entity), eb('entity_id', 'in', list.map(String))])),
      ),
    )
    .orderBy('at')
    .orderBy('id');
}
