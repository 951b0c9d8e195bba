import { randomId } from '@mantine/hooks';
import type { PersonDetail, PersonInput, RegistrationPrivacy } from '../../../../electron/contract/people';
import { decodeCodiceFiscale, validateCodiceFiscale } from '../../../../electron/domain/codiceFiscale';
import { todayIso } from '../../../../electron/domain/dates';

/** One row of «Esperienze lavorative»; `key` only identifies the row on screen. */
export interface WorkExperienceValues {
  key: string;
  role: string;
  employer: string;
  startDate: string | null;
  endDate: string | null;
  description: string;
}

/** The registration / edit form's values: field names follow the contract, so server errors land on the right field. */
export interface PersonFormValues {
  lastName: string;
  firstName: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  /** A cadastral code from the list, OTHER_PLACE for a place typed by hand, or null. */
  birthPlaceCode: string | null;
  birthPlaceText: string;
  citizenship: string;
  nationalityGroup: 'IT' | 'UE' | 'EXTRA_UE' | null;
  taxCode: string;
  taxCodeMissing: boolean;
  taxCodeMissingReason: string;
  domicileIstat: string | null;
  domicileStreet: string;
  domicileNumber: string;
  outsideMetro: boolean;
  outsideMetroCity: string;
  phone: string;
  email: string;
  /** ISCED level as a Select value ('0'…'8'). */
  educationIsced: string | null;
  languages: string[];
  /** Licence categories, stored as "B, C". */
  drivingLicence: string[];
  skills: string[];
  workExperiences: WorkExperienceValues[];
  /** Informativa privacy, only when registering: signed (on a day), or why it is missing. */
  privacySigned: boolean;
  privacyAcknowledgedOn: string | null;
  privacyMissingReason: string;
  /** Presa in carico, only when registering a new person. */
  channelCode: string | null;
  referringOrgId: string | null;
  referringPoint: string;
  applicationDate: string | null;
  referentUserId: string | null;
}

export const OTHER_PLACE = 'altro';

export const ISCED_LEVELS: { value: string; label: string }[] = [
  ['0', 'Nessun titolo'],
  ['1', 'Licenza elementare'],
  ['2', 'Licenza media'],
  ['3', 'Diploma superiore / qualifica'],
  ['4', 'Post-diploma'],
  ['5', 'ITS'],
  ['6', 'Laurea triennale'],
  ['7', 'Laurea magistrale'],
  ['8', 'Dottorato'],
].map(([value, label]) => ({ value: value!, label: `${label} (ISCED ${value})` }));

export const LICENCE_CATEGORIES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C', 'CE', 'D1', 'D', 'DE', 'CQC merci', 'CQC persone', 'KB'];

export const NATIONALITY_GROUPS = [
  { value: 'IT', label: 'Italia' },
  { value: 'UE', label: 'Unione europea' },
  { value: 'EXTRA_UE', label: 'Extra UE' },
];

export function emptyExperience(): WorkExperienceValues {
  return { key: randomId(), role: '', employer: '', startDate: null, endDate: null, description: '' };
}

export function emptyPersonValues(referentUserId: number | null): PersonFormValues {
  return {
    lastName: '',
    firstName: '',
    sex: null,
    birthDate: null,
    birthPlaceCode: null,
    birthPlaceText: '',
    citizenship: '',
    nationalityGroup: null,
    taxCode: '',
    taxCodeMissing: false,
    taxCodeMissingReason: '',
    domicileIstat: null,
    domicileStreet: '',
    domicileNumber: '',
    outsideMetro: false,
    outsideMetroCity: '',
    phone: '',
    email: '',
    educationIsced: null,
    languages: [],
    drivingLicence: [],
    skills: [],
    workExperiences: [],
    privacySigned: false,
    privacyAcknowledgedOn: todayIso(),
    privacyMissingReason: '',
    channelCode: null,
    referringOrgId: null,
    referringPoint: '',
    applicationDate: todayIso(),
    referentUserId: referentUserId === null ? null : String(referentUserId),
  };
}

