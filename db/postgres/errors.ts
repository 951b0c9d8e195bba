/**
 * Whether an error means the PostgreSQL server could not be reached or dropped the connection (not
 * that it refused the statement): network errors of the driver, and SQLSTATE classes 08 (connection
 * exception) and 57P (operator intervention: shutdown, restart). Such a call did not happen: nothing
 * was written, and the user is told so instead of getting an internal error.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
  // the driver's own messages when the socket closes under a query or a checkout times out
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message);
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

/**
 * The Italian sentence for a connection to the server that failed before any statement ran (wrong
 * password, missing database, unreachable host, TLS refused), or null for any other error. `server`
 * names the server in the message (host:port/database, never the password).
 */
export function connectionFailureMessage(error: unknown, target: { server: string; user: string; database: string }): string | null {
  if (!(error instanceof Error)) return null;
  const code = String((error as { code?: unknown }).code ?? '');
  const text = error.message;
  if (error.name === 'ConnectionSettingsError') return text;
  if (code === '28P01' || /password must be a string|password authentication failed/i.test(text)) {
    return `Accesso rifiutato dal server ${target.server}: password errata o mancante per l’utente «${target.user}». ` +
      'La password si indica in Impostazioni → Database (app), o in PGPASSWORD o ~/.pgpass (riga di comando).';
  }
  if (code === '28000') return `Il server ${target.server} non accetta l’utente «${target.user}» da questo computer (${text}).`;
  if (code === '3D000') return `Il database «${target.database}» non esiste sul server ${target.server}.`;
  if (/does not support SSL/i.test(text)) {
    return `Il server ${target.server} non accetta connessioni cifrate (TLS), che le impostazioni richiedono (sslmode): ` +
      'attivare TLS sul server, oppure usare sslmode=disable solo su una rete fidata.';
  }
  if (CERTIFICATE_CODES.test(code) || /certificate/i.test(text)) {
    return `Il certificato TLS del server ${target.server} non è stato accettato (${text}): verificare il file della CA e il nome del server.`;
  }
  if (isConnectionError(error)) return `Il server ${target.server} non è raggiungibile (${code || text}): verificare indirizzo, porta e rete.`;
  return null;
}
