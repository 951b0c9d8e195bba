import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { COMMITMENT_KIND_LABELS, PAYMENT_KIND_LABELS, type CommitmentKind, type ExportFile, type PaymentKind } from '../../contract/budget';
import { todayIso } from '../../domain/dates';
import { audit, type ServiceContext } from '../context';
import { openSqlite } from '../../../db/connection';
import { loadAllocations, personName, sumCents, type AllocationInfo } from './common';
import { ledgerExportQuery, type LedgerExportRow, type LedgerFilterValues } from './ledger';
import { XlsxSheetStream, type XlsxColumn, type XlsxValue } from '../../writers/xlsxStream';
import { budgetOverview, type BudgetOverviewOptions } from './overview';

/**
 * Excel exports of the Bilancio: Italian headers, € number format, frozen header row, filters, totals
 * as formulas (=SUM) with their computed result. Amounts are integer cents until this edge, where
 * they become euros (cents / 100) for Excel.
 */

const EURO = '"€" #,##0.00;-"€" #,##0.00';
const EURO_STYLE: Partial<ExcelJS.Style> = { numFmt: EURO };
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy' };
const PERCENT_STYLE: Partial<ExcelJS.Style> = { numFmt: '0.0%' };

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

interface LedgerColumn extends XlsxColumn {
  value: (r: LedgerExportRow, a: AllocationInfo | undefined, names: Names) => XlsxValue;
  sum?: 0 | 1;
}

const kindLabel = (r: LedgerExportRow) => (r[0] === 0 ? COMMITMENT_KIND_LABELS[r[2] as CommitmentKind] : PAYMENT_KIND_LABELS[r[2] as PaymentKind]) ?? r[2];

const LEDGER_COLUMNS: LedgerColumn[] = [
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

/**
 * Streams the ledger matching `filter` to an .xlsx (xlsxStream.ts), oldest first, with a totals row
 * (=SUM of committed and paid, with their computed results). The rows come from one sorted query run
 * on a separate read-only connection to `dbFile` (WAL: it reads a consistent snapshot while the app
 * keeps working on its own connection) and are written as they come: memory stays flat whatever the
 * number of rows (SQLite spills a large sort to a temporary file).
 */
export async function writeLedgerXlsx(
  dbFile: string,
  db: Kysely<DB>,
  filter: LedgerFilterValues,
  target: { filename: string } | { stream: Writable },
): Promise<{ rows: number; committedCents: number; paidCents: number }> {
  const out = 'filename' in target ? fs.createWriteStream(target.filename) : target.stream;
  const done = 'filename' in target ? new Promise<void>((resolve, reject) => out.once('close', () => resolve()).once('error', reject)) : Promise.resolve();
  const sheet = new XlsxSheetStream(out, { sheetName: 'Movimenti', title: 'Movimenti di bilancio — Insieme per il lavoro', columns: LEDGER_COLUMNS });
  await sheet.start();
  const allocations = new Map((await loadAllocations(db)).map((a) => [a.id, a]));
  const query = await ledgerExportQuery(db, filter);
  let rows = 0;
  let committed = 0;
  let paid = 0;
  if (query) {
    const reader = openSqlite(dbFile, { readonly: true });
    try {
      reader.pragma('cache_size = -32768');
      const names: Names = { people: new Map(), companies: new Map() };
      for (const p of reader
        .prepare('SELECT id, last_name, first_name FROM people WHERE id IN (SELECT person_id FROM commitment_totals WHERE person_id IS NOT NULL)')
        .iterate() as IterableIterator<{ id: number; last_name: string; first_name: string }>) {
        names.people.set(p.id, personName(p.last_name, p.first_name));
      }
      for (const c of reader
        .prepare('SELECT id, name FROM companies WHERE id IN (SELECT company_id FROM commitment_totals WHERE company_id IS NOT NULL)')
        .iterate() as IterableIterator<{ id: number; name: string }>) {
        names.companies.set(c.id, c.name);
      }
      const statement = reader.prepare(query.sql).raw(true);
      for (const row of statement.iterate(...query.parameters) as IterableIterator<LedgerExportRow>) {
        const allocation = allocations.get(row[6]);
        const flushed = sheet.addRow(LEDGER_COLUMNS.map((c) => c.value(row, allocation, names)));
        if (flushed) await flushed;
        if (row[0] === 0) committed = sumCents(committed, row[4]);
        else paid = sumCents(paid, row[4]);
        rows++;
      }
    } finally {
      reader.close();
    }
  }
  await sheet.addTotals(
    'Totale',
    LEDGER_COLUMNS.map((c, i) => (c.sum === undefined ? null : { formula: `SUM(${sheet.dataRange(i)})`, resultCents: c.sum === 0 ? committed : paid })),
  );
  await sheet.finish();
  out.end();
  await done;
  return { rows, committedCents: committed, paidCents: paid };
}

async function fileToBase64(write: (file: string) => Promise<number>, fileName: string): Promise<ExportFile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-bilancio-'));
  const file = path.join(dir, fileName);
  try {
    const rows = await write(file);
    return { fileName, contentBase64: fs.readFileSync(file).toString('base64'), rows };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function exportLedger(ctx: ServiceContext, filter: LedgerFilterValues): Promise<ExportFile> {
  const result = await fileToBase64(async (file) => (await writeLedgerXlsx(ctx.store.file, ctx.store.db, filter, { filename: file })).rows, `movimenti-bilancio-${todayIso()}.xlsx`);
  await audit(ctx.store.db, ctx.actor, { action: 'esporta', entity: 'movimenti_bilancio', after: { rows: result.rows, filter } });
  return result;
}

/** The overview to Excel: sheet «Quadro» (fund × year × line) and sheet «Fondi» (totals, burn rate, run-out). */
export async function exportOverview(ctx: ServiceContext, options: BudgetOverviewOptions): Promise<ExportFile> {
  const overview = await budgetOverview(ctx.store.db, options);
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
      available: { formula: `D${n}-E${n}`, result: euros(r.availableCents) },
      toPay: { formula: `E${n}-F${n}`, result: euros(r.toPayCents) },
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
  for (const [col, cents] of sums) totalRow.getCell(col).value = { formula: `SUM(${col}2:${col}${lastRow})`, result: euros(cents) };
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
      unallocated: { formula: `C${n}-D${n}`, result: euros(f.unallocatedCents) },
      committed: euros(f.committedCents),
      paid: euros(f.paidCents),
      available: { formula: `D${n}-F${n}`, result: euros(f.availableCents) },
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
  for (const [col, cents] of fundSums) fundsTotal.getCell(col).value = { formula: `SUM(${col}2:${col}${fundsLast})`, result: euros(cents) };
  fondi.autoFilter = { from: { row: 1, column: 1 }, to: { row: fundsLast, column: 12 } };

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await audit(ctx.store.db, ctx.actor, { action: 'esporta', entity: 'quadro_bilancio', after: { rows: overview.rows.length, options } });
  return { fileName: `quadro-bilancio-${todayIso()}.xlsx`, contentBase64: buffer.toString('base64'), rows: overview.rows.length };
}