export function valuesFromPerson(p: PersonDetail): PersonFormValues {
  return {
    ...emptyPersonValues(null),
    lastName: p.lastName,
    firstName: p.firstName,
    sex: p.sex,
    birthDate: p.birthDate,
    birthPlaceCode: p.birthPlaceCode ?? (p.birthPlaceName ? OTHER_PLACE : null),
    birthPlaceText: p.birthPlaceCode ? '' : (p.birthPlaceName ?? ''),
    citizenship: p.citizenship ?? '',
    nationalityGroup: p.nationalityGroup,
    taxCode: p.taxCode ?? '',
    taxCodeMissing: !p.taxCode && !!p.taxCodeMissingReason,
    taxCodeMissingReason: p.taxCodeMissingReason ?? '',
    domicileIstat: p.domicileIstat,
    domicileStreet: p.domicileStreet ?? '',
    domicileNumber: p.domicileNumber ?? '',
    outsideMetro: p.outsideMetro,
    outsideMetroCity: p.outsideMetroCity ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    educationIsced: p.educationIsced === null ? null : String(p.educationIsced),
    languages: p.languages,
    drivingLicence: splitLicence(p.drivingLicence),
    skills: p.skills,
    workExperiences: p.workExperiences.map((e) => ({
      key: String(e.id),
      role: e.role,
      employer: e.employer ?? '',
      startDate: e.startDate,
      endDate: e.endDate,
      description: e.description ?? '',
    })),
    applicationDate: null,
  };
}

function splitLicence(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s.toLowerCase() !== 'nessuna');
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The person part of the form as the API's input. */
export function personInputFrom(v: PersonFormValues): PersonInput {
  const otherPlace = v.birthPlaceCode === OTHER_PLACE;
  return {
    lastName: v.lastName.trim(),
    firstName: v.firstName.trim(),
    sex: v.sex ?? 'M',
    birthDate: v.birthDate ?? '',
    birthPlaceCode: otherPlace ? null : v.birthPlaceCode,
    birthPlaceText: otherPlace ? orNull(v.birthPlaceText) : null,
    taxCode: v.taxCodeMissing ? null : orNull(v.taxCode),
    taxCodeMissingReason: v.taxCodeMissing ? orNull(v.taxCodeMissingReason) : null,
    citizenship: orNull(v.citizenship),
    nationalityGroup: v.nationalityGroup,
    domicileIstat: v.outsideMetro ? null : v.domicileIstat,
    domicileStreet: orNull(v.domicileStreet),
    domicileNumber: orNull(v.domicileNumber),
    outsideMetro: v.outsideMetro,
    outsideMetroCity: v.outsideMetro ? orNull(v.outsideMetroCity) : null,
    phone: orNull(v.phone),
    email: orNull(v.email),
    educationIsced: v.educationIsced === null ? null : Number(v.educationIsced),
    languages: v.languages,
    drivingLicence: v.drivingLicence.length > 0 ? v.drivingLicence.join(', ') : null,
    skills: v.skills,
    workExperiences: v.workExperiences.map((e) => ({
      role: e.role.trim(),
      employer: orNull(e.employer),
      startDate: e.startDate,
      endDate: e.endDate,
      description: orNull(e.description),
    })),
  };
}

/** The registration's privacy notice as the API's input: the day signed (the server picks the version in force), or the reason it is missing. */
export function registrationPrivacyFrom(v: PersonFormValues): RegistrationPrivacy {
  return v.privacySigned ? { privacyAcknowledgedOn: v.privacyAcknowledgedOn } : { privacyMissingReason: orNull(v.privacyMissingReason) };
}

/** The presa in carico part of the form, opened with the person by people.register. */
export function caseOpeningFrom(v: PersonFormValues) {
  return {
    channelCode: v.channelCode ?? '',
    referringOrgId: v.referringOrgId ? Number(v.referringOrgId) : null,
    referringPoint: orNull(v.referringPoint),
    applicationDate: v.applicationDate ?? todayIso(),
    referentUserId: v.referentUserId ? Number(v.referentUserId) : null,
  };
}

/** The codice fiscale as typed, when it is a valid one (normalised), else null. */
export function validTaxCode(v: Pick<PersonFormValues, 'taxCode' | 'taxCodeMissing'>): string | null {
  if (v.taxCodeMissing) return null;
  const result = validateCodiceFiscale(v.taxCode);
  return result.ok ? result.value : null;
}

