import type { Cell, ReportRow, ReportTable } from '../../contract/reports';
import { formatReportDelta, formatReportValue } from '../../domain/reportFormat';
import { MONTH_NAMES } from '../../domain/reportPeriod';
import { clampLines, CONTENT_WIDTH, drawRight, INK, LIGHT, MARGIN, MUTED, RULE, textWidth, wrapText, ZEBRA, type Flow } from '../../writers/pdf/layout';

/**
 * The report's tables on A4: label columns on the left (wrapped), value columns right-aligned, the
 * header repeated on every page the table continues on, the total row in bold.
 */

const PAD = 4;
/** Font sizes tried, largest first, until the value columns fit beside a readable label column. */
const SIZES = [8, 7.25, 6.5, 6];
const MIN_FIRST_LABEL = 86;
const MAX_SINGLE_LABEL = 300;
/** Lines a row label may take; a longer label ends with "…" (the full text is in the Excel file). */
const MAX_LABEL_LINES = 4;
/** A value column that holds words (the run-out column may read "Nessun impegno recente") wraps at this width. */
const WORDS_WIDTH = 64;

interface Layout {
  size: number;
  headerSize: number;
  line: number;
  labelWidths: number[];
  valueWidths: number[];
  headerLines: string[][];
  headerHeight: number;
}

function cellText(table: ReportTable, row: ReportRow, i: number): string {
  const column = table.columns[i]!;
  const cell = row.cells[i]!;
  return column.signed ? formatReportDelta(cell.value, row.format ?? column.format) || formatReportValue(cell, row.format ?? column.format) : formatReportValue(cell, row.format ?? column.format);
}

/** Dates and words may wrap at spaces; amounts, counts and shares never do ("€ 14.000.000,00" stays whole). */
const mayWrap = (table: ReportTable, i: number) => table.columns[i]!.format === 'date';

/**
 * Column widths: a value column is never narrower than its widest figure, so figures never overlap;
 * the font gets smaller until the label columns keep a readable width, and labels wrap.
 */
function layout(flow: Flow, table: ReportTable): Layout {
  const bold = flow.font(true);
  const regular = flow.font();
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  const labels = table.rowHeaders.length;
  let chosen: Omit<Layout, 'headerLines' | 'headerHeight' | 'line'> | null = null;
  for (const size of SIZES) {
    const headerSize = size - 0.5;
    const valueWidths = table.columns.map((c, i) => {
      const texts = rows.map((r) => ({ text: cellText(table, r, i), font: r === table.total ? bold : regular }));
      const widest = Math.max(0, ...texts.map((t) => textWidth(t.font, t.text, size)));
      const longestWord = Math.max(0, ...texts.flatMap((t) => t.text.split(' ').map((w) => textWidth(t.font, w, size))));
      const content = mayWrap(table, i) ? Math.min(widest, Math.max(WORDS_WIDTH, longestWord)) : widest;
      const headerWord = Math.max(...c.label.split(/\s+/).map((w) => textWidth(bold, w, headerSize)));
      return Math.max(content, headerWord, 26) + 2 * PAD;
    });
    const labelSpace = CONTENT_WIDTH - valueWidths.reduce((a, w) => a + w, 0);
    // later label columns (e.g. the year) get what their widest text needs, the first the rest
    const rest = table.rowHeaders.slice(1).map((h, k) =>
      Math.min(Math.max(textWidth(bold, h, headerSize), ...table.rows.map((r) => textWidth(regular, r.labels[k + 1] ?? '', size))) + 2 * PAD, 90),
    );
    const first = labelSpace - rest.reduce((a, w) => a + w, 0);
    chosen = { size, headerSize, labelWidths: [first, ...rest], valueWidths };
    if (first >= MIN_FIRST_LABEL) break;
  }
  const l = chosen!;
  if (labels === 1 && l.labelWidths[0]! > MAX_SINGLE_LABEL) {
    // a short table: give the room to the figures rather than to an empty label column
    const extra = l.labelWidths[0]! - MAX_SINGLE_LABEL;
    l.valueWidths = l.valueWidths.map((w) => w + extra / l.valueWidths.length);
    l.labelWidths[0] = MAX_SINGLE_LABEL;
  }
  const headerLines = [
    ...table.rowHeaders.map((h, i) => wrapText(bold, h, l.headerSize, l.labelWidths[i]! - 2 * PAD)),
    ...table.columns.map((c, i) => wrapText(bold, c.label, l.headerSize, l.valueWidths[i]! - 2 * PAD)),
  ];
  const headerHeight = Math.max(...headerLines.map((x) => x.length)) * (l.headerSize + 2) + 2 * PAD;
  return { ...l, line: l.size + 2.2, headerLines, headerHeight };
}

