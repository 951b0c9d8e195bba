import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { COMMITMENT_KIND_LABELS, PAYMENT_KIND_LABELS, type CommitmentKind, type PaymentKind } from '../../contract/budget';
import type { JobStarted } from '../../contract/jobs';
import type { ServiceContext } from '../context';
import { startFileJob } from '../../jobs/start';
import type { TaskEnv, TaskResult } from '../../jobs/tasks';
import { DATE_FORMAT, EURO_FORMAT, euroFormula, PERCENT_FORMAT, XLSX_MIME } from '../../writers/excelFormats';
import { openSnapshot } from '../../../db/snapshot';
import { loadAllocations, personName, sumCents, type AllocationInfo } from './common';
import { ledgerPage, ledgerExportQuery, type LedgerExportRow, type LedgerFilterValues } from './ledger';
import { XlsxSheetStream, type XlsxColumn, type XlsxValue } from '../../writers/xlsxStream';
import { overviewOf, type BudgetOverviewOptions } from './overview';

/**
 * Excel exports of the Bilancio: Italian headers, € number format, frozen header row, filters, totals
 * as formulas (=SUM) with their computed result. Amounts are integer cents until this edge, where
 * they become euros (cents / 100) for Excel.
 */

const EURO_STYLE: Partial<ExcelJS.Style> = { numFmt: EURO_FORMAT };
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
const PERCENT_STYLE: Partial<ExcelJS.Style> = { numFmt: PERCENT_FORMAT };

