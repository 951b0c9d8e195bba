import type { PactDetail, PactFields, PactValues } from '../../../../electron/contract/pacts';
import type { PactMode } from '../../../../electron/domain/pacts';

/** The pact form's values: text fields as strings ('' for empty), dates 'YYYY-MM-DD' or null. */
export interface PactFormValues {
  interventionId: string | null;
  signerName: string;
  signerRole: string;
  seatCity: string;
  seatStreet: string;
  seatNumber: string;
  modes: PactMode[];
  modeAltroText: string;
  personFirstName: string;
  personLastName: string;
  personBirthPlace: string;
  personBirthDate: string | null;
  personCity: string;
  personStreet: string;
  personNumber: string;
  referentUserId: string | null;
  referentFirstName: string;
  referentLastName: string;
  pactDate: string | null;
  pactPlace: string;
}

type Source = PactValues | PactDetail;

export function formValuesFrom(v: Source, interventionId: number | null): PactFormValues {
  return {
    interventionId: interventionId === null ? null : String(interventionId),
    signerName: v.signerName,
    signerRole: v.signerRole,
    seatCity: v.seatCity,
    seatStreet: v.seatStreet ?? '',
    seatNumber: v.seatNumber ?? '',
    modes: [...v.modes],
    modeAltroText: v.modeAltroText ?? '',
    personFirstName: v.personFirstName,
    personLastName: v.personLastName,
    personBirthPlace: v.personBirthPlace ?? '',
    personBirthDate: v.personBirthDate,
    personCity: v.personCity ?? '',
    personStreet: v.personStreet ?? '',
    personNumber: v.personNumber ?? '',
    referentUserId: v.referentUserId === null ? null : String(v.referentUserId),
    referentFirstName: v.referentFirstName,
    referentLastName: v.referentLastName,
    pactDate: v.pactDate,
    pactPlace: v.pactPlace,
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function fieldsFrom(v: PactFormValues): PactFields {
  return {
    signerName: v.signerName,
    signerRole: v.signerRole,
    seatCity: v.seatCity,
    seatStreet: orNull(v.seatStreet),
    seatNumber: orNull(v.seatNumber),
    modes: v.modes,
    modeAltroText: v.modes.includes('altro') ? orNull(v.modeAltroText) : null,
    personFirstName: v.personFirstName,
    personLastName: v.personLastName,
    personBirthPlace: orNull(v.personBirthPlace),
    personBirthDate: v.personBirthDate,
    personCity: orNull(v.personCity),
    personStreet: orNull(v.personStreet),
    personNumber: orNull(v.personNumber),
    referentUserId: v.referentUserId ? Number(v.referentUserId) : null,
    referentFirstName: v.referentFirstName,
    referentLastName: v.referentLastName,
    pactDate: v.pactDate ?? '',
    pactPlace: v.pactPlace,
  };
}

const required = (label: string) => (value: string) => (value.trim() ? null : `${label}: campo obbligatorio`);

/** The checks made before sending (the server makes them again). */
export const pactFormValidation = {
  signerName: required('Nome e cognome del firmatario'),
  signerRole: required('Ruolo del firmatario'),
  seatCity: required('Comune della sede'),
  modes: (modes: PactMode[]) => (modes.length ? null : 'Scegliere almeno una modalità di collaborazione'),
  modeAltroText: (text: string, values: PactFormValues) => (values.modes.includes('altro') && !text.trim() ? 'Descrivere l’altra modalità' : null),
  personFirstName: required('Nome della persona'),
  personLastName: required('Cognome della persona'),
  referentFirstName: required('Nome del referente'),
  referentLastName: required('Cognome del referente'),
  pactDate: (value: string | null) => (value ? null : 'Indicare la data del patto'),
  pactPlace: required('Luogo'),
};

/** The server names fields "fields.x" (they travel inside `fields`); the form names them "x". */
export function formErrorsFrom(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^fields\./, ''), v]));
}

export const SIGNER_ROLES = ['Titolare', 'Legale rappresentante', 'Titolare e legale rappresentante', 'Amministratore delegato', 'Amministratore unico', 'Procuratore'];
