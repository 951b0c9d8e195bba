import ExcelJS from 'exceljs';
import type { TaskEnv, TaskResult } from '../../jobs/tasks';
import type { AuditListRow } from '../../contract/system';
import { allAuditRows, type AuditFilterValues } from './audit';
import { changesText } from './auditLabels';

/**
 * The audit export job (worker side): the filtered log, newest first, to an .xlsx written with
 * exceljs's streaming writer, a batch of rows at a time; the changes as one Italian line per row.
 */

/** An instant → a Date whose UTC fields are the office's local time, which Excel shows as such. */
function excelTime(iso: string): Date | null {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  return new Date(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds()));
}

const COLUMNS: { header: string; width: number; value: (r: AuditListRow) => string | number | Date | null }[] = [
  { header: 'N.', width: 9, value: (r) => r.id },
  { header: 'Data e ora', width: 17, value: (r) => excelTime(r.at) },
  { header: 'Utente', width: 24, value: (r) => r.userFullName ?? r.username },
  { header: 'Nome utente', width: 16, value: (r) => r.username },
  { header: 'Operazione', width: 22, value: (r) => r.actionLabel },
  { header: 'Oggetto', width: 24, value: (r) => r.entityLabel },
  { header: 'N. record', width: 10, value: (r) => r.entityId },
  { header: 'Modifiche', width: 90, value: (r) => changesText(r.changes) || null },
];
const TIME: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy hh:mm' };
const PLAIN: Partial<ExcelJS.Style> = {};
const WRAP: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };

export async function auditTask(env: TaskEnv, input: { filter: AuditFilterValues }): Promise<TaskResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: env.out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'IXL Desk';
  workbook.title = 'Registro delle modifiche — IXL Desk';
  const sheet = workbook.addWorksheet('Registro', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  const styles = COLUMNS.map((_c, i) => (i === 1 ? TIME : i === COLUMNS.length - 1 ? WRAP : PLAIN));
  let rows = 0;
  let total = 0;
  env.progress(0, 0, 'Lettura del registro…');
  for await (const batch of allAuditRows(env.db, input.filter, 500, (n) => (total = n))) {
    for (const row of batch) {
      const line = sheet.addRow(COLUMNS.map((c) => c.value(row)));
      line.eachCell((cell, column) => {
        cell.style = styles[column - 1] ?? PLAIN;
      });
      line.commit();
    }
    rows += batch.length;
    env.progress(rows, total, 'Scrittura del registro');
  }
  sheet.commit();
  await workbook.commit();
  return { rows };
}
