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
