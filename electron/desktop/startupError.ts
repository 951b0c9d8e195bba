import { DatabaseTooNewError } from '../../db/migrate';
import { DatabaseConnectionError } from '../../db/connection';
import { MigrationNotAllowedError } from '../../db/postgres/migrate';
import { isPostgresLocation, redactLocation } from '../../db/location';
import { SavedDatabaseError } from '../shared/savedDatabase';

/**
 * The Italian text of the dialog shown when the desktop app cannot open its database. For a shared
 * server it says how to go back to the desk's own file: remove `settingsFile`, where Impostazioni →
 * Database saved the server.
 */
export function startupErrorMessage(error: unknown, dbFile: string, settingsFile?: string): { title: string; message: string } {
  const back = settingsFile && (isPostgresLocation(dbFile) || error instanceof SavedDatabaseError)
    ? `\n\nPer tornare al file locale di questa postazione, eliminare il file:\n${settingsFile}`
    : '';
  const where = (isPostgresLocation(dbFile) ? `\n\nDatabase condiviso:\n${redactLocation(dbFile)}` : `\n\nFile del database:\n${dbFile}`) + back;
  if (error instanceof SavedDatabaseError) return { title: 'Impostazioni del database non valide', message: error.message + back };
  if (error instanceof DatabaseTooNewError) {
    return { title: 'Database di una versione più recente', message: error.message + where };
  }
  if (error instanceof DatabaseConnectionError) return { title: 'Database condiviso non raggiungibile', message: error.message + where };
  if (error instanceof MigrationNotAllowedError) return { title: 'Database condiviso da aggiornare', message: error.message + where };
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|was compiled against a different/.test(text)) {
    return {
      title: 'Installazione danneggiata',
      message: 'Il componente che legge il database non è compatibile con questa versione di IXL Desk. Reinstallare l’applicazione.',
    };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return {
      title: 'Database non accessibile',
      message: 'IXL Desk non riesce ad aprire o a scrivere il file del database: verificare i permessi della cartella e che il disco non sia pieno.' + where,
    };
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return {
      title: 'Database danneggiato',
      message: 'Il file del database è danneggiato o non è un database di IXL Desk. Ripristinare un backup (cartella «backups» accanto al file) con l’assistenza.' + where,
    };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { title: 'Database in uso', message: 'Il database è bloccato da un altro programma. Chiuderlo e riaprire IXL Desk.' + where };
  }
  return { title: 'Impossibile aprire il database', message: `IXL Desk non riesce ad aprire il database (${text}).` + where };
}
