import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Store } from '../../db/connection';
import { ledgerFilter } from '../contract/budget';
import { forEachLedgerRow, LEDGER_COLUMNS, LEDGER_SHEET, LEDGER_TITLE, writeLedgerXlsx, type LedgerTotals } from '../services/budget/export';
import { DATE_FORMAT, EURO_FORMAT } from '../writers/excelFormats';
import type { Benchmark } from './types';

/**
 * Issue 10 item 7: the hand-written streaming writer (writers/xlsxStream.ts) against exceljs's
 * streaming WorkbookWriter, on the same ledger rows (forEachLedgerRow), with the same sheet: bold
 * frozen header, widths, € and date formats, autofilter, totals as formulas. Each writer runs in its
 * own child process, one after the other, which reports its time and peak RSS. The hand-written
 * writer stays only while it is at least 1.5× faster.
 */

const CHILD_FLAG = '--xlsx-writer-child';
type Writer = 'scritto-a-mano' | 'exceljs';
interface ChildReport {
  ms: number;
  cpuMs: number;
  rows: number;
  peakRssMb: number;
}

/** The ledger through exceljs's WorkbookWriter, as the export would be written with it. */
async function ledgerWithExceljs(dbFile: string, store: Store, out: Writable): Promise<LedgerTotals> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'IXL Desk';
  workbook.title = LEDGER_TITLE;
  const sheet = workbook.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  // one style object per column: exceljs then serialises each style once, not per cell
  const euro: Partial<ExcelJS.Style> = { numFmt: EURO_FORMAT };
  const date: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
  const plain: Partial<ExcelJS.Style> = {};
  const styles = LEDGER_COLUMNS.map((c) => (c.kind === 'euro' ? euro : c.kind === 'date' ? date : plain));
  const totals = await forEachLedgerRow(dbFile, store.db, ledgerFilter.parse({}), (values) => {
    const row = sheet.addRow(values.map((v, i) => (v !== null && LEDGER_COLUMNS[i]?.kind === 'euro' ? (v as number) / 100 : v)));
    row.eachCell((cell, column) => {
      cell.style = styles[column - 1] ?? plain;
    });
    row.commit();
    // exceljs does not wait for its output: let the file catch up before reading more rows
    return out.writableNeedDrain ? new Promise<void>((resolve) => out.once('drain', () => resolve())) : null;
  });
  const last = totals.rows + 1;
  const total = sheet.addRow(['Totale']);
  total.font = { bold: true };
  LEDGER_COLUMNS.forEach((c, i) => {
    if (c.sum === undefined) return;
    const letter = String.fromCharCode(65 + i);
    total.getCell(i + 1).value = { formula: `SUM(${letter}2:${letter}${last})`, result: (c.sum === 0 ? totals.committedCents : totals.paidCents) / 100 };
    total.getCell(i + 1).style = { numFmt: EURO_FORMAT, font: { bold: true } };
  });
  total.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: LEDGER_COLUMNS.length } };
  sheet.commit();
  await workbook.commit();
  return totals;
}

function runChild(writer: Writer, dbFile: string): ChildReport & { bytes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-bench-writers-'));
  try {
    const out = path.join(dir, 'movimenti.xlsx');
    const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), __filename, CHILD_FLAG, writer, dbFile, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`${writer}: export non riuscito: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').pop() ?? '{}';
    return { ...(JSON.parse(line) as ChildReport), bytes: fs.statSync(out).size };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const xlsxWriterBenchmarks: Benchmark[] = [
  {
    name: 'writers.ledger-xlsx',
    runs: 1,
    warmUp: false,
    run: ({ location }) => {
      const reports = (['scritto-a-mano', 'exceljs'] as const).map((writer) => ({ writer, ...runChild(writer, location) }));
      for (const r of reports) {
        console.log(`writers.ledger-xlsx ${r.writer}: ${r.rows} righe in ${(r.ms / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s), picco RSS ${r.peakRssMb} MB, file ${(r.bytes / 1e6).toFixed(1)} MB`);
      }
      const [hand, exceljs] = reports;
      if (!hand || !exceljs) return;
      console.log(`writers.ledger-xlsx: exceljs / scritto a mano = ${(exceljs.ms / hand.ms).toFixed(2)}× (soglia per tenere quello scritto a mano: 1,5×)`);
    },
  },
];

async function child(writer: Writer, dbFile: string, out: string): Promise<void> {
  const store = await Store.open(dbFile);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stream = fs.createWriteStream(out);
  const closed = new Promise<void>((resolve, reject) => stream.once('close', () => resolve()).once('error', reject));
  const totals = writer === 'exceljs' ? await ledgerWithExceljs(dbFile, store, stream) : await writeLedgerXlsx(dbFile, store.db, ledgerFilter.parse({}), stream);
  stream.end();
  await closed;
  const ms = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  await store.close();
  // maxRSS: the peak resident set of this process, in kilobytes
  console.log(JSON.stringify({ ms, cpuMs: Math.round((used.user + used.system) / 1000), rows: totals.rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

if (process.argv[2] === CHILD_FLAG) {
  child(process.argv[3] as Writer, process.argv[4] ?? '', process.argv[5] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
