import type BetterSqlite3 from 'better-sqlite3';
import { BAND_LABELS, bandFor, DEFAULT_BAND_THRESHOLDS, type Band } from '../../electron/domain/bands';
import type { Rng } from './random';

/** The L.R. 14/2015 questionnaire as data (DOMAIN.md §2): 3 dimensions × 10 items, 4 graded options each. */
const DIMENSIONS: readonly { code: string; label: string; items: readonly string[] }[] = [
  {
    code: 'lavoro',
    label: 'Lavoro',
    items: [
      'Durata della disoccupazione', 'Esperienze lavorative pregresse', 'Titolo di studio e qualifiche', 'Conoscenza della lingua italiana',
      'Competenze digitali', 'Patente e mobilità', 'Disponibilità oraria', 'Motivazione e progetto professionale',
      'Competenze trasversali (puntualità, relazioni)', 'Rapporto con i servizi per l’impiego',
    ],
  },
  {
    code: 'sociale',
    label: 'Sociale',
    items: [
      'Situazione abitativa', 'Rete familiare di supporto', 'Carichi di cura', 'Situazione economica e debiti', 'Rapporti con i servizi sociali',
      'Isolamento sociale', 'Situazione giuridica e permesso di soggiorno', 'Procedimenti penali o misure alternative',
      'Difficoltà di accesso ai servizi', 'Minori nel nucleo in condizione di disagio',
    ],
  },
  {
    code: 'salute',
    label: 'Salute',
    items: [
      'Condizioni di salute fisica', 'Salute mentale', 'Dipendenze', 'Invalidità civile o disabilità', 'Limitazioni funzionali nel lavoro',
      'Continuità delle cure', 'Benessere psicologico percepito', 'Autonomia nelle attività quotidiane', 'Accesso al medico di base',
      'Presa in carico da servizi sanitari specialistici',
    ],
  },
];

const OPTIONS = [
  { code: 'a', label: 'Nessuna criticità', points: 0 },
  { code: 'b', label: 'Criticità lieve', points: 1 },
  { code: 'c', label: 'Criticità moderata', points: 2 },
  { code: 'd', label: 'Criticità grave', points: 3 },
] as const;

const ITEM_CODES: string[] = DIMENSIONS.flatMap((d) => d.items.map((_, i) => `${d.code}_${String(i + 1).padStart(2, '0')}`));
const MAX_POINTS = OPTIONS[OPTIONS.length - 1]?.points ?? 3;

export function templateDefinition(): unknown {
  return {
    thresholds: DEFAULT_BAND_THRESHOLDS,
    dimensions: DIMENSIONS.map((d) => ({
      code: d.code,
      label: d.label,
      items: d.items.map((text, i) => ({ code: `${d.code}_${String(i + 1).padStart(2, '0')}`, text, options: OPTIONS })),
    })),
  };
}

export function insertTemplate(db: BetterSqlite3.Database, createdAt: string, createdBy: number): number {
  const info = db
    .prepare(
      'INSERT INTO assessment_templates (code, version, title, definition_json, active, created_at, created_by) VALUES (?, ?, ?, ?, 1, ?, ?)',
    )
    .run('lr14', 1, 'Profilo di fragilità L.R. 14/2015', JSON.stringify(templateDefinition()), createdAt, createdBy);
  return Number(info.lastInsertRowid);
}

/** Writes assessments (and their answers) whose total lands in the band of the case's routing. */
export class AssessmentWriter {
  private readonly insertAssessment: BetterSqlite3.Statement;
  private readonly insertAnswer: BetterSqlite3.Statement;
  private readonly points = new Int8Array(ITEM_CODES.length);

  constructor(
    db: BetterSqlite3.Database,
    private readonly templateId: number,
    private readonly withAnswers: boolean,
    private nextIdValue: number,
  ) {
    this.insertAssessment = db.prepare(
      `INSERT INTO assessments (id, case_id, person_id, template_id, assessed_on, assessor_user_id, total_points, band,
        fragile_above, strong_below, routing, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
    this.insertAnswer = db.prepare('INSERT INTO assessment_answers (assessment_id, item_code, option_code, points) VALUES (?, ?, ?, ?)');
  }

  write(rng: Rng, caseId: number, personId: number, assessedOn: string, assessor: number, band: Band, createdAt: string): void {
    const total = band === 'forte' ? rng.int(1, 10) : band === 'target' ? rng.int(11, 30) : rng.int(31, 58);
    const { fragileAbove, strongBelow } = DEFAULT_BAND_THRESHOLDS;
    if (bandFor(total) !== band) throw new Error(`Punteggio ${total} fuori dalla fascia ${band}`);
    const id = this.nextIdValue++;
    this.insertAssessment.run(id, caseId, personId, this.templateId, assessedOn, assessor, total, band, fragileAbove, strongBelow, BAND_LABELS[band].routing, createdAt);
    if (!this.withAnswers) return;
    // Spread the total over the items one point at a time, never above an item's maximum.
    this.points.fill(0);
    for (let left = total; left > 0; ) {
      const i = rng.int(0, ITEM_CODES.length - 1);
      if ((this.points[i] as number) < MAX_POINTS) {
        this.points[i] = (this.points[i] as number) + 1;
        left--;
      }
    }
    for (let i = 0; i < ITEM_CODES.length; i++) {
      const p = this.points[i] as number;
      this.insertAnswer.run(id, ITEM_CODES[i], OPTIONS[p]?.code ?? 'a', p);
    }
  }
}
