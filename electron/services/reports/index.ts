import type { ReportFile, ReportModel } from '../../contract/reports';
import { AppError } from '../../contract/errors';
import { parsePeriod } from '../../domain/reportPeriod';
import { todayIso } from '../../domain/dates';
import type { Store } from '../../../db/connection';
import { reportPdf } from './pdf';
import { recallModel, rememberModel } from './cache';
import { reportFileName, reportWorkbook } from './excel';
import { computeReportModel } from './model';

/**
 * The Report area's services: the model of a period (remembered for the exports of the same
 * screen), the workbook and the PDF. Aggregates only: nothing here reads or writes personal data.
 */

function checkedPeriod(text: string): string {
  const p = parsePeriod(text, todayIso());
  if ('error' in p) throw new AppError('VALIDATION', p.error, { period: p.error });
  return p.code;
}

export async function reportModel(store: Store, period: string): Promise<ReportModel> {
  const model = await computeReportModel(store, checkedPeriod(period));
  rememberModel(store, model);
  return model;
}

/** The model shown on screen (by id), or a fresh one for the period. */
async function modelFor(store: Store, period: string, modelId?: string): Promise<ReportModel> {
  const code = checkedPeriod(period);
  return recallModel(store, modelId, code) ?? reportModel(store, code);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function reportExcelFile(store: Store, period: string, modelId?: string): Promise<ReportFile> {
  const model = await modelFor(store, period, modelId);
  const bytes = await reportWorkbook(model);
  return { fileName: reportFileName(model, 'xlsx'), contentBase64: bytes.toString('base64'), mimeType: XLSX_MIME, bytes: bytes.length };
}

export async function reportPdfFile(store: Store, period: string, modelId?: string): Promise<ReportFile> {
  const model = await modelFor(store, period, modelId);
  const bytes = await reportPdf(model);
  return { fileName: reportFileName(model, 'pdf'), contentBase64: Buffer.from(bytes).toString('base64'), mimeType: 'application/pdf', bytes: bytes.length };
}
