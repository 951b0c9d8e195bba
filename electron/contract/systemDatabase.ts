import { z } from 'zod';
import { method } from './define';
import { ADMIN_ONLY } from './roles';
import { noInput } from './common';
import type { DatabaseInfo } from './system';

/**
 * Impostazioni → Database: which database the next start opens — the desk's own file or a shared
 * PostgreSQL server — with a check of the server before it is saved.
 */

/** TLS towards the server, as libpq names the modes. */
export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];
export const SSL_MODE_LABELS: Record<SslMode, string> = {
  disable: 'Nessuna cifratura (solo su una rete fidata)',
  require: 'Cifrata, senza verificare il certificato',
  'verify-ca': 'Cifrata, certificato firmato dalla CA indicata',
  'verify-full': 'Cifrata, certificato e nome del server verificati',
};

/** A server as the form enters it (the password apart: it is never sent back). */
export interface DatabaseServer {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
  /** The CA certificate file (PEM) on this computer, for verify-ca / verify-full with a private CA. */
  caFile: string | null;
}

export interface DatabaseChoice {
  /** The database open now. */
  current: DatabaseInfo;
  /** What the next start opens: the desk's own file, or the saved server. */
  next: { engine: 'sqlite' | 'postgres'; location: string; server: DatabaseServer | null; passwordSaved: boolean };
  /** Set when IXL_DB decides the database instead of this setting (the value, password hidden). */
  override: string | null;
  /** This host keeps a password encrypted by the system's keychain (the desktop app); else it comes from PGPASSWORD or ~/.pgpass. */
  canSavePassword: boolean;
}

export type CheckLevel = 'ok' | 'attenzione' | 'errore';
export interface DatabaseCheck {
  /** The server can be used by this version of IXL Desk with this user. */
  ok: boolean;
  /** What was found, in order: connection, schema level, the user's rights. */
  findings: { level: CheckLevel; text: string }[];
}

const text = (label: string, max: number) => z.string({ error: label }).trim().min(1, label).max(max, 'Testo troppo lungo');
const serverInput = z
  .object({
    host: text('Indicare il server', 255).regex(/^[A-Za-z0-9._:[\]-]+$/, 'Nome o indirizzo del server non valido'),
    port: z.number({ error: 'Indicare la porta' }).int('La porta è un numero intero').min(1, 'Porta non valida').max(65535, 'Porta non valida'),
    database: text('Indicare il database', 63),
    user: text('Indicare l’utente', 63),
    password: z.string().max(200, 'Password troppo lunga').optional(),
    sslmode: z.enum(SSL_MODES, { error: 'Scegliere la cifratura della connessione' }),
    caFile: z.string().trim().max(1000, 'Percorso troppo lungo').nullish().transform((v) => v || null),
  })
  .strict()
  .refine((s) => s.sslmode !== 'verify-ca' || s.caFile, { message: 'Con questa cifratura serve il file della CA', path: ['caFile'] });
export type DatabaseServerInput = z.input<typeof serverInput>;

export const systemDatabaseContract = {
  'system.database.choice': method<DatabaseChoice>()({
    summary: 'Il database in uso e quello che si aprirà al prossimo avvio (file locale o server condiviso, senza password).',
    input: noInput,
    roles: ADMIN_ONLY,
  }),
  'system.database.check': method<DatabaseCheck>()({
    summary: 'Verifica la connessione a un server PostgreSQL: raggiungibilità, TLS, password, livello dello schema e permessi dell’utente.',
    input: serverInput,
    roles: ADMIN_ONLY,
  }),
  'system.database.save': method<DatabaseChoice>()({
    summary: 'Sceglie il database del prossimo avvio: un server verificato (la password solo cifrata dal sistema, dove possibile) o il file locale.',
    input: z.union([z.object({ kind: z.literal('locale') }).strict(), z.object({ kind: z.literal('server'), server: serverInput }).strict()]),
    roles: ADMIN_ONLY,
  }),
};
