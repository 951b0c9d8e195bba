import { z } from 'zod';
import { method } from './define';
import { ADMIN_ONLY, ANY_ROLE } from './roles';
import { noInput } from './common';

export interface ReferenceData {
  comuni: { istatCode: string; name: string; districtCode: string }[];
  districts: { code: string; name: string }[];
  birthPlaces: { code: string; name: string; province: string | null; kind: 'comune' | 'estero'; nationalityGroup: 'IT' | 'UE' | 'EXTRA_UE' | null }[];
  channels: { code: string; name: string }[];
  organisations: { id: number; code: string; name: string; kind: string }[];
  instruments: { code: string; name: string }[];
  atecoSections: { code: string; name: string }[];
  /** Active users who can be a case's referent. */
  referents: { id: number; fullName: string; role: string }[];
  /** Skills already used, most frequent first, for suggestions. */
  skills: string[];
}

export interface BackupInfo {
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}
export interface RestoreResult {
  restoredFrom: string;
  safetyCopy: string;
}
export interface Settings {
  backupKeep: number;
  bandFragileAbove: number;
  bandStrongBelow: number;
}
export interface AuditRow {
  id: number;
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
}

const backupFileName = z.string().regex(/^[\w.-]+\.sqlite$/, 'Nome del file di backup non valido');

export const systemContract = {
  'system.reference': method<ReferenceData>()({ summary: 'Dati di riferimento per i moduli: comuni, distretti, luoghi di nascita, canali, enti, referenti, competenze.', input: noInput, roles: ANY_ROLE }),
  'system.settings.get': method<Settings>()({ summary: 'Impostazioni correnti.', input: noInput, roles: ANY_ROLE }),
  'system.settings.update': method<Settings>()({
    summary: 'Modifica le impostazioni.',
    input: z
      .object({
        backupKeep: z.number().int().min(1, 'Conservare almeno 1 backup').max(365, 'Al massimo 365 backup').optional(),
        bandFragileAbove: z.number().int().min(1).max(200).optional(),
        bandStrongBelow: z.number().int().min(0).max(200).optional(),
      })
      .strict(),
    roles: ADMIN_ONLY,
  }),
  'system.backup.list': method<BackupInfo[]>()({ summary: 'Backup disponibili, dal più recente.', input: noInput, roles: ADMIN_ONLY }),
  'system.backup.now': method<BackupInfo>()({ summary: 'Esegue subito un backup del database.', input: noInput, roles: ADMIN_ONLY }),
  'system.backup.restore': method<RestoreResult>()({
    summary: 'Ripristina il database da un backup dell’elenco o da un file caricato; verifica prima l’integrità e conserva una copia del database sostituito.',
    input: z.union([
      z.object({ fileName: backupFileName }).strict(),
      z.object({ uploadName: z.string().min(1).max(200), contentBase64: z.string().min(1, 'File vuoto') }).strict(),
    ]),
    roles: ADMIN_ONLY,
  }),
  'system.audit.recent': method<AuditRow[]>()({
    summary: 'Ultime operazioni registrate nel registro delle modifiche.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    roles: ADMIN_ONLY,
  }),
};