function drawHeader(flow: Flow, table: ReportTable, l: Layout): void {
  const page = flow.page;
  const bold = flow.font(true);
  page.drawRectangle({ x: MARGIN.left, y: flow.y - l.headerHeight, width: CONTENT_WIDTH, height: l.headerHeight, color: LIGHT });
  let x = MARGIN.left;
  l.headerLines.forEach((lines, i) => {
    const labels = table.rowHeaders.length;
    const isValue = i >= labels;
    const width = isValue ? l.valueWidths[i - labels]! : l.labelWidths[i]!;
    let y = flow.y - PAD - l.headerSize;
    for (const line of lines) {
      if (isValue) drawRight(page, bold, line, x + width - PAD, y, l.headerSize);
      else page.drawText(line, { x: x + PAD, y, size: l.headerSize, font: bold, color: INK });
      y -= l.headerSize + 2;
    }
    x += width;
  });
  flow.y -= l.headerHeight;
  page.drawLine({ start: { x: MARGIN.left, y: flow.y }, end: { x: MARGIN.left + CONTENT_WIDTH, y: flow.y }, thickness: 0.6, color: RULE });
}

function rowLines(flow: Flow, row: ReportRow, l: Layout, bold: boolean): string[][] {
  const font = flow.font(bold);
  return row.labels.map((label, i) => clampLines(font, label, l.size, l.labelWidths[i]! - 2 * PAD, MAX_LABEL_LINES));
}

function valueLines(flow: Flow, table: ReportTable, row: ReportRow, l: Layout, bold: boolean): string[][] {
  const font = flow.font(bold);
  return table.columns.map((_, i) => (mayWrap(table, i) ? wrapText(font, cellText(table, row, i), l.size, l.valueWidths[i]! - 2 * PAD) : [cellText(table, row, i)]));
}

function rowHeight(flow: Flow, table: ReportTable, row: ReportRow, l: Layout, bold: boolean): number {
  const lines = [...rowLines(flow, row, l, bold), ...valueLines(flow, table, row, l, bold)];
  return Math.max(1, ...lines.map((x) => x.length)) * l.line + 4;
}

function drawRow(flow: Flow, table: ReportTable, row: ReportRow, l: Layout, index: number, total: boolean): void {
  const font = flow.font(total);
  const labels = rowLines(flow, row, l, total);
  const values = valueLines(flow, table, row, l, total);
  const height = rowHeight(flow, table, row, l, total);
  const page = flow.page;
  if (total) page.drawLine({ start: { x: MARGIN.left, y: flow.y }, end: { x: MARGIN.left + CONTENT_WIDTH, y: flow.y }, thickness: 0.9, color: INK });
  else if (index % 2 === 1) page.drawRectangle({ x: MARGIN.left, y: flow.y - height, width: CONTENT_WIDTH, height, color: ZEBRA });
  let x = MARGIN.left;
  const top = flow.y - 3 - l.size + 1;
  labels.forEach((lines, i) => {
    lines.forEach((line, k) => page.drawText(line, { x: x + PAD, y: top - k * l.line, size: l.size, font, color: INK }));
    x += l.labelWidths[i]!;
  });
  table.columns.forEach((_, i) => {
    const cell: Cell = row.cells[i]!;
    values[i]!.forEach((line, k) => drawRight(flow.page, font, line, x + l.valueWidths[i]! - PAD, top - k * l.line, l.size, cell.flag ? MUTED : INK));
    x += l.valueWidths[i]!;
  });
  flow.y -= height;
}

/** Draws a table at the cursor, continuing on new pages with the header repeated. */
export function drawTable(flow: Flow, table: ReportTable, title = table.title): void {
  const l = layout(flow, table);
  const titleHeight = 16 + (table.note ? flow.textHeight(table.note, { size: 7.5 }) : 0);
  const first = table.rows[0] ?? table.total;
  flow.ensure(titleHeight + l.headerHeight + (first ? rowHeight(flow, table, first, l, false) : 0) + 4);
  flow.text(title, { size: 10, bold: true });
  if (table.note) flow.text(table.note, { size: 7.5, color: MUTED });
  flow.gap(2);
  drawHeader(flow, table, l);
  if (table.rows.length === 0) {
    flow.text('Nessun dato nel periodo.', { size: 8, color: MUTED }, MARGIN.left + PAD);
  }
  table.rows.forEach((row, index) => {
    if (flow.room < rowHeight(flow, table, row, l, false)) {
      flow.newPage();
      flow.text(`${title} (segue)`, { size: 9, bold: true, color: MUTED });
      drawHeader(flow, table, l);
    }
    drawRow(flow, table, row, l, index, false);
  });
  if (table.total) {
    flow.ensure(rowHeight(flow, table, table.total, l, true));
    drawRow(flow, table, table.total, l, 0, true);
  }
  flow.gap(12);
}

/**
 * A monthly series over many months as a grid (years × months): the same cells, in a page's width.
 * Rows of the series are keyed 'YYYY-MM'.
 */
export function monthGrid(table: ReportTable): ReportTable {
  const years = [...new Set(table.rows.map((r) => r.key.slice(0, 4)))];
  const byKey = new Map(table.rows.map((r) => [r.key, r.cells[0]!]));
  const empty: Cell = { value: null, flag: null, text: null };
  return {
    key: `${table.key}_griglia`,
    title: table.title,
    note: table.note,
    rowHeaders: ['Anno'],
    columns: MONTH_NAMES.map((m, i) => ({ key: String(i + 1).padStart(2, '0'), label: m, format: 'int' as const, total: 'none' as const })),
    rows: years.map((y) => ({
      key: y,
      labels: [y],
      cells: MONTH_NAMES.map((_, i) => byKey.get(`${y}-${String(i + 1).padStart(2, '0')}`) ?? { ...empty, text: '' }),
    })),
    total: null,
  };
}
