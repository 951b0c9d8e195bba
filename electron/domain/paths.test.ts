import { describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  canTransitionIntervention,
  checkIntervention,
  checkTraineeship,
  daysBetween,
  daysToPlacement,
  INTERVENTION_STATUSES,
  isJobReady,
  lastDayAfterMonths,
  matchScore,
  skillsReason,
  traineeshipMaxMonths,
  type InterventionData,
  type InterventionStatus,
} from './paths';

const traineeship = (over: Partial<Parameters<typeof checkTraineeship>[0]> = {}) =>
  checkTraineeship({ monthlyIndemnityCents: 45_000, inclusiveTraineeship: false, months: 6, traineeCategory: null, startDate: null, endDate: null, ...over });

describe('traineeship indemnity (Emilia-Romagna minimum € 450, DGR 1143/2019)', () => {
  it('accepts € 450,00 and more', () => {
    expect(traineeship({ monthlyIndemnityCents: 45_000 })).toEqual({});
    expect(traineeship({ monthlyIndemnityCents: 60_000 })).toEqual({});
  });
  it('refuses € 449,99 and € 400 unless the traineeship is inclusive', () => {
    expect(traineeship({ monthlyIndemnityCents: 44_999 }).monthlyIndemnityCents).toMatch(/almeno € 450,00.*inclusione \(DGR 1143\/2019\)/);
    expect(traineeship({ monthlyIndemnityCents: 40_000 }).monthlyIndemnityCents).toBeDefined();
    expect(traineeship({ monthlyIndemnityCents: 40_000, inclusiveTraineeship: true })).toEqual({});
  });
  it('refuses a negative indemnity even for an inclusive traineeship', () => {
    expect(traineeship({ monthlyIndemnityCents: -1, inclusiveTraineeship: true }).monthlyIndemnityCents).toBe('L’indennità non può essere negativa');
  });
  it('leaves a missing indemnity to the start checks', () => {
    expect(traineeship({ monthlyIndemnityCents: null })).toEqual({});
  });
});

describe('traineeship length', () => {
  it('is 6 months at most, 12 for disadvantaged people, 24 for disability and inclusive traineeships', () => {
    expect(traineeshipMaxMonths(null, false)).toBe(6);
    expect(traineeshipMaxMonths('ordinario', false)).toBe(6);
    expect(traineeshipMaxMonths('svantaggiato', false)).toBe(12);
    expect(traineeshipMaxMonths('disabile', false)).toBe(24);
    expect(traineeshipMaxMonths(null, true)).toBe(24);
    expect(traineeshipMaxMonths('svantaggiato', true)).toBe(24);
  });
  it('checks the months', () => {
    expect(traineeship({ months: 6 })).toEqual({});
    expect(traineeship({ months: 7 }).months).toMatch(/^Un tirocinio dura al massimo 6 mesi salvo/);
    expect(traineeship({ months: 12, traineeCategory: 'svantaggiato' })).toEqual({});
    expect(traineeship({ months: 13, traineeCategory: 'svantaggiato' }).months).toBe('Un tirocinio dura al massimo 12 mesi per una persona svantaggiata');
    expect(traineeship({ months: 24, traineeCategory: 'disabile' })).toEqual({});
    expect(traineeship({ months: 25, traineeCategory: 'disabile' }).months).toBeDefined();
    expect(traineeship({ months: 24, inclusiveTraineeship: true })).toEqual({});
    expect(traineeship({ months: 25, inclusiveTraineeship: true }).months).toBe('Un tirocinio dura al massimo 24 mesi per un tirocinio di inclusione');
    expect(traineeship({ months: 0 }).months).toBe('La durata deve essere di almeno un mese');
  });
  it('checks the dates: six months from 01/03 end on 31/08 at the latest', () => {
    expect(traineeship({ months: null, startDate: '2025-03-01', endDate: '2025-08-31' })).toEqual({});
    expect(traineeship({ months: null, startDate: '2025-03-01', endDate: '2025-09-01' }).endDate).toBe(
      'Un tirocinio dura al massimo 6 mesi salvo persone svantaggiate (12), con disabilità o tirocini di inclusione (24): con questo inizio deve finire entro il 31/08/2025',
    );
    expect(traineeship({ months: null, traineeCategory: 'svantaggiato', startDate: '2025-03-01', endDate: '2026-02-28' })).toEqual({});
    expect(traineeship({ months: null, traineeCategory: 'svantaggiato', startDate: '2025-03-01', endDate: '2026-03-01' }).endDate).toBeDefined();
  });
});

