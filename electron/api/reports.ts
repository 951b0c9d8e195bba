import type { reportsContract } from '../contract/reports';
import { reportExcelFile, reportModel, reportPdfFile } from '../services/reports/index';
import type { AreaHandlers } from './handlers';

export const reportsHandlers: AreaHandlers<keyof typeof reportsContract> = {
  'reports.model': (input, ctx) => reportModel(ctx.store, input.period),
  'reports.excel': (input, ctx) => reportExcelFile(ctx, input.period, input.modelId),
  'reports.pdf': (input, ctx) => reportPdfFile(ctx, input.period, input.modelId),
};
