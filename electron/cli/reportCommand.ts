import fs from 'node:fs';
import path from 'node:path';
import type { JobStarted } from '../contract/jobs';
import type { ReportModel } from '../contract/reports';
import { PERIOD_FORMAT_HINT } from '../domain/reportPeriod';
import { isPostgresLocation } from '../../db/location';

/**
 * `ixl report --db FILE --period 2019-H1|2019|2017-06-01..2021-12-31|all --format xlsx,pdf --out DIR`:
 * the report for the Tavolo di coordinamento, through the API as the system administrator (the same
 * calls as the Report page: the model once, then the files from it), written into DIR.
 */
export const REPORT_HELP =
  'ixl report [--db FILE] --period PERIODO [--format xlsx,pdf] [--out CARTELLA]\n' +
  `  Scrive il report per il Tavolo di coordinamento (Excel e/o PDF) nella cartella indicata (predefinita: quella corrente).\n  PERIODO: ${PERIOD_FORMAT_HINT.replace('usare ', '')}.`;

export interface ReportOptions {
  dbFile: string;
  period?: string;
  format?: string;
  out?: string;
  /** Where messages go (the CLI: console.log). */
  log?: (line: string) => void;
}

/** A mistake in the command line: the CLI prints it with the usage hint. */
export class ReportUsageError extends Error {}

const FORMATS = ['xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

export async function runReportCommand(options: ReportOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.period) throw new ReportUsageError(`Indicare il periodo con --period (${PERIOD_FORMAT_HINT})`);
  const formats = (options.format ?? 'xlsx,pdf').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as Format));
  if (formats.length === 0 || unknown.length > 0) throw new ReportUsageError(`Formato non riconosciuto: ${unknown.join(', ') || '(vuoto)'}; usare xlsx, pdf oppure xlsx,pdf`);
  if (!isPostgresLocation(options.dbFile) && !fs.existsSync(options.dbFile)) throw new ReportUsageError(`Database non trovato: ${options.dbFile}`);
  const outDir = path.resolve(options.out ?? '.');
  // loaded here, not on top: `ixl --help` and the other commands start without the services
  const { AppCore } = await import('../api/core.js');
  const { jobsOf } = await import('../jobs/runner.js');
  const core = await AppCore.open(options.dbFile);
  try {
    const model = await core.callAsSystem('reports.model', { period: options.period });
    if (!model.ok) {
      if (model.error.code === 'VALIDATION') throw new ReportUsageError(model.error.message);
      log(`Errore: ${model.error.message}`);
      return 2;
    }
    const { id, period } = model.result as ReportModel;
    fs.mkdirSync(outDir, { recursive: true });
    for (const format of new Set(formats) as Set<Format>) {
      const file = await core.callAsSystem(format === 'xlsx' ? 'reports.excel' : 'reports.pdf', { period: period.code, modelId: id });
      if (!file.ok) {
        log(`Errore: ${file.error.message}`);
        return 2;
      }
      const { jobId, fileName } = file.result as JobStarted;
      const target = path.join(outDir, fileName);
      const saved = await jobsOf(core.store).saveTo(jobId, target).catch((error: Error) => error);
      if (saved instanceof Error) {
        log(`Errore: ${saved.message}`);
        return 2;
      }
      log(`${format === 'xlsx' ? 'Excel' : 'PDF'} (${period.label}) scritto in ${target}`);
    }
    return 0;
  } finally {
    await core.close();
  }
}
