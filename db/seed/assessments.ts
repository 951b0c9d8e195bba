import type BetterSqlite3 from 'better-sqlite3';
import { BAND_LABELS, bandFor, DEFAULT_BAND_THRESHOLDS, type Band } from '../../electron/domain/bands';
import type { TemplateDefinition } from '../../electron/contract/assessments';
import { DEFAULT_TEMPLATE_CODE, defaultTemplate } from '../../electron/services/assessments/template';
import type { Rng } from './random';

/** Inserts the default questionnaire (resources/assessment/lr14-v1.json) as version 1; returns its id. */
export function insertTemplate(db: BetterSqlite3.Database, createdAt: string, createdBy: number): number {
  const { title, definition } = defaultTemplate();
  const info = db
    .prepare(
      'INSERT INTO assessment_templates (code, version, title, definition_json, active, created_at, created_by) VALUES (?, ?, ?, ?, 1, ?, ?)',
    )
    .run(DEFAULT_TEMPLATE_CODE, 1, title, JSON.stringify(definition), createdAt, createdBy);
  return Number(info.lastInsertRowid);
}

/** The highest total the writer draws (fragile band). */
const MAX_TOTAL = 58;

/** Writes assessments (and their answers to the template's items) whose total lands in the band of the case's routing. */
export class AssessmentWriter {
  private readonly insertAssessment: BetterSqlite3.Statement;
  private readonly insertAnswers: BetterSqlite3.Statement;
  private readonly answers: (string | number)[];
  private readonly items: { code: string; optionByPoints: string[] }[];
  private readonly points: Int8Array;

  constructor(
    db: BetterSqlite3.Database,
    private readonly templateId: number,
    private readonly withAnswers: boolean,
    private nextIdValue: number,
  ) {
    const row = db.prepare('SELECT definition_json FROM assessment_templates WHERE id = ?').get(templateId) as { definition_json: string } | undefined;
    if (!row) throw new Error(`Questionario ${templateId} non trovato`);
    const definition = JSON.parse(row.definition_json) as TemplateDefinition;
    // Each item's options by points 0, 1, 2…: the spread below needs an option for every score.
    this.items = definition.dimensions.flatMap((d) =>
      d.items.map((item) => {
        const max = Math.max(...item.options.map((o) => o.points));
        const optionByPoints = Array.from({ length: max + 1 }, (_, p) => item.options.find((o) => o.points === p)?.code);
        if (optionByPoints.includes(undefined)) throw new Error(`Domanda ${item.code}: servono risposte con punteggi consecutivi da 0`);
        return { code: item.code, optionByPoints: optionByPoints as string[] };
      }),
    );
    if (this.items.reduce((sum, item) => sum + item.optionByPoints.length - 1, 0) < MAX_TOTAL) throw new Error('Questionario troppo corto per i punteggi dei dati dimostrativi');
    this.points = new Int8Array(this.items.length);
    this.insertAssessment = db.prepare(
      `INSERT INTO assessments (id, case_id, person_id, template_id, assessed_on, assessor_user_id, total_points, band,
        fragile_above, strong_below, routing, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
    // All the answers of an assessment in one statement: ~2.3 million rows at xl, a call each would cost more than the insert.
    this.insertAnswers = db.prepare(
      `INSERT INTO assessment_answers (assessment_id, item_code, option_code, points) VALUES ${this.items.map(() => '(?, ?, ?, ?)').join(', ')}`,
    );
    this.answers = new Array<string | number>(this.items.length * 4);
  }

  write(rng: Rng, caseId: number, personId: number, assessedOn: string, assessor: number, band: Band, createdAt: string): void {
    const total = band === 'forte' ? rng.int(1, 10) : band === 'target' ? rng.int(11, 30) : rng.int(31, MAX_TOTAL);
    const { fragileAbove, strongBelow } = DEFAULT_BAND_THRESHOLDS;
    if (bandFor(total) !== band) throw new Error(`Punteggio ${total} fuori dalla fascia ${band}`);
    const id = this.nextIdValue++;
    this.insertAssessment.run(id, caseId, personId, this.templateId, assessedOn, assessor, total, band, fragileAbove, strongBelow, BAND_LABELS[band].routing, createdAt);
    if (!this.withAnswers) return;
    // Spread the total over the items one point at a time, never above an item's maximum.
    this.points.fill(0);
    for (let left = total; left > 0; ) {
      const i = rng.int(0, this.items.length - 1);
      const item = this.items[i] as (typeof this.items)[number];
      if ((this.points[i] as number) < item.optionByPoints.length - 1) {
        this.points[i] = (this.points[i] as number) + 1;
        left--;
      }
    }
    const answers = this.answers;
    this.items.forEach((item, i) => {
      const p = this.points[i] as number;
      answers[i * 4] = id;
      answers[i * 4 + 1] = item.code;
      answers[i * 4 + 2] = item.optionByPoints[p] as string;
      answers[i * 4 + 3] = p;
    });
    this.insertAnswers.run(answers);
  }
}
