import ExcelJS from 'exceljs';
import { DATE_FORMAT, EURO_FORMAT, euroFormula, PERCENT_FORMAT } from '../../writers/excelFormats';
import { SUPPRESSION_TEXT, type Cell, type KeyFigure, type ReportModel, type ReportTable, type ValueFormat } from '../../contract/reports';

/**
 * The report as one Excel workbook: «Sintesi» (key figures with the previous period) and one sheet
 * per section, Italian headers, € / % / date formats, frozen header rows, a filter on each sheet's
 * main table, totals as =SUM formulas (with their cached results set, so a spreadsheet that
 * recalculates shows the same totals), derived money columns as formulas, document properties.
 * Renders the model only: the same figures as the screen and the PDF.
 */

const NUM_FMT: Record<ValueFormat, string> = {
  int: '#,##0',
  euro: EURO_FORMAT,
  pct: PERCENT_FORMAT,
  days: '#,##0.0',
  date: DATE_FORMAT,
};
/** Changes keep their sign: +12, −3. */
const SIGNED_FMT: Record<ValueFormat, string> = {
  int: '+#,##0;-#,##0;0',
  euro: '+"€" #,##0.00;-"€" #,##0.00;"€" 0.00',
  pct: '+0.0%;-0.0%;0.0%',
  days: '+#,##0.0;-#,##0.0;0',
  date: 'dd/mm/yyyy',
};
const SHEET_NAMES: Record<string, string> = {
  accesso: 'Accesso e colloqui',
  inserimenti: 'Inserimenti',
  formazione: 'Formazione e percorsi',
  aziende: 'Aziende',
  persone: 'Persone',
  autoimpiego: 'Autoimpiego',
  bilancio: 'Bilancio',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
const TOTAL_BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' } };
const HEADER_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin' } };

/** Euros in the sheet (the model carries integer cents). */
const toSheet = (value: number, format: ValueFormat) => (format === 'euro' ? value / 100 : value);

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Writes one model cell; returns true when it holds a number (a SUM may rely on it). */
function writeCell(target: ExcelJS.Cell, cell: Cell, format: ValueFormat): boolean {
  if (cell.flag) {
    target.value = SUPPRESSION_TEXT[cell.flag];
    target.alignment = { horizontal: 'right' };
    return false;
  }
  if (format === 'date') {
    const text = cell.text ?? '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      target.value = isoToDate(text);
      target.numFmt = NUM_FMT.date;
    } else {
      target.value = text || '—';
    }
    target.alignment = { horizontal: 'right' };
    return false;
  }
  if (cell.value === null) {
    target.value = '—';
    target.alignment = { horizontal: 'right' };
    return false;
  }
  target.value = toSheet(cell.value, format);
  target.numFmt = NUM_FMT[format];
  return true;
}

const col = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

interface Placed {
  headerRow: number;
  firstRow: number;
  lastRow: number;
  lastColumn: number;
}

/**
 * Money columns that are computed from others in the same row: written as formulas (with results),
 * so the sheet stays right if someone edits an amount.
 */
function derivedFormula(key: string, colOf: (key: string) => number | null, row: number): string | null {
  const allocated = colOf('assegnato');
  const committed = colOf('impegnato');
  if (allocated === null || committed === null) return null;
  if (key === 'disponibile') return euroFormula(`${col(allocated)}${row}-${col(committed)}${row}`);
  if (key === 'utilizzo') return `IF(${col(allocated)}${row}>0,${col(committed)}${row}/${col(allocated)}${row},"")`;
  return null;
}

