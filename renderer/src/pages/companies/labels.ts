import type { CompanyPact, CompanyPlacement, NeedStatus } from '../../../../electron/contract/companies';

/** Colours and labels of the Aziende screens. */
export const NEED_STATUS_COLORS: Record<NeedStatus, string> = { aperto: 'green', in_corso: 'blue', chiuso: 'gray', annullato: 'red' };

export const PLACEMENT_STATUS_LABELS: Record<CompanyPlacement['status'], string> = { proposto: 'Proposto', attivo: 'Attivo', concluso: 'Concluso', interrotto: 'Interrotto' };
export const PLACEMENT_STATUS_COLORS: Record<CompanyPlacement['status'], string> = { proposto: 'yellow', attivo: 'green', concluso: 'gray', interrotto: 'red' };

export const PACT_STATUS_LABELS: Record<CompanyPact['status'], string> = { bozza: 'Bozza', stampato: 'Stampato', firmato: 'Firmato', archiviato: 'Archiviato', annullato: 'Annullato' };
export const PACT_STATUS_COLORS: Record<CompanyPact['status'], string> = { bozza: 'gray', stampato: 'blue', firmato: 'green', archiviato: 'dark', annullato: 'red' };

/** Short names of the instruments for narrow columns; the full name is in the tooltip. */
export const INSTRUMENT_SHORT: Record<string, string> = {
  inserimento: 'Inserimento',
  tirocinio: 'Tirocinio',
  autoimpiego: 'Autoimpiego',
  credito: 'Microcredito',
  formazione: 'Formazione',
  pon: 'PON Metro',
};
