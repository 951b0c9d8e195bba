import { spawnSync } from 'node:child_process';
import { Store } from '../../db/connection';
import type { ReportModel } from '../contract/reports';
import { reportPdf } from '../services/reports/pdf';
import { reportWorkbook } from '../services/reports/excel';
import { computeReportModel } from '../services/reports/model';
import type { Benchmark, BenchEnv } from './types';

/**
 * Reports for the Tavolo di coordinamento (issue #6) on the xl database, programme to date:
 * - report.model: the whole model (every section, budget included) (< 1 s median);
 * - report.files: the Excel workbook and the PDF from that model (< 5 s), and once, in a child
 *   process that computes the model and writes both files, its peak RSS (< 400 MB).
 */

const CHILD_FLAG = '--report-files-child';

const models = new WeakMap<Store, ReportModel>();
async function modelOf(env: BenchEnv): Promise<ReportModel> {
  let m = models.get(env.store);
  if (!m) {
    m = await computeReportModel(env.store, 'all');
    models.set(env.store, m);
  }
  return m;
}

const rssReported = new Set<string>();
function reportChildRss(file: string): void {
  if (rssReported.has(file)) return;
  rssReported.add(file);
  const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), __filename, CHILD_FLAG, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`report non riuscito: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; peakRssMb: number; xlsx: number; pdf: number; pages: number };
  console.log(`report.files (processo separato): modello + Excel + PDF in ${(r.ms / 1000).toFixed(2)} s, picco RSS ${r.peakRssMb} MB, Excel ${(r.xlsx / 1024).toFixed(0)} kB, PDF ${(r.pdf / 1024).toFixed(0)} kB`);
}

export const reportsBenchmarks: Benchmark[] = [
  {
    name: 'report.model',
    runs: 9,
    run: (env) => computeReportModel(env.store, 'all'),
  },
  {
    name: 'report.files',
    runs: 5,
    run: async (env) => {
      reportChildRss(env.location);
      const model = await modelOf(env);
      await reportWorkbook(model);
      await reportPdf(model);
    },
  },
];

async function child(file: string): Promise<void> {
  const started = performance.now();
  const store = await Store.open(file);
  const model = await computeReportModel(store, 'all');
  const xlsx = await reportWorkbook(model);
  const pdf = await reportPdf(model);
  await store.close();
  // maxRSS: the peak resident set of this process, in kilobytes
  console.log(JSON.stringify({ ms: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), xlsx: xlsx.length, pdf: pdf.length }));
}

if (process.argv[2] === CHILD_FLAG) {
  child(process.argv[3] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
