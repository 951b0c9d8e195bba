import type { ReportModel } from '../../contract/reports';
import type { TaskEnv, TaskResult } from '../../jobs/tasks';
import { buildReportWorkbook } from './excel';
import { reportPdf } from './pdf';

/**
 * The report's file jobs (worker side): they render the model computed on the main side (the one on
 * screen), so the file shows exactly those figures. The workbook streams to the file; pdf-lib builds
 * a PDF whole (a few hundred KB), in the worker, which writes it.
 */

export async function reportExcelTask(env: TaskEnv, input: { model: ReportModel }): Promise<TaskResult> {
  env.progress(0, 1, 'Cartella Excel…');
  await buildReportWorkbook(input.model).xlsx.write(env.out);
  return { rows: 0 };
}

export async function reportPdfTask(env: TaskEnv, input: { model: ReportModel }): Promise<TaskResult> {
  env.progress(0, 1, 'Documento PDF…');
  const bytes = await reportPdf(input.model);
  await new Promise<void>((resolve, reject) => env.out.write(bytes, (error) => (error ? reject(error) : resolve())));
  return { rows: 0 };
}
