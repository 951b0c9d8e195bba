import type { JobStarted } from '../../contract/jobs';
import type { ReportModel } from '../../contract/reports';
import { AppError } from '../../contract/errors';
import { parsePeriod } from '../../domain/reportPeriod';
import { todayIso } from '../../domain/dates';
import type { Store } from '../../../db/connection';
import { recallModel, rememberModel } from './cache';
import { reportFileName } from './excel';
import { startFileJob } from '../../jobs/start';
import { XLSX_MIME } from '../../writers/excelFormats';
import type { ServiceContext } from '../context';
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

/** Starts the Excel file of the model on screen (or a fresh one for the period). */
export async function reportExcelFile(ctx: ServiceContext, period: string, modelId?: string): Promise<JobStarted> {
  const model = await modelFor(ctx.store, period, modelId);
  return startFileJob(ctx, 'reports.excel', { model }, { fileName: reportFileName(model, 'xlsx'), mimeType: XLSX_MIME }, () => null);
}

/** Starts the PDF of the model on screen (or a fresh one for the period). */
export async function reportPdfFile(ctx: ServiceContext, period: string, modelId?: string): Promise<JobStarted> {
  const model = await modelFor(ctx.store, period, modelId);
  return startFileJob(ctx, 'reports.pdf', { model }, { fileName: reportFileName(model, 'pdf'), mimeType: 'application/pdf' }, () => null);
}
