import type { TemplateDefinition } from '../contract/assessments';
import type { Input, MethodName, Output } from '../contract/index';
import type { AppCore } from '../api/core';
import { callOk } from './calls';
import { sqlInsert, sqlRun, sqlValue } from './sql';

/**
 * Test helpers for the paths and matching tests: people taken in charge through the API as the UI
 * does (registration with the case, interview, L.R. 14 assessment, taking in charge), and companies and needs
 * written directly (the companies area owns their API).
 */

/** Answers worth `total` points: enough items at their highest option, the rest at 0. */
export function answersFor(definition: TemplateDefinition, total: number): { itemCode: string; optionCode: string }[] {
  let left = total;
  return definition.dimensions.flatMap((d) =>
    d.items.map((item) => {
      const sorted = [...item.options].sort((a, b) => b.points - a.points);
      const option = sorted.find((o) => o.points <= left) ?? (sorted[sorted.length - 1] as (typeof sorted)[number]);
      left -= option.points;
      return { itemCode: item.code, optionCode: option.code };
    }),
  );
}

export interface PersonSpec {
  lastName: string;
  firstName?: string;
  skills?: string[];
  domicileIstat?: string | null;
  roles?: string[];
  /** L.R. 14 points of the assessment (11–30 is the target band) */
  points?: number;
  /** how far the case goes: 'iscritto' stops after the registration, 'valutato' after the assessment */
  stage?: 'iscritto' | 'valutato' | 'in_carico';
  applicationDate?: string;
  interviewDate?: string;
}

export class PathsFixture {
  private seq = 0;
  constructor(
    private readonly core: AppCore,
    private readonly token: string,
  ) {}

  ok<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
    return callOk(this.core, method, input, this.token);
  }

  /** A person registered and taken along the funnel up to `stage`; returns the person and case ids. */
  async person(spec: PersonSpec): Promise<{ personId: number; caseId: number }> {
    this.seq++;
    const applicationDate = spec.applicationDate ?? '2025-01-07';
    const interviewDate = spec.interviewDate ?? '2025-01-20';
    const { personId, caseId } = await this.ok('people.register', {
      lastName: spec.lastName,
      firstName: spec.firstName ?? 'Anna',
      sex: 'F',
      birthDate: `19${70 + (this.seq % 25)}-0${1 + (this.seq % 9)}-1${this.seq % 10}`,
      taxCodeMissingReason: 'In attesa di attribuzione',
      privacyAcknowledgedOn: '2024-01-15',
      domicileIstat: spec.domicileIstat === undefined ? '037006' : spec.domicileIstat,
      // null: a domicile outside the Città metropolitana
      outsideMetro: spec.domicileIstat === null,
      outsideMetroCity: spec.domicileIstat === null ? 'Modena' : null,
      skills: spec.skills ?? [],
      workExperiences: (spec.roles ?? []).map((role) => ({ role, employer: 'Ditta precedente', startDate: '2015-01-01', endDate: '2018-12-31' })),
      acknowledgedDuplicates: [],
      channelCode: 'modulo_online',
      applicationDate,
    });
    if (caseId === null) throw new Error(`${spec.lastName}: già registrata`);
    if (spec.stage === 'iscritto') return { personId, caseId };
    await this.ok('cases.transition', { caseId, to: 'colloquio_fissato', date: applicationDate, interviewOn: interviewDate });
    const template = await this.ok('assessments.template', {});
    await this.ok('assessments.create', { caseId, templateId: template.id, assessedOn: interviewDate, answers: answersFor(template.definition, spec.points ?? 18) });
    if (spec.stage === 'valutato') return { personId, caseId };
    const band = (spec.points ?? 18) > 30 || (spec.points ?? 18) < 11;
    await this.ok('cases.transition', { caseId, to: 'in_carico', date: interviewDate, note: band ? 'Presa in carico su decisione del coordinamento' : null });
    return { personId, caseId };
  }

  /** A company written directly; returns its id. */
  async company(name: string, seatIstat = '037006'): Promise<number> {
    const now = new Date().toISOString();
    const vat = String(10_000_000_000 + this.nextId()).slice(-11);
    const store = this.core.store;
    const seat = await sqlValue<string>(store, 'SELECT name FROM comuni WHERE istat_code = ?', seatIstat);
    return sqlInsert(
      store,
      'INSERT INTO companies (name, name_key, vat_number, seat_istat, seat_city, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      name, name.toLowerCase().replace(/[^a-z]/g, ''), vat, seatIstat, seat, now, now,
    );
  }

  /** A need of a company written directly, with its skills; returns its id. */
  async need(companyId: number, spec: { role: string; instrument?: string; skills: string[]; districtCode?: string | null; status?: string }): Promise<number> {
    const now = new Date().toISOString();
    const store = this.core.store;
    const needId = await sqlInsert(
      store,
      "INSERT INTO needs (company_id, role, positions, instrument_code, period_from, district_code, status, created_at, updated_at) VALUES (?, ?, 2, ?, '2025-02-01', ?, ?, ?, ?)",
      companyId, spec.role, spec.instrument ?? 'tirocinio', spec.districtCode ?? null, spec.status ?? 'aperto', now, now,
    );
    for (const skill of spec.skills) await sqlRun(store, 'INSERT INTO need_skills (need_id, skill) VALUES (?, ?)', needId, skill);
    return needId;
  }

  private idSeq = 0;
  private nextId(): number {
    this.idSeq++;
    return this.idSeq * 7919;
  }
}
