import type { CompanyDetail, CompanyInput, SizeBand } from '../../../../electron/contract/companies';
import { validatePartitaIva } from '../../../../electron/domain/partitaIva';
import { todayIso } from '../../../../electron/domain/dates';

/** The company form's values: field names follow the contract, so server errors land on the right field. */
export interface CompanyFormValues {
  name: string;
  vatNumber: string;
  taxCode: string;
  legalForm: string;
  atecoSection: string | null;
  seatIstat: string | null;
  outsideMetro: boolean;
  seatCity: string;
  seatStreet: string;
  seatNumber: string;
  sizeBand: SizeBand | null;
  /** organisation id as a Select value */
  employerOrgId: string | null;
  legalRepName: string;
  legalRepRole: string;
  phone: string;
  email: string;
  pec: string;
  notes: string;
  /** New companies only: entered the Board di imprese on this date. */
  boardMember: boolean;
  boardSince: string | null;
}

export function emptyCompanyValues(): CompanyFormValues {
  return {
    name: '',
    vatNumber: '',
    taxCode: '',
    legalForm: '',
    atecoSection: null,
    seatIstat: null,
    outsideMetro: false,
    seatCity: '',
    seatStreet: '',
    seatNumber: '',
    sizeBand: null,
    employerOrgId: null,
    legalRepName: '',
    legalRepRole: '',
    phone: '',
    email: '',
    pec: '',
    notes: '',
    boardMember: false,
    boardSince: null,
  };
}

export function valuesFromCompany(c: CompanyDetail): CompanyFormValues {
  return {
    ...emptyCompanyValues(),
    name: c.name,
    vatNumber: c.vatNumber,
    // the codice fiscale is shown only when it differs from the partita IVA
    taxCode: c.taxCode && c.taxCode !== c.vatNumber ? c.taxCode : '',
    legalForm: c.legalForm ?? '',
    atecoSection: c.atecoSection,
    seatIstat: c.seatIstat,
    outsideMetro: c.outsideMetro,
    seatCity: c.outsideMetro ? c.seatCity : '',
    seatStreet: c.seatStreet ?? '',
    seatNumber: c.seatNumber ?? '',
    sizeBand: c.sizeBand,
    employerOrgId: c.employerOrgId === null ? null : String(c.employerOrgId),
    legalRepName: c.legalRepName ?? '',
    legalRepRole: c.legalRepRole ?? '',
    phone: c.phone ?? '',
    email: c.email ?? '',
    pec: c.pec ?? '',
    notes: c.notes ?? '',
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function companyInputFrom(v: CompanyFormValues, original: CompanyDetail | null = null): CompanyInput {
  const vat = validatePartitaIva(v.vatNumber);
  return {
    name: v.name.trim(),
    vatNumber: v.vatNumber.trim(),
    // left empty: a codice fiscale that was the partita IVA itself follows it
    taxCode: orNull(v.taxCode) ?? (original && original.taxCode === original.vatNumber && vat.ok ? vat.value : null),
    legalForm: orNull(v.legalForm),
    atecoSection: v.atecoSection,
    seatIstat: v.outsideMetro ? null : v.seatIstat,
    outsideMetro: v.outsideMetro,
    seatCity: v.outsideMetro ? orNull(v.seatCity) : null,
    seatStreet: orNull(v.seatStreet),
    seatNumber: orNull(v.seatNumber),
    sizeBand: v.sizeBand,
    employerOrgId: v.employerOrgId ? Number(v.employerOrgId) : null,
    legalRepName: orNull(v.legalRepName),
    legalRepRole: orNull(v.legalRepRole),
    phone: orNull(v.phone),
    email: orNull(v.email),
    pec: orNull(v.pec),
    notes: orNull(v.notes),
  };
}

const required = (value: string | null, message: string) => (value && value.trim() ? null : message);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client-side checks, in Italian; the server checks again. */
export const companyFormValidation = {
  name: (v: string) => required(v, 'Inserire la ragione sociale'),
  vatNumber: (v: string) => {
    if (!v.trim()) return 'Inserire la partita IVA';
    const result = validatePartitaIva(v);
    return result.ok ? null : result.error;
  },
  seatIstat: (v: string | null, values: CompanyFormValues) => (values.outsideMetro || v ? null : 'Indicare il comune della sede, oppure spuntare «Sede fuori dalla Città metropolitana»'),
  seatCity: (v: string, values: CompanyFormValues) => (values.outsideMetro ? required(v, 'Indicare il comune della sede') : null),
  phone: (v: string) => (!v.trim() || /^\+?[0-9 ./-]{6,20}$/.test(v.trim()) ? null : 'Numero di telefono non valido: solo cifre, spazi e +'),
  email: (v: string) => (!v.trim() || EMAIL.test(v.trim()) ? null : 'Indirizzo email non valido'),
  pec: (v: string) => (!v.trim() || EMAIL.test(v.trim()) ? null : 'Indirizzo PEC non valido'),
  boardSince: (v: string | null, values: CompanyFormValues) => {
    if (!values.boardMember) return null;
    if (!v) return 'Indicare da quando l’azienda fa parte del Board';
    return v > todayIso() ? 'La data non può essere nel futuro' : null;
  },
};