/**
 * What a valid code contradicts among sex, birth date and birth place (the server refuses these);
 * the year is compared within the century, as the code has two digits for it.
 */
export function taxCodeContradicts(code: string, v: PersonFormValues): string[] {
  const decoded = decodeCodiceFiscale(code);
  const out: string[] = [];
  if (v.sex && v.sex !== decoded.sex) out.push('sesso');
  if (v.birthDate && decoded.birthDate && v.birthDate.slice(2) !== decoded.birthDate.slice(2)) out.push('data di nascita');
  if (v.birthPlaceCode && v.birthPlaceCode !== OTHER_PLACE && v.birthPlaceCode !== decoded.birthPlaceCode) out.push('luogo di nascita');
  return out;
}

const required = (value: string | null, message: string) => (value && value.trim() ? null : message);

function pastDate(value: string | null, label: string): string | null {
  if (!value) return null;
  if (value > todayIso()) return `${label}: la data non può essere nel futuro`;
  if (value < '1900-01-01') return `${label}: data non plausibile`;
  return null;
}

/** Client-side checks, in Italian; the server checks again. */
export function personFormValidation(isNew: boolean) {
  return {
    lastName: (v: string) => required(v, 'Inserire il cognome'),
    firstName: (v: string) => required(v, 'Inserire il nome'),
    sex: (v: string | null) => (v ? null : 'Indicare il sesso'),
    birthDate: (v: string | null) => (v ? pastDate(v, 'Data di nascita') : 'Inserire la data di nascita'),
    birthPlaceText: (v: string, values: PersonFormValues) => (values.birthPlaceCode === OTHER_PLACE ? required(v, 'Scrivere il luogo di nascita') : null),
    taxCode: (v: string, values: PersonFormValues) => {
      if (values.taxCodeMissing) return null;
      if (!v.trim()) return 'Inserire il codice fiscale, oppure spuntare «Codice fiscale non disponibile»';
      const result = validateCodiceFiscale(v);
      if (!result.ok) return result.error;
      const contradicted = taxCodeContradicts(result.value, values);
      return contradicted.length > 0 ? `Il codice fiscale non corrisponde a: ${contradicted.join(', ')}` : null;
    },
    taxCodeMissingReason: (v: string, values: PersonFormValues) => (values.taxCodeMissing ? required(v, 'Indicare perché il codice fiscale non è disponibile') : null),
    domicileIstat: (v: string | null, values: PersonFormValues) =>
      values.outsideMetro || v ? null : 'Indicare il comune di domicilio, oppure spuntare «Fuori dalla Città metropolitana»',
    outsideMetroCity: (v: string, values: PersonFormValues) => (values.outsideMetro ? required(v, 'Indicare la città di domicilio') : null),
    phone: (v: string) => (!v.trim() || /^\+?[0-9 ./-]{6,20}$/.test(v.trim()) ? null : 'Numero di telefono non valido: solo cifre, spazi e +'),
    email: (v: string) => (!v.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : 'Indirizzo email non valido'),
    workExperiences: {
      role: (v: string) => required(v, 'Inserire la mansione'),
      endDate: (v: string | null, values: PersonFormValues, path: string) => {
        const start = values.workExperiences[Number(path.split('.')[1])]?.startDate;
        return v && start && v < start ? 'La data di fine non può essere prima della data di inizio' : null;
      },
    },
    privacyAcknowledgedOn: (v: string | null, values: PersonFormValues) =>
      isNew && values.privacySigned ? (v ? pastDate(v, 'Informativa privacy') : 'Indicare il giorno in cui la persona ha firmato l’informativa') : null,
    privacyMissingReason: (v: string, values: PersonFormValues) =>
      isNew && !values.privacySigned ? required(v, 'Spuntare «Ha firmato l’informativa», oppure indicare perché manca') : null,
    channelCode: (v: string | null) => (isNew && !v ? 'Indicare il canale di accesso' : null),
    applicationDate: (v: string | null) => (isNew ? (v ? pastDate(v, 'Data della domanda') : 'Inserire la data della domanda') : null),
  };
}