const euros = (cents: number) => cents / 100;
function excelDate(date: string | null): Date | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** 'YYYY-MM-DD' → the Excel serial day number (days since 1899-12-30), integer arithmetic. */
export function excelSerial(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

/** Names of the people and companies linked to commitments, loaded once before the rows. */
interface Names {
  people: Map<number, string | null>;
  companies: Map<number, string>;
}

export interface LedgerColumn extends XlsxColumn {
  value: (r: LedgerExportRow, a: AllocationInfo | undefined, names: Names) => XlsxValue;
  sum?: 0 | 1;
}

const kindLabel = (r: LedgerExportRow) => (r[0] === 0 ? COMMITMENT_KIND_LABELS[r[2] as CommitmentKind] : PAYMENT_KIND_LABELS[r[2] as PaymentKind]) ?? r[2];

export const LEDGER_SHEET = 'Movimenti';
export const LEDGER_TITLE = 'Movimenti di bilancio — Insieme per il lavoro';

export const LEDGER_COLUMNS: LedgerColumn[] = [
  { header: 'Data', width: 12, kind: 'date', value: (r) => excelSerial(r[3]) },
  { header: 'Movimento', width: 22, kind: 'text', value: kindLabel },
  { header: 'N. movimento', width: 13, kind: 'int', value: (r) => r[1] },
  { header: 'N. impegno', width: 12, kind: 'int', value: (r) => r[5] },
  { header: 'Fondo', width: 40, kind: 'text', value: (_r, a) => a?.fundName ?? null },
  { header: 'Anno', width: 8, kind: 'int', value: (_r, a) => a?.year ?? null },
  { header: 'Voce di spesa', width: 30, kind: 'text', value: (_r, a) => a?.lineName ?? null },
  { header: 'Impegnato', width: 15, kind: 'euro', value: (r) => (r[0] === 0 ? r[4] : null), sum: 0 },
  { header: 'Liquidato', width: 15, kind: 'euro', value: (r) => (r[0] === 1 ? r[4] : null), sum: 1 },
  { header: 'Atto / documento', width: 18, kind: 'text', value: (r) => r[7] },
  { header: 'Descrizione', width: 50, kind: 'text', value: (r) => r[8] },
  { header: 'Beneficiario', width: 30, kind: 'text', value: (r) => r[9] },
  { header: 'Persona', width: 26, kind: 'text', value: (r, _a, n) => (r[10] === null ? null : (n.people.get(r[10]) ?? null)) },
  { header: 'Azienda', width: 30, kind: 'text', value: (r, _a, n) => (r[11] === null ? null : (n.companies.get(r[11]) ?? null)) },
  { header: 'Motivo della deroga', width: 30, kind: 'text', value: (r) => r[12] },
];

/** What a ledger export wrote: the data rows and the totals of the two money columns. */
export interface LedgerTotals {
  rows: number;
  committedCents: number;
  paidCents: number;
}

/**
 * Reads the ledger matching `filter`, oldest first, and hands each row to `each` as cell values in
 * LEDGER_COLUMNS order (euros as integer cents, dates as serial day numbers); a promise returned by
 * `each` is awaited, so a writer can let its output drain. The rows come from one sorted query run
 * on a read-only snapshot of its own (db/snapshot.ts: a consistent view while the app keeps working)
 * and are handed on as they come: memory stays flat whatever the number of rows.
 */
export async function forEachLedgerRow(
  location: string,
  db: Kysely<DB>,
  filter: LedgerFilterValues,
  each: (values: XlsxValue[]) => Promise<void> | null,
): Promise<LedgerTotals> {
  const allocations = new Map((await loadAllocations(db)).map((a) => [a.id, a]));
  const query = await ledgerExportQuery(db, filter);
  const totals: LedgerTotals = { rows: 0, committedCents: 0, paidCents: 0 };
  if (!query) return totals;
  const snapshot = await openSnapshot(location);
  try {
    const names: Names = { people: new Map(), companies: new Map() };
    for await (const [id, lastName, firstName] of snapshot.rows('SELECT id, last_name, first_name FROM people WHERE id IN (SELECT person_id FROM commitment_totals WHERE person_id IS NOT NULL)')) {
      names.people.set(id as number, personName(lastName as string, firstName as string));
    }
    for await (const [id, name] of snapshot.rows('SELECT id, name FROM companies WHERE id IN (SELECT company_id FROM commitment_totals WHERE company_id IS NOT NULL)')) {
      names.companies.set(id as number, name as string);
    }
    for await (const values of snapshot.rows(query.sql, query.parameters)) {
      const row = values as LedgerExportRow;
      const allocation = allocations.get(row[6]);
      const flushed = each(LEDGER_COLUMNS.map((c) => c.value(row, allocation, names)));
      if (flushed) await flushed;
      if (row[0] === 0) totals.committedCents = sumCents(totals.committedCents, row[4]);
      else totals.paidCents = sumCents(totals.paidCents, row[4]);
      totals.rows++;
    }
  } finally {
    await snapshot.close();
  }
  return totals;
}

/**
 * The ledger matching `filter` streamed to `out` as an .xlsx (xlsxStream.ts) with a totals row
 * (=SUM of committed and paid, with their computed results). `onRow` is called after each row.
 */
export async function writeLedgerXlsx(location: string, db: Kysely<DB>, filter: LedgerFilterValues, out: Writable, onRow?: (rows: number) => void): Promise<LedgerTotals> {
  const sheet = new XlsxSheetStream(out, { sheetName: LEDGER_SHEET, title: LEDGER_TITLE, columns: LEDGER_COLUMNS });
  await sheet.start();
  let written = 0;
  const totals = await forEachLedgerRow(location, db, filter, (values) => {
    const flushed = sheet.addRow(values);
    onRow?.(++written);
    return flushed;
  });
  await sheet.addTotals(
    'Totale',
    LEDGER_COLUMNS.map((c, i) => (c.sum === undefined ? null : { formula: euroFormula(`SUM(${sheet.dataRange(i)})`), resultCents: c.sum === 0 ? totals.committedCents : totals.paidCents })),
  );
  await sheet.finish();
  return totals;
}

/** The ledger export job (worker side): progress per row against the count of matching rows. */
export async function ledgerTask(env: TaskEnv, input: { filter: LedgerFilterValues }): Promise<TaskResult> {
  env.progress(0, 0, 'Conteggio dei movimenti…');
  const { total } = await ledgerPage(env.db, input.filter, 1, 1);
  const { rows } = await writeLedgerXlsx(env.location, env.db, input.filter, env.out, (done) => env.progress(done, total, 'Scrittura dei movimenti'));
  return { rows };
}

export async function exportLedger(ctx: ServiceContext, { filter }: { filter: LedgerFilterValues }): Promise<JobStarted> {
  return startFileJob(ctx, 'budget.ledger', { filter }, { fileName: `movimenti-bilancio-${ctx.clock.today()}.xlsx`, mimeType: XLSX_MIME }, ({ rows }) => ({
    read: true,
    action: 'esporta',
    entity: 'movimenti_bilancio',
    after: { rows, filter },
  }));
}

export async function exportOverview(ctx: ServiceContext, options: BudgetOverviewOptions): Promise<JobStarted> {
  return startFileJob(ctx, 'budget.overview', { options }, { fileName: `quadro-bilancio-${ctx.clock.today()}.xlsx`, mimeType: XLSX_MIME }, ({ rows }) => ({
    read: true,
    action: 'esporta',
    entity: 'quadro_bilancio',
    after: { rows, options },
  }));
}

/** The overview to Excel: sheet «Quadro» (fund × year × line) and sheet «Fondi» (totals, burn rate, run-out). */
export async function overviewTask(env: TaskEnv, input: { options: BudgetOverviewOptions }): Promise<TaskResult> {
  env.progress(0, 2, 'Calcolo del quadro…');
  const overview = await overviewOf(env.db, input.options);
  env.progress(1, 2, 'Scrittura del file…');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'IXL Desk';
  workbook.title = 'Quadro del bilancio — Insieme per il lavoro';
  const fundNames = new Map(overview.funds.map((f) => [f.fundId, f.name]));

  const quadro = workbook.addWorksheet('Quadro', { views: [{ state: 'frozen', ySplit: 1 }] });
  quadro.columns = [
    { header: 'Fondo', key: 'fund', width: 44 },
    { header: 'Anno', key: 'year', width: 8 },
    { header: 'Voce di spesa', key: 'line', width: 32 },
    { header: 'Assegnato', key: 'allocated', width: 16, style: EURO_STYLE },
    { header: 'Impegnato', key: 'committed', width: 16, style: EURO_STYLE },
    { header: 'Liquidato', key: 'paid', width: 16, style: EURO_STYLE },
    { header: 'Disponibile', key: 'available', width: 16, style: EURO_STYLE },
    { header: 'Da liquidare', key: 'toPay', width: 16, style: EURO_STYLE },
    { header: '% impegnato', key: 'used', width: 13, style: PERCENT_STYLE },
  ];
  quadro.getRow(1).font = { bold: true };
  overview.rows.forEach((r, i) => {
    const n = i + 2;
    quadro.addRow({
      fund: fundNames.get(r.fundId) ?? '',
      year: r.year,
      line: r.lineName,
      allocated: euros(r.allocatedCents),
      committed: euros(r.committedCents),
      paid: euros(r.paidCents),
      available: { formula: euroFormula(`D${n}-E${n}`), result: euros(r.availableCents) },
      toPay: { formula: euroFormula(`E${n}-F${n}`), result: euros(r.toPayCents) },
      used: { formula: `IF(D${n}=0,"",E${n}/D${n})`, result: r.allocatedCents > 0 ? r.committedCents / r.allocatedCents : '' },
    });
  });
  const lastRow = overview.rows.length + 1;
  const totalRow = quadro.addRow({ fund: 'Totale' });
  totalRow.font = { bold: true };
  const t = overview.total;
  const sums: [string, number][] = [
    ['D', t.allocatedCents],
    ['E', t.committedCents],
    ['F', t.paidCents],
    ['G', t.availableCents],
    ['H', t.toPayCents],
  ];
  for (const [col, cents] of sums) totalRow.getCell(col).value = { formula: euroFormula(`SUM(${col}2:${col}${lastRow})`), result: euros(cents) };
  const tn = lastRow + 1;
  totalRow.getCell('I').value = { formula: `IF(D${tn}=0,"",E${tn}/D${tn})`, result: t.allocatedCents > 0 ? t.committedCents / t.allocatedCents : '' };
  quadro.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: 9 } };

  const fondi = workbook.addWorksheet('Fondi', { views: [{ state: 'frozen', ySplit: 1 }] });
  fondi.columns = [
    { header: 'Fondo', key: 'name', width: 44 },
    { header: 'Periodo', key: 'period', width: 12 },
    { header: 'Importo del fondo', key: 'amount', width: 18, style: EURO_STYLE },
    { header: 'Assegnato', key: 'allocated', width: 16, style: EURO_STYLE },
    { header: 'Non assegnato', key: 'unallocated', width: 16, style: EURO_STYLE },
    { header: 'Impegnato', key: 'committed', width: 16, style: EURO_STYLE },
    { header: 'Liquidato', key: 'paid', width: 16, style: EURO_STYLE },
    { header: 'Disponibile', key: 'available', width: 16, style: EURO_STYLE },
    { header: '% impegnato', key: 'used', width: 13, style: PERCENT_STYLE },
    { header: `Impegni al mese (ultimi ${overview.months} mesi)`, key: 'burn', width: 20, style: EURO_STYLE },
    { header: `Liquidazioni al mese (ultimi ${overview.months} mesi)`, key: 'paidBurn', width: 20, style: EURO_STYLE },
    { header: 'Esaurimento previsto', key: 'runOut', width: 20, style: DATE_STYLE },
  ];
  fondi.getRow(1).font = { bold: true };
  overview.funds.forEach((f, i) => {
    const n = i + 2;
    fondi.addRow({
      name: f.name,
      period: `${f.startYear}–${f.endYear}`,
      amount: euros(f.amountCents),
      allocated: euros(f.allocatedCents),
      unallocated: { formula: euroFormula(`C${n}-D${n}`), result: euros(f.unallocatedCents) },
      committed: euros(f.committedCents),
      paid: euros(f.paidCents),
      available: { formula: euroFormula(`D${n}-F${n}`), result: euros(f.availableCents) },
      used: { formula: `IF(D${n}=0,"",F${n}/D${n})`, result: f.allocatedCents > 0 ? f.committedCents / f.allocatedCents : '' },
      burn: euros(f.committedPerMonthCents),
      paidBurn: euros(f.paidPerMonthCents),
      runOut: f.projectedRunOut ? excelDate(f.projectedRunOut) : f.runOutStatus === 'esaurito' ? 'esaurito' : 'nessun impegno recente',
    });
  });
  const fundsLast = overview.funds.length + 1;
  const fundsTotal = fondi.addRow({ name: 'Totale' });
  fundsTotal.font = { bold: true };
  const fundSums: [string, number][] = [
    ['C', t.amountCents],
    ['D', t.allocatedCents],
    ['E', t.unallocatedCents],
    ['F', t.committedCents],
    ['G', t.paidCents],
    ['H', t.availableCents],
  ];
  for (const [col, cents] of fundSums) fundsTotal.getCell(col).value = { formula: euroFormula(`SUM(${col}2:${col}${fundsLast})`), result: euros(cents) };
  fondi.autoFilter = { from: { row: 1, column: 1 }, to: { row: fundsLast, column: 12 } };

  await workbook.xlsx.write(env.out);
  return { rows: overview.rows.length };
}