describe('dates', () => {
  it('adds months clamped to the end of the month', () => {
    expect(addMonthsIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsIso('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsIso('2025-11-15', 3)).toBe('2026-02-15');
    expect(lastDayAfterMonths('2025-03-01', 6)).toBe('2025-08-31');
  });
  it('counts days across months and leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-03-31', '2024-03-30')).toBe(-1);
    // a day-saving change (last Sunday of March) does not shift the count
    expect(daysBetween('2025-03-01', '2025-04-22')).toBe(52);
  });
});

describe('days from the first interview to the placement', () => {
  const iv = (id: number, instrument: 'inserimento' | 'tirocinio' | 'formazione', status: InterventionStatus, startDate: string | null) => ({ id, instrument, status, startDate });
  it('counts to the first hire that started', () => {
    const placement = daysToPlacement('2024-01-10', [
      iv(1, 'formazione', 'concluso', '2024-01-20'),
      iv(2, 'tirocinio', 'concluso', '2024-02-01'),
      iv(3, 'inserimento', 'attivo', '2024-08-01'),
      iv(4, 'inserimento', 'concluso', '2024-07-01'),
    ]);
    expect(placement).toEqual({ interventionId: 4, instrument: 'inserimento', startDate: '2024-07-01', days: 173 });
  });
  it('falls back to the first traineeship without a hire', () => {
    expect(daysToPlacement('2024-01-10', [iv(2, 'tirocinio', 'interrotto', '2024-03-01'), iv(5, 'tirocinio', 'attivo', '2024-02-01')])).toEqual({
      interventionId: 5,
      instrument: 'tirocinio',
      startDate: '2024-02-01',
      days: 22,
    });
  });
  it('ignores proposals and is null without a first interview or a placement', () => {
    expect(daysToPlacement('2024-01-10', [iv(3, 'inserimento', 'proposto', '2024-05-01')])).toBeNull();
    expect(daysToPlacement(null, [iv(3, 'inserimento', 'attivo', '2024-05-01')])).toBeNull();
    expect(daysToPlacement('2024-01-10', [iv(1, 'formazione', 'concluso', '2024-01-20')])).toBeNull();
  });
});

