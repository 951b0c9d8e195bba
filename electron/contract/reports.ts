import { z } from 'zod';
import { method } from './define';
import type { JobStarted } from './jobs';
import { ANY_ROLE } from './roles';
import { isIsoDay, PERIOD_FORMAT_HINT, type ReportPeriod } from '../domain/reportPeriod';

/**
 * The Report area (issue #6, DOMAIN.md §6): the figures the Tavolo di coordinamento reads every six
 * months and every year, computed once per period as a `ReportModel` that the screen, the Excel
 * workbook and the PDF all render, so the three always show the same numbers.
 *
 * Privacy (DOMAIN.md §11): aggregates only, never a name or an identifier. A cell counting 1 or 2
 * people is suppressed ('lt3', shown «<3»); where a total would let one recompute it, another cell is
 * suppressed too ('nd', shown «n.d.»). A suppressed cell carries no value: the number never leaves
 * the service.
 */

export type SuppressionFlag = 'lt3' | 'nd';
export const SUPPRESSION_TEXT: Record<SuppressionFlag, string> = { lt3: '<3', nd: 'n.d.' };

/** One figure. `value` is null exactly when `flag` is set; `text` carries dates and words ('date' columns). */
export interface Cell {
  value: number | null;
  flag: SuppressionFlag | null;
  text?: string | null;
}

/**
 * How a value is written: int (count), euro (integer cents), pct (a share 0…1, shown with one decimal),
 * days (a number of days, may be .5 for a median), date (`text` is 'YYYY-MM-DD' or an Italian word).
 */
export type ValueFormat = 'int' | 'euro' | 'pct' | 'days' | 'date';

export interface ReportColumn {
  key: string;
  label: string;
  format: ValueFormat;
  /** 'sum': the total row is the column's sum (a =SUM formula in Excel when no cell is suppressed). */
  total: 'sum' | 'value' | 'none';
  /** The column is a previous-period comparison. */
  previous?: boolean;
  /** A change (current − previous): written with its sign, «+12», «−3». */
  signed?: boolean;
}

export interface ReportRow {
  key: string;
  /** One label per row header (a fund × line × year row has three). */
  labels: string[];
  cells: Cell[];
  /** The format of this row's cells when it differs from the columns' (a table of figures). */
  format?: ValueFormat;
}

export interface ReportTable {
  key: string;
  title: string;
  note?: string;
  /** Headers of the label columns. */
  rowHeaders: string[];
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The total row (labels: ['Totale', …]), or null. */
  total: ReportRow | null;
  /** How the table is drawn as a chart: bars for a breakdown, a line for a series over time. */
  chart?: { kind: 'bar' | 'line'; column: string };
}

export interface KeyFigure {
  key: string;
  label: string;
  format: ValueFormat;
  current: Cell;
  /** null when there is no previous period (programme to date) or the figure is not compared. */
  previous: Cell | null;
  /** current − previous, when both are shown. */
  delta: number | null;
  hint?: string;
}

export type SectionKey = 'accesso' | 'inserimenti' | 'formazione' | 'aziende' | 'persone' | 'autoimpiego' | 'bilancio';

export interface ReportSection {
  key: SectionKey;
  title: string;
  description: string;
  figures: KeyFigure[];
  tables: ReportTable[];
}

export interface ReportModel {
  /** Identifies this computation: exports given the id render exactly these figures. */
  id: string;
  programme: string;
  organisation: string;
  period: ReportPeriod;
  previous: ReportPeriod | null;
  /** Short labels for column headers: «1° sem. 2019», «2° sem. 2018». */
  periodShort: string;
  previousShort: string | null;
  /** When the figures were computed (ISO timestamp) and the date of issue ('YYYY-MM-DD'). */
  generatedAt: string;
  issuedOn: string;
  /** The page of key figures. */
  summary: KeyFigure[];
  sections: ReportSection[];
  /** Definitions and the privacy rule, printed with the figures. */
  notes: string[];
}

export const reportPeriodInput = z
  .string({ error: 'Periodo mancante' })
  .trim()
  .refine(
    (t) => {
      if (t === 'all' || /^\d{4}(-H[12])?$/i.test(t)) return true;
      const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t);
      return !!m && isIsoDay(m[1]!) && isIsoDay(m[2]!) && m[1]! <= m[2]!;
    },
    `Periodo non valido: ${PERIOD_FORMAT_HINT}`,
  );

const fileInput = z.object({
  period: reportPeriodInput,
  /** The model shown on screen: the file renders exactly those figures (recomputed if it has expired). */
  modelId: z.string().max(64).optional(),
}).strict();

export const reportsContract = {
  'reports.model': method<ReportModel>()({
    summary: 'Report per il Tavolo di coordinamento: le cifre aggregate del periodo e del periodo precedente.',
    input: z.object({ period: reportPeriodInput }).strict(),
    roles: ANY_ROLE,
  }),
  'reports.excel': method<JobStarted>()({
    summary: 'Report del periodo in Excel (una cartella: sintesi e un foglio per sezione).',
    input: fileInput,
    roles: ANY_ROLE,
  }),
  'reports.pdf': method<JobStarted>()({
    summary: 'Report del periodo in PDF (A4: copertina, cifre chiave, sezioni con tabelle e grafici).',
    input: fileInput,
    roles: ANY_ROLE,
  }),
};
