import type { TaskEnv, TaskResult } from '../../jobs/tasks';
import { ZipWriter } from '../../writers/zip';
import type { PersonDataCopy } from './dataCopy';
import { dataCopyPdf } from './dataCopyPdf';

/**
 * The file of a copy of a person's data, written by a job from what dataCopy.ts gathered: a .zip with
 * `dati.json` (every record, machine-readable) and `dati.pdf` (the same in Italian, A4, to hand over).
 */

/** How many records the copy holds, for the job's result. */
function records(copy: PersonDataCopy): number {
  return (
    1 +
    copy.schedeUnite.length +
    copy.informativaPrivacy.firme.length +
    copy.casi.length +
    copy.valutazioni.length +
    copy.percorsi.length +
    copy.patti.length +
    copy.impegni.length +
    copy.liquidazioni.length +
    copy.documenti.length +
    copy.note.length +
    copy.registro.length
  );
}

/** The job (worker side): the PDF, then the zip with it and the JSON. */
export async function dataCopyTask(env: TaskEnv, input: { copy: PersonDataCopy }): Promise<TaskResult> {
  env.progress(0, 2, 'Preparazione del PDF');
  const pdf = await dataCopyPdf(input.copy);
  env.progress(1, 2, 'Scrittura dell’archivio');
  const zip = new ZipWriter(env.out);
  await zip.file('dati.json', `${JSON.stringify(input.copy, null, 2)}\n`);
  await zip.file('dati.pdf', pdf);
  await zip.finish();
  env.progress(2, 2, 'Archivio pronto');
  return { rows: records(input.copy) };
}