describe('intervention statuses', () => {
  it('follows proposto → attivo → concluso | interrotto and proposto → interrotto only', () => {
    const allowed = new Set(['proposto>attivo', 'proposto>interrotto', 'attivo>concluso', 'attivo>interrotto']);
    for (const from of INTERVENTION_STATUSES) {
      for (const to of INTERVENTION_STATUSES) expect(canTransitionIntervention(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
    }
  });
});

const base: InterventionData = {
  instrument: 'tirocinio', status: 'proposto', companyId: 1, startDate: null, endDate: null, outcome: null, contractType: null, hireKind: null,
  weeklyHours: null, tutorName: null, monthlyIndemnityCents: null, months: null, inclusiveTraineeship: false, traineeCategory: null,
  courseName: null, courseHours: null, completed: null, certificate: null, businessIdea: null, grantCents: null, lender: null, loanCents: null, projectName: null,
};
const TODAY = '2025-06-30';

describe('checkIntervention', () => {
  it('lets a proposal be incomplete but never breaks the traineeship rules', () => {
    expect(checkIntervention(base, TODAY)).toEqual({});
    expect(checkIntervention({ ...base, monthlyIndemnityCents: 40_000 }, TODAY)).toHaveProperty('monthlyIndemnityCents');
  });
  it('asks what a traineeship needs before it starts', () => {
    expect(checkIntervention({ ...base, status: 'attivo' }, TODAY)).toEqual({
      startDate: 'Indicare la data di inizio',
      monthlyIndemnityCents: 'Indicare l’indennità mensile',
      tutorName: 'Indicare il tutor aziendale',
      months: 'Indicare la durata in mesi o la data di fine',
    });
    const ready = { ...base, status: 'attivo' as const, startDate: '2025-06-01', monthlyIndemnityCents: 45_000, tutorName: 'Anna Neri', months: 6 };
    expect(checkIntervention(ready, TODAY)).toEqual({});
    expect(checkIntervention({ ...ready, startDate: '2025-07-01' }, TODAY).startDate).toBe('Un intervento avviato non può iniziare nel futuro');
  });
  it('asks a hire for its company, contract type and hire kind', () => {
    const hire = { ...base, instrument: 'inserimento' as const, companyId: null, status: 'attivo' as const, startDate: '2025-06-01' };
    expect(checkIntervention(hire, TODAY)).toEqual({
      companyId: 'Indicare l’azienda che assume',
      contractType: 'Indicare il tipo di contratto',
      hireKind: 'Indicare se è il primo inserimento, un nuovo contratto o una proroga',
    });
    expect(checkIntervention({ ...hire, companyId: 3, contractType: 'determinato', hireKind: 'proroga', weeklyHours: 30 }, TODAY)).toEqual({});
    expect(checkIntervention({ ...hire, companyId: 3, contractType: 'determinato', hireKind: 'primo', weeklyHours: 60 }, TODAY).weeklyHours).toBeDefined();
  });
  it('asks a closed intervention for its end date and outcome', () => {
    const course = { ...base, instrument: 'formazione' as const, companyId: null, courseName: 'Corso OSS', status: 'concluso' as const, startDate: '2025-01-10' };
    expect(checkIntervention(course, TODAY)).toEqual({ endDate: 'Indicare la data di fine', outcome: 'Indicare l’esito' });
    expect(checkIntervention({ ...course, endDate: '2025-01-09', outcome: 'Completato' }, TODAY).endDate).toBe('La data di fine non può precedere quella di inizio');
    expect(checkIntervention({ ...course, endDate: '2025-05-09', outcome: 'Completato', completed: false, certificate: 'Qualifica OSS' }, TODAY).certificate).toBeDefined();
    expect(checkIntervention({ ...course, endDate: '2025-05-09', outcome: 'Completato', completed: true, certificate: 'Qualifica OSS' }, TODAY)).toEqual({});
  });
  it('does not ask a proposal withdrawn before starting for start data', () => {
    expect(checkIntervention({ ...base, status: 'interrotto', endDate: '2025-06-10', outcome: 'La persona ha rinunciato' }, TODAY)).toEqual({});
  });
  it('asks each instrument for its own essentials once it starts', () => {
    const none = { ...base, companyId: null };
    expect(checkIntervention({ ...none, instrument: 'autoimpiego' }, TODAY)).toEqual({});
    const started = { ...none, status: 'attivo' as const, startDate: '2025-06-01' };
    expect(checkIntervention({ ...started, instrument: 'autoimpiego' }, TODAY)).toEqual({ businessIdea: 'Descrivere l’idea d’impresa' });
    expect(checkIntervention({ ...started, instrument: 'formazione' }, TODAY)).toEqual({ courseName: 'Indicare il corso' });
    expect(checkIntervention({ ...started, instrument: 'credito', lender: 'Banca Etica', loanCents: 0 }, TODAY)).toEqual({ loanCents: 'L’importo del prestito deve essere maggiore di zero' });
    expect(checkIntervention({ ...started, instrument: 'pon' }, TODAY)).toEqual({ projectName: 'Indicare il progetto' });
  });
});

describe('matching score', () => {
  it('weighs skills, district, readiness and experience out of 100', () => {
    expect(matchScore({ matchedSkills: 4, needSkills: 4, sameDistrict: true, ready: true, experienceInRole: true })).toBe(100);
    expect(matchScore({ matchedSkills: 3, needSkills: 4, sameDistrict: true, ready: true, experienceInRole: false })).toBe(78);
    expect(matchScore({ matchedSkills: 1, needSkills: 2, sameDistrict: false, ready: false, experienceInRole: false })).toBe(25);
    expect(matchScore({ matchedSkills: 0, needSkills: 0, sameDistrict: true, ready: false, experienceInRole: false })).toBe(20);
  });
  it('reads readiness from the lower half of the target band', () => {
    const thresholds = { strongBelow: 11, fragileAbove: 30 };
    expect(isJobReady(20, thresholds)).toBe(true);
    expect(isJobReady(21, thresholds)).toBe(false);
    expect(isJobReady(null, thresholds)).toBe(false);
  });
  it('says which skills match', () => {
    expect(skillsReason(['magazzino', 'muletto', 'logistica'], 4)).toBe('3 competenze su 4: magazzino, muletto, logistica');
    expect(skillsReason(['pulizie'], 1)).toBe('1 competenza su 1: pulizie');
  });
});
