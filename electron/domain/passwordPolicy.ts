/**
 * What a new password must be (issue 11): the one place of these rules, used by the contract (every
 * method that sets a password), by the services (which add the user name and the list of common
 * passwords in resources/passwords/common.txt) and by the renderer's forms, as the user types.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The hint under every field that sets a password. */
export const PASSWORD_HINT = `Almeno ${PASSWORD_MIN_LENGTH} caratteri; non il nome utente, non una password comune, non una sequenza come 1234… o aaaa…`;

export const PASSWORD_MESSAGES = {
  blank: 'La password non può essere vuota o fatta solo di spazi',
  short: `La password deve avere almeno ${PASSWORD_MIN_LENGTH} caratteri`,
  long: `La password è troppo lunga (al massimo ${PASSWORD_MAX_LENGTH} caratteri)`,
  username: 'La password non deve contenere il nome utente',
  repeated: 'La password non può essere un carattere o un breve gruppo di caratteri ripetuto (come aaaa… o abcabc…)',
  sequence: 'La password non può essere una sequenza (come 1234567890, abcdef… o qwerty…)',
  common: 'Questa password è tra le più usate: sceglierne un’altra',
} as const;

/** Runs of characters people type in order; a password that walks one of them, forwards or backwards, is a sequence. */
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

/** Whether every character is the one after the previous in `run`, going round at its end (…890123). */
function walks(text: string, run: string): boolean {
  for (let i = 1; i < text.length; i++) {
    const at = run.indexOf(text[i - 1] as string);
    if (at < 0 || run[(at + 1) % run.length] !== text[i]) return false;
  }
  return true;
}

function isSequence(lower: string): boolean {
  return RUNS.some((run) => walks(lower, run) || walks(lower, [...run].reverse().join('')));
}

export interface PasswordContext {
  /** The account's user name, which the password must not contain. */
  username?: string;
  /** Whether a (lower-case) password is in the list of common ones: the services have the list, the renderer does not. */
  isCommon?: (lower: string) => boolean;
}

/** The first rule a new password breaks, as an Italian message; null when it is acceptable. */
export function passwordProblem(password: string, { username, isCommon }: PasswordContext = {}): string | null {
  if (password.trim() === '') return PASSWORD_MESSAGES.blank;
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.short;
  if (password.length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.long;
  const lower = password.toLowerCase();
  if (username && username.trim() !== '' && lower.includes(username.trim().toLowerCase())) return PASSWORD_MESSAGES.username;
  if (/^(.{1,4})\1+$/su.test(lower)) return PASSWORD_MESSAGES.repeated;
  if (isSequence(lower)) return PASSWORD_MESSAGES.sequence;
  if (isCommon?.(lower)) return PASSWORD_MESSAGES.common;
  return null;
}
