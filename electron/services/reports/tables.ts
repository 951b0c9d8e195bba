import type { Cell, KeyFigure, ReportColumn, ReportRow, ReportTable, ValueFormat } from '../../contract/reports';
import { delta, plain, share, shown, suppressBreakdown, type SuppressedBreakdown } from './suppression';

/**
 * Builders of the report's tables and figures: every breakdown goes through the suppression rules
 * (suppression.ts) column by column, so what the model carries is exactly what may be shown.
 */

export interface RowSpec {
  key: string;
  labels: string[];
}

/** One measured column of a table: raw values per row and how they are protected. */
export interface MeasureSpec {
  key: string;
  label: string;
  format: ValueFormat;
  values: number[];
  /** Counts of people: suppressed as a breakdown. Otherwise (companies, euros) shown as they are. */
  people: boolean;
  previous?: boolean;
  /** Adds a «%» column of each row's share of this column's total, after it. */
  withShare?: boolean;
  /** The total of a people column when it is not the plain sum (never: kept for clarity). */
  total?: number;
  /** Cells already protected with every standard period (linked.ts) or rounded: used as they are. */
  suppressed?: SuppressedBreakdown;
  /** Rounded counts (a custom range): the total is rounded on its own, so it is not the sum of the rows. */
  rounded?: boolean;
}

export interface BuiltTable extends ReportTable {
  /** The suppressed breakdowns by measure key, for subtotals and figures that reuse their cells. */
  breakdowns: Map<string, SuppressedBreakdown>;
}

/** A breakdown table: rows × measures, each measure a column (plus its «%» column), with a total row. */
export function breakdownTable(spec: {
  key: string;
  title: string;
  note?: string;
  rowHeaders: string[];
  rows: RowSpec[];
  measures: MeasureSpec[];
  chart?: ReportTable['chart'];
  /** Drop rows whose every measure is 0 (e.g. the comuni nobody came from). */
  dropEmptyRows?: boolean;
}): BuiltTable {
  let rows = spec.rows;
  let measures = spec.measures;
  if (spec.dropEmptyRows) {
    const keep = rows.map((_, i) => measures.some((m) => (m.values[i] ?? 0) !== 0));
    rows = rows.filter((_, i) => keep[i]);
    measures = measures.map((m) => ({
      ...m,
      values: m.values.filter((_, i) => keep[i]),
      ...(m.suppressed ? { suppressed: { cells: m.suppressed.cells.filter((_, i) => keep[i]), total: m.suppressed.total } } : {}),
    }));
  }
  const columns: ReportColumn[] = [];
  const columnCells: Cell[][] = [];
  const totals: Cell[] = [];
  const breakdowns = new Map<string, SuppressedBreakdown>();
  for (const m of measures) {
    const sum = m.values.reduce((a, v) => a + v, 0);
    const b: SuppressedBreakdown = m.suppressed ?? (m.people ? suppressBreakdown(m.values, m.total ?? sum) : { cells: m.values.map(plain), total: plain(sum) });
    breakdowns.set(m.key, b);
    columns.push({ key: m.key, label: m.label, format: m.format, total: m.rounded ? 'value' : 'sum', previous: m.previous });
    columnCells.push(b.cells);
    totals.push(b.total);
    if (m.withShare) {
      columns.push({ key: `${m.key}_pct`, label: '%', format: 'pct', total: 'value', previous: m.previous });
      columnCells.push(b.cells.map((c) => share(c, b.total)));
      totals.push(b.total.flag === null && (b.total.value ?? 0) > 0 ? shown(1) : { value: null, flag: b.total.flag });
    }
  }
  return {
    key: spec.key,
    title: spec.title,
    note: spec.note,
    rowHeaders: spec.rowHeaders,
    columns,
    rows: rows.map((r, i) => ({ key: r.key, labels: r.labels, cells: columnCells.map((cells) => cells[i]!) })),
    total: { key: 'totale', labels: ['Totale', ...spec.rowHeaders.slice(1).map(() => '')], cells: totals },
    chart: spec.chart,
    breakdowns,
  };
}

/** Removes the builder's bookkeeping: what goes into the model. */
export function publicTable(t: BuiltTable): ReportTable {
  const { breakdowns: _b, ...table } = t;
  return table;
}

export function figure(key: string, label: string, format: ValueFormat, current: Cell, previous: Cell | null, hint?: string): KeyFigure {
  return { key, label, format, current, previous, delta: format === 'date' ? null : delta(current, previous), ...(hint ? { hint } : {}) };
}

/** A table whose rows are figures (label, this period, previous period). */
export function figuresTable(key: string, title: string, figures: KeyFigure[], periodLabel: string, previousLabel: string | null): ReportTable {
  const columns: ReportColumn[] = [{ key: 'current', label: periodLabel, format: 'int', total: 'none' }];
  if (previousLabel) {
    columns.push({ key: 'previous', label: previousLabel, format: 'int', total: 'none', previous: true });
    columns.push({ key: 'delta', label: 'Variazione', format: 'int', total: 'none', signed: true });
  }
  const rows: ReportRow[] = figures.map((f) => ({
    key: f.key,
    labels: [f.label],
    format: f.format,
    cells: previousLabel ? [f.current, f.previous ?? { value: null, flag: null }, { value: f.delta, flag: null }] : [f.current],
  }));
  return { key, title, rowHeaders: ['Indicatore'], columns, rows, total: null };
}
