import type { JobStarted } from '../../contract/jobs';
import type { ReportModel } from '../../contract/reports';
import { AppError } from '../../contract/errors';
import { parsePeriod } from '../../domain/reportPeriod';
import type { ServiceContext } from '../context';
import { recallModel, rememberModel } from './cache';
import { reportFileName } from './excel';
import { startFileJob } from '../../jobs/start';
import { XLSX_MIME } from '../../writers/excelFormats';
import { computeReportModel } from './model';
import { reportFor } from './visibility';

/**
 * The Report area's services: the model of a period (remembered for the exports of the same
 * screen), the workbook and the PDF. Aggregates only: nothing here reads or writes personal data.
 */

function checkedPeriod(ctx: ServiceContext, text: string): string {
  const p = parsePeriod(text, ctx.clock.today());
  if ('error' in p) throw new AppError('VALIDATION', p.error, { period: p.error });
  return p.code;
}

/** The whole model of a period, remembered by id for the files of the same screen. */
async function computedModel(ctx: ServiceContext, period: string): Promise<ReportModel> {
  const model = await computeReportModel(ctx.store, checkedPeriod(ctx, period), ctx.clock.now());
  rememberModel(ctx.store, model);
  return model;
}

/** The model as the caller may see it (operators: no money). */
export async function reportModel(ctx: ServiceContext, { period }: { period: string }): Promise<ReportModel> {
  return reportFor(await computedModel(ctx, period), ctx.caller.role);
}

/** The model shown on screen (by id), or a fresh one for the period, as the caller may see it. */
async function modelFor(ctx: ServiceContext, period: string, modelId?: string): Promise<ReportModel> {
  const code = checkedPeriod(ctx, period);
  return reportFor(recallModel(ctx.store, modelId, code) ?? (await computedModel(ctx, code)), ctx.caller.role);
}

/** Starts the Excel file of the model on screen (or a fresh one for the period). */
export async function reportExcelFile(ctx: ServiceContext, { period, modelId }: { period: string; modelId?: string }): Promise<JobStarted> {
  const model = await modelFor(ctx, period, modelId);
  return startFileJob(ctx, 'reports.excel', { model }, { fileName: reportFileName(model, 'xlsx'), mimeType: XLSX_MIME }, () => null);
}

/** Starts the PDF of the model on screen (or a fresh one for the period). */
export async function reportPdfFile(ctx: ServiceContext, { period, modelId }: { period: string; modelId?: string }): Promise<JobStarted> {
  const model = await modelFor(ctx, period, modelId);
  return startFileJob(ctx, 'reports.pdf', { model }, { fileName: reportFileName(model, 'pdf'), mimeType: 'application/pdf' }, () => null);
}
