import type { reportsContract } from '../contract/reports';
import { reportExcelFile, reportModel, reportPdfFile } from '../services/reports/index';
import type { AreaHandlers } from './handlers';

export const reportsHandlers: AreaHandlers<keyof typeof reportsContract> = {
  'reports.model': reportModel,
  'reports.excel': reportExcelFile,
  'reports.pdf': reportPdfFile,
};