function writeTable(sheet: ExcelJS.Worksheet, table: ReportTable, startRow: number): Placed {
  let r = startRow;
  const title = sheet.getCell(r, 1);
  title.value = table.title;
  title.font = { bold: true, size: 12 };
  r++;
  if (table.note) {
    const note = sheet.getCell(r, 1);
    note.value = table.note;
    note.font = { italic: true, color: { argb: 'FF4B5563' } };
    r++;
  }
  const labels = table.rowHeaders.length;
  const headerRow = r;
  const header = sheet.getRow(r);
  table.rowHeaders.forEach((h, i) => (header.getCell(i + 1).value = h));
  table.columns.forEach((c, i) => {
    const cell = header.getCell(labels + i + 1);
    cell.value = c.label;
    cell.alignment = { horizontal: 'right', wrapText: true };
  });
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
  });
  r++;
  const colOf = (key: string) => {
    const i = table.columns.findIndex((c) => c.key === key);
    return i < 0 ? null : labels + i + 1;
  };
  const firstRow = r;
  const numeric = table.columns.map(() => true);
  for (const row of table.rows) {
    const line = sheet.getRow(r);
    row.labels.forEach((l, i) => (line.getCell(i + 1).value = /^\d{4}$/.test(l) && labels > 1 ? Number(l) : l));
    table.columns.forEach((c, i) => {
      const target = line.getCell(labels + i + 1);
      const format = row.format ?? c.format;
      const cell = row.cells[i]!;
      const formula = cell.flag === null ? derivedFormula(c.key, colOf, r) : null;
      if (formula && cell.value !== null) {
        target.value = { formula, result: toSheet(cell.value, format) };
        target.numFmt = NUM_FMT[format];
      } else if (c.key === 'delta' && table.columns[0]?.key === 'current' && cell.value !== null) {
        // a figures table: the change is this period minus the previous one
        const delta = `${col(labels + 1)}${r}-${col(labels + 2)}${r}`;
        target.value = { formula: format === 'euro' ? euroFormula(delta) : delta, result: toSheet(cell.value, format) };
        target.numFmt = SIGNED_FMT[format];
      } else if (!writeCell(target, cell, format)) {
        numeric[i] = false;
      }
    });
    r++;
  }
  const lastRow = r - 1;
  if (table.total) {
    const line = sheet.getRow(r);
    table.total.labels.forEach((l, i) => (line.getCell(i + 1).value = l || null));
    table.columns.forEach((c, i) => {
      const target = line.getCell(labels + i + 1);
      const cell = table.total!.cells[i]!;
      const letter = col(labels + i + 1);
      const formula = cell.flag === null ? derivedFormula(c.key, colOf, r) : null;
      if (c.total === 'sum' && numeric[i] && cell.flag === null && cell.value !== null && table.rows.length > 0) {
        const sum = `SUM(${letter}${firstRow}:${letter}${lastRow})`;
        target.value = { formula: c.format === 'euro' ? euroFormula(sum) : sum, result: toSheet(cell.value, c.format) };
        target.numFmt = NUM_FMT[c.format];
      } else if (formula && cell.value !== null) {
        target.value = { formula, result: toSheet(cell.value, c.format) };
        target.numFmt = NUM_FMT[c.format];
      } else {
        writeCell(target, cell, c.format);
      }
    });
    line.eachCell((cell) => {
      cell.font = { bold: true };
      cell.border = TOTAL_BORDER;
    });
    r++;
  }
  return { headerRow, firstRow, lastRow, lastColumn: labels + table.columns.length };
}

function sheetTitle(sheet: ExcelJS.Worksheet, title: string, subtitle: string): void {
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = subtitle;
  sheet.getCell('A2').font = { color: { argb: 'FF4B5563' } };
}

function sizeColumns(sheet: ExcelJS.Worksheet, labelColumns: number, valueColumns: number): void {
  for (let c = 1; c <= labelColumns; c++) sheet.getColumn(c).width = c === 1 ? 46 : 28;
  for (let c = labelColumns + 1; c <= labelColumns + valueColumns; c++) sheet.getColumn(c).width = 17;
}

