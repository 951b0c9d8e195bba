import { describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../../electron/contract/people';
import { computeCodiceFiscale } from '../../../../electron/domain/codiceFiscale';
import { todayIso } from '../../../../electron/domain/dates';
import { emptyPersonValues, OTHER_PLACE, personFormValidation, personInputFrom, type PersonFormValues, registrationPrivacyFrom, taxCodeContradicts, validTaxCode, valuesFromPerson } from './personForm';

const MARIA_CF = computeCodiceFiscale({ lastName: 'Rossi', firstName: 'Maria', sex: 'F', birthDate: '1980-03-15', birthPlaceCode: 'A944' });

function values(change: Partial<PersonFormValues> = {}): PersonFormValues {
  return { ...emptyPersonValues(7), lastName: 'Rossi', firstName: 'Maria', sex: 'F', birthDate: '1980-03-15', birthPlaceCode: 'A944', taxCode: MARIA_CF, domicileIstat: '037006', ...change };
}

const PERSON: PersonDetail = {
  id: 12,
  lastName: 'Bianchi',
  firstName: 'Luca',
  sex: 'M',
  birthDate: '1975-11-02',
  birthPlaceCode: null,
  birthPlaceName: 'Tirana',
  taxCode: null,
  taxCodeMissingReason: 'In attesa di rilascio',
  citizenship: 'Albania',
  nationalityGroup: 'EXTRA_UE',
  domicileIstat: '037006',
  domicileComune: 'Bologna',
  district: 'Città di Bologna',
  domicileStreet: 'Via Indipendenza',
  domicileNumber: '8',
  outsideMetro: false,
  outsideMetroCity: null,
  phone: '333 1234567',
  email: null,
  educationIsced: 3,
  languages: ['Italiano'],
  drivingLicence: 'B, C',
  skills: ['Magazzino'],
  workExperiences: [{ id: 5, employer: null, role: 'Magazziniere', startDate: '2019-01-01', endDate: null, description: null }],
  cvDocumentId: null,
  privacyAcknowledgements: [{ id: 3, noticeId: 2, version: '2018-05', acknowledgedOn: '2024-02-01', recordedBy: 'Anna Bianchi', recordedAt: '2024-02-01T10:00:00Z' }],
  privacyMissingReason: null,
  mergedIntoId: null,
  anonymisedAt: null,
  version: 1,
  createdAt: '2024-02-01T10:00:00Z',
  updatedAt: '2024-02-01T10:00:00Z',
  personalDataHidden: false,
};

describe('personForm', () => {
  it('starts a registration today, with the referent chosen', () => {
    const v = emptyPersonValues(7);
    expect(v.applicationDate).toBe(todayIso());
    expect(v.referentUserId).toBe('7');
    expect(emptyPersonValues(null).referentUserId).toBeNull();
  });

  it('fills the edit form from a person: typed birth place, missing code with its reason, licences as a list', () => {
    const v = valuesFromPerson(PERSON);
    expect(v.birthPlaceCode).toBe(OTHER_PLACE);
    expect(v.birthPlaceText).toBe('Tirana');
    expect(v.taxCodeMissing).toBe(true);
    expect(v.taxCodeMissingReason).toBe('In attesa di rilascio');
    expect(v.drivingLicence).toEqual(['B', 'C']);
    expect(v.educationIsced).toBe('3');
    expect(v.email).toBe('');
    expect(v.workExperiences).toEqual([{ key: '5', role: 'Magazziniere', employer: '', startDate: '2019-01-01', endDate: null, description: '' }]);
    // an edit does not open a new case
    expect(v.applicationDate).toBeNull();
    expect(valuesFromPerson({ ...PERSON, drivingLicence: 'Nessuna' }).drivingLicence).toEqual([]);
    expect(valuesFromPerson({ ...PERSON, birthPlaceCode: 'A944', birthPlaceName: 'Bologna' })).toMatchObject({ birthPlaceCode: 'A944', birthPlaceText: '' });
  });

  it('gives back the same person as the API input', () => {
    const input = personInputFrom(valuesFromPerson(PERSON));
    expect(input).toMatchObject({
      lastName: 'Bianchi',
      birthPlaceCode: null,
      birthPlaceText: 'Tirana',
      taxCode: null,
      taxCodeMissingReason: 'In attesa di rilascio',
      domicileIstat: '037006',
      email: null,
      educationIsced: 3,
      drivingLicence: 'B, C',
    });
    // an edit leaves the privacy notice alone: it is signed from the person's page
    expect(input).not.toHaveProperty('privacyAcknowledgedOn');
    expect(input.workExperiences).toEqual([{ role: 'Magazziniere', employer: null, startDate: '2019-01-01', endDate: null, description: null }]);
  });

  it('trims what was typed and drops what the choices make irrelevant', () => {
    const input = personInputFrom(
      values({
        lastName: '  Rossi ',
        phone: '   ',
        taxCodeMissing: true,
        taxCodeMissingReason: ' Straniera ',
        outsideMetro: true,
        outsideMetroCity: ' Modena ',
        birthPlaceText: 'ignored',
        drivingLicence: [],
      }),
    );
    expect(input).toMatchObject({
      lastName: 'Rossi',
      phone: null,
      taxCode: null,
      taxCodeMissingReason: 'Straniera',
      domicileIstat: null,
      outsideMetroCity: 'Modena',
      birthPlaceCode: 'A944',
      birthPlaceText: null,
      drivingLicence: null,
    });
  });

  it('asks at registration for the day the notice was signed, or why it is missing', () => {
    const rules = personFormValidation(true);
    const unsigned = values({ privacySigned: false, privacyMissingReason: '  ' });
    expect(rules.privacyMissingReason(unsigned.privacyMissingReason, unsigned)).toBe('Spuntare «Ha firmato l’informativa», oppure indicare perché manca');
    expect(rules.privacyAcknowledgedOn(unsigned.privacyAcknowledgedOn, unsigned)).toBeNull();
    expect(registrationPrivacyFrom({ ...unsigned, privacyMissingReason: ' Segnalazione telefonica ' })).toEqual({ privacyMissingReason: 'Segnalazione telefonica' });

    const signed = values({ privacySigned: true, privacyAcknowledgedOn: null, privacyMissingReason: 'ignorato' });
    expect(rules.privacyAcknowledgedOn(null, signed)).toBe('Indicare il giorno in cui la persona ha firmato l’informativa');
    expect(rules.privacyAcknowledgedOn('2999-01-01', signed)).toBe('Informativa privacy: la data non può essere nel futuro');
    expect(rules.privacyMissingReason('', signed)).toBeNull();
    expect(registrationPrivacyFrom({ ...signed, privacyAcknowledgedOn: '2024-03-01' })).toEqual({ privacyAcknowledgedOn: '2024-03-01' });
    // editing a person does not ask
    expect(personFormValidation(false).privacyMissingReason('', unsigned)).toBeNull();
    expect(emptyPersonValues(null)).toMatchObject({ privacySigned: false, privacyAcknowledgedOn: todayIso(), privacyMissingReason: '' });
  });

  it('accepts a codice fiscale only when valid and not set aside', () => {
    expect(validTaxCode({ taxCode: MARIA_CF.toLowerCase(), taxCodeMissing: false })).toBe(MARIA_CF);
    expect(validTaxCode({ taxCode: MARIA_CF, taxCodeMissing: true })).toBeNull();
    expect(validTaxCode({ taxCode: `${MARIA_CF.slice(0, 15)}${MARIA_CF[15] === 'A' ? 'B' : 'A'}`, taxCodeMissing: false })).toBeNull();
  });

  it('names what the code contradicts, comparing the year within the century', () => {
    expect(taxCodeContradicts(MARIA_CF, values())).toEqual([]);
    expect(taxCodeContradicts(MARIA_CF, values({ birthDate: '1880-03-15' }))).toEqual([]);
    expect(taxCodeContradicts(MARIA_CF, values({ sex: 'M', birthDate: '1980-03-16', birthPlaceCode: 'F205' }))).toEqual(['sesso', 'data di nascita', 'luogo di nascita']);
    expect(taxCodeContradicts(MARIA_CF, values({ birthPlaceCode: OTHER_PLACE }))).toEqual([]);
  });

  describe('validation', () => {
    const check = (isNew: boolean, v: PersonFormValues) => {
      const rules = personFormValidation(isNew);
      return {
        lastName: rules.lastName(v.lastName),
        birthDate: rules.birthDate(v.birthDate),
        taxCode: rules.taxCode(v.taxCode, v),
        taxCodeMissingReason: rules.taxCodeMissingReason(v.taxCodeMissingReason, v),
        domicileIstat: rules.domicileIstat(v.domicileIstat, v),
        phone: rules.phone(v.phone),
        email: rules.email(v.email),
        channelCode: rules.channelCode(v.channelCode),
        applicationDate: rules.applicationDate(v.applicationDate),
      };
    };
    const clean = { lastName: null, birthDate: null, taxCode: null, taxCodeMissingReason: null, domicileIstat: null, phone: null, email: null, channelCode: null, applicationDate: null };

    it('lets a complete form through', () => {
      expect(check(true, values({ channelCode: 'sportello' }))).toEqual(clean);
    });

    it('asks in Italian for what is missing or wrong', () => {
      const v = values({ lastName: ' ', birthDate: '2999-01-01', taxCode: '', domicileIstat: null, phone: 'abc', email: 'maria@', channelCode: null, applicationDate: null });
      expect(check(true, v)).toEqual({
        lastName: 'Inserire il cognome',
        birthDate: 'Data di nascita: la data non può essere nel futuro',
        taxCode: 'Inserire il codice fiscale, oppure spuntare «Codice fiscale non disponibile»',
        taxCodeMissingReason: null,
        domicileIstat: 'Indicare il comune di domicilio, oppure spuntare «Fuori dalla Città metropolitana»',
        phone: 'Numero di telefono non valido: solo cifre, spazi e +',
        email: 'Indirizzo email non valido',
        channelCode: 'Indicare il canale di accesso',
        applicationDate: 'Inserire la data della domanda',
      });
    });

    it('asks for the case only when registering', () => {
      expect(check(false, values({ channelCode: null, applicationDate: null }))).toEqual(clean);
    });

    it('checks the code against sex, birth date and place, or asks why it is missing', () => {
      expect(check(true, values({ sex: 'M', channelCode: 'x' })).taxCode).toBe('Il codice fiscale non corrisponde a: sesso');
      const missing = check(true, values({ taxCode: '', taxCodeMissing: true, channelCode: 'x' }));
      expect(missing.taxCode).toBeNull();
      expect(missing.taxCodeMissingReason).toBe('Indicare perché il codice fiscale non è disponibile');
    });

    it('refuses a work experience that ends before it starts', () => {
      const endDate = personFormValidation(true).workExperiences.endDate;
      const v = values({ workExperiences: [{ key: 'a', role: 'Cuoca', employer: '', startDate: '2020-05-01', endDate: null, description: '' }] });
      expect(endDate('2020-04-30', v, 'workExperiences.0.endDate')).toBe('La data di fine non può essere prima della data di inizio');
      expect(endDate('2020-05-01', v, 'workExperiences.0.endDate')).toBeNull();
    });
  });
});
