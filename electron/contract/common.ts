import { z } from 'zod';

/** Shared field schemas. Money is integer cents, dates are 'YYYY-MM-DD'. */
export const id = z.number({ error: 'Identificativo mancante' }).int().positive();
/** The version of a record the client read (a form's save sends it back: electron/services/versions.ts). */
export const version = z.number({ error: 'Versione della scheda mancante: ricaricare la pagina' }).int().positive();
export const cents = z.number({ error: 'Importo mancante' }).int('L’importo deve essere in centesimi interi').refine(Number.isSafeInteger, 'Importo troppo grande');
export const isoDate = z
  .string({ error: 'Data mancante' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Data non valida: usare il formato AAAA-MM-GG')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Data inesistente');
export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label}: campo obbligatorio` })
    .trim()
    .min(1, `${label}: campo obbligatorio`)
    .max(max, `${label}: massimo ${max} caratteri`);
/** Free text that may be left empty: trimmed, and an empty answer stored as null. */
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Massimo ${max} caratteri`)
    .nullish()
    .transform((v) => (v ? v : null));
/** A note on a status change or an assessment: up to 2,000 characters, empty stored as null. */
export const note = z
  .string()
  .trim()
  .max(2000, 'Nota troppo lunga')
  .nullish()
  .transform((v) => (v ? v : null));
export const noInput = z.object({}).strict();