function summaryTable(model: ReportModel): ReportTable {
  const previous = model.previousShort;
  return {
    key: 'sintesi',
    title: 'Cifre chiave',
    rowHeaders: ['Indicatore'],
    columns: [
      { key: 'current', label: model.periodShort, format: 'int', total: 'none' },
      ...(previous
        ? [
            { key: 'previous', label: previous, format: 'int' as const, total: 'none' as const, previous: true },
            { key: 'delta', label: 'Variazione', format: 'int' as const, total: 'none' as const, signed: true },
          ]
        : []),
    ],
    rows: model.summary.map((f: KeyFigure) => ({
      key: f.key,
      labels: [f.label],
      format: f.format,
      cells: previous ? [f.current, f.previous ?? { value: null, flag: null }, { value: f.delta, flag: null }] : [f.current],
    })),
    total: null,
  };
}

const FILE_SAFE = (s: string) => s.replace(/[^\w.-]+/g, '_');
export function reportFileName(model: ReportModel, extension: 'xlsx' | 'pdf'): string {
  const period = model.period.kind === 'programma' ? `programma-al-${model.period.to}` : model.period.code.replace('..', '_');
  return `report-ixl-${FILE_SAFE(period)}.${extension}`;
}

/** The workbook of the report, to be written to a buffer or a stream. */
export function buildReportWorkbook(model: ReportModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IXL Desk';
  wb.lastModifiedBy = 'IXL Desk';
  wb.company = model.organisation;
  wb.title = `Report per il Tavolo di coordinamento – ${model.programme}`;
  wb.subject = `Periodo: ${model.period.label}`;
  wb.category = 'Report semestrale e annuale';
  wb.keywords = `${model.programme}; ${model.period.code}`;
  wb.description = `${model.period.label}${model.previous ? `; confronto con ${model.previous.label}` : ''}. Emesso il ${model.issuedOn.split('-').reverse().join('/')}. Solo dati aggregati.`;
  wb.created = new Date(model.generatedAt);
  wb.modified = new Date(model.generatedAt);

  // Sintesi
  const summary = wb.addWorksheet('Sintesi', { properties: { defaultRowHeight: 16 } });
  sheetTitle(summary, `${model.programme} – Report per il Tavolo di coordinamento`, `${model.period.label}${model.previous ? ` · confronto con ${model.previous.label}` : ''} · emesso il ${model.issuedOn.split('-').reverse().join('/')}`);
  const placed = writeTable(summary, summaryTable(model), 4);
  summary.views = [{ state: 'frozen', ySplit: placed.headerRow }];
  summary.autoFilter = { from: { row: placed.headerRow, column: 1 }, to: { row: placed.lastRow, column: placed.lastColumn } };
  let r = placed.lastRow + 2;
  for (const note of model.notes) {
    summary.getCell(r, 1).value = note;
    summary.getCell(r, 1).font = { italic: true, color: { argb: 'FF4B5563' } };
    r++;
  }
  sizeColumns(summary, 1, 3);
  summary.getColumn(1).width = 60;

  for (const section of model.sections) {
    const sheet = wb.addWorksheet(SHEET_NAMES[section.key] ?? section.title.slice(0, 31));
    sheetTitle(sheet, section.title, `${model.period.label} · ${section.description}`);
    let row = 4;
    let first: Placed | null = null;
    let main: Placed | null = null;
    let mainSize = -1;
    let labelColumns = 1;
    let valueColumns = 1;
    for (const table of section.tables) {
      const p = writeTable(sheet, table, row);
      first ??= p;
      // the filter goes on the sheet's biggest table
      if (table.rows.length > mainSize) {
        main = p;
        mainSize = table.rows.length;
      }
      labelColumns = Math.max(labelColumns, table.rowHeaders.length);
      valueColumns = Math.max(valueColumns, table.columns.length);
      row = p.lastRow + (table.total ? 3 : 2);
    }
    if (first) sheet.views = [{ state: 'frozen', ySplit: first.headerRow }];
    if (main) sheet.autoFilter = { from: { row: main.headerRow, column: 1 }, to: { row: main.lastRow, column: main.lastColumn } };
    sizeColumns(sheet, labelColumns, valueColumns);
  }
  return wb;
}

export async function reportWorkbook(model: ReportModel): Promise<Buffer> {
  return Buffer.from(await buildReportWorkbook(model).xlsx.writeBuffer());
}
