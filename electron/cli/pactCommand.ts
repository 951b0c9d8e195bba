import fs from 'node:fs';
import path from 'node:path';
import type { PactPdfFile } from '../contract/pacts';
import { isPostgresLocation } from '../../db/location';

/**
 * `ixl patto --db FILE --id N --out FILE.pdf` (a pact's PDF, through the API as the system
 * administrator, so the export is audited like the app's) and `ixl patto --blank --out FILE.pdf`
 * (the blank form, no database needed).
 */
export const PATTO_HELP =
  'ixl patto [--db FILE] --id N --out FILE.pdf\n  Salva il PDF del Patto per il buon lavoro n. N.\n' +
  'ixl patto --blank --out FILE.pdf\n  Salva il modulo del patto vuoto, da compilare a mano.';

export interface PattoOptions {
  dbFile: string;
  id?: string;
  out?: string;
  blank?: boolean;
}

/** A mistake in the command line: the CLI prints it with the usage hint. */
export class PattoUsageError extends Error {}

function writePdf(out: string, file: PactPdfFile): string {
  const target = path.resolve(out);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, Buffer.from(file.contentBase64, 'base64'));
  return target;
}

export async function runPattoCommand(options: PattoOptions): Promise<number> {
  if (!options.out) throw new PattoUsageError('Indicare il file da scrivere con --out FILE.pdf');
  if (!options.out.toLowerCase().endsWith('.pdf')) throw new PattoUsageError('Il file indicato con --out deve terminare con .pdf');
  if (options.blank) {
    if (options.id !== undefined) throw new PattoUsageError('Indicare --blank oppure --id, non entrambi');
    // loaded here, not on top: `ixl --help` and the other commands start without the PDF code
    const { blankPactPdf } = await import('../services/pacts/lifecycle.js');
    const target = writePdf(options.out, await blankPactPdf());
    console.log(`Modulo vuoto del patto salvato in ${target}`);
    return 0;
  }
  const id = Number(options.id);
  if (options.id === undefined || !Number.isSafeInteger(id) || id <= 0) throw new PattoUsageError('Indicare il numero interno del patto con --id N (oppure --blank)');
  if (!isPostgresLocation(options.dbFile) && !fs.existsSync(options.dbFile)) throw new PattoUsageError(`Database non trovato: ${options.dbFile}`);
  const { AppCore } = await import('../api/core.js');
  const core = await AppCore.open(options.dbFile);
  try {
    const outcome = await core.callAsSystem('pacts.pdf', { id });
    if (!outcome.ok) {
      console.error(`Errore: ${outcome.error.message}`);
      return 2;
    }
    const target = writePdf(options.out, outcome.result as PactPdfFile);
    console.log(`Patto salvato in ${target}`);
    return 0;
  } finally {
    await core.close();
  }
}
