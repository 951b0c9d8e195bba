import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../contract/index';
import { callOk, callRefused } from '../../testing/calls';
import { PathsFixture } from '../../testing/pathsFixture';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlOne } from '../../testing/sql';

/**
 * Matching on a small hand-built fixture: a traineeship need of a company in Budrio (Pianura Est) asking
 * for four skills, and people in and out of target.
 */

let t: TempCore;
let coordinator: string;
let finance: string;
let fx: PathsFixture;
let companyId: number;
let needId: number;
const people: Record<string, { personId: number; caseId: number }> = {};

const count = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const ok = <M extends MethodName>(method: M, input: Input<M>, token = coordinator) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token = coordinator) => callRefused(t.core, method, input, token);

const BUDRIO = '037008'; // Pianura Est
const CASTEL_MAGGIORE = '037019'; // Pianura Est
const BOLOGNA = '037006';

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  finance = await loginAs(t.core, admin, 'finanza');
  fx = new PathsFixture(t.core, coordinator);
  companyId = await fx.company('Logistica Pianura S.r.l.', BUDRIO);
  needId = await fx.need(companyId, { role: 'Magazziniere', instrument: 'tirocinio', skills: ['magazzino', 'muletto', 'logistica', 'carrellista'] });

  // three skills, in the district, ready (14 points), worked as a warehouse keeper
  people.anna = await fx.person({ lastName: 'Alfieri', skills: ['magazzino', 'muletto', 'logistica', 'cucina'], domicileIstat: BUDRIO, points: 14, roles: ['magazziniere'] });
  // every skill (written differently), in Bologna, to be accompanied (25 points)
  people.bruno = await fx.person({ lastName: 'Baldi', firstName: 'Bruno', skills: ['Magazzino', 'Muletto', 'LOGISTICA', 'carrellista'], domicileIstat: BOLOGNA, points: 25 });
  // one skill, in the district, ready
  people.carla = await fx.person({ lastName: 'Conti', firstName: 'Carla', skills: ['magazzino'], domicileIstat: CASTEL_MAGGIORE, points: 12 });
  // left out: an active intervention, a case only assessed, a fragile band, no skill in common; kept: a domicile outside the area
  people.dario = await fx.person({ lastName: 'Donati', firstName: 'Dario', skills: ['magazzino', 'muletto', 'logistica', 'carrellista'], domicileIstat: BUDRIO, points: 14 });
  await ok('paths.create', { caseId: people.dario.caseId, instrumentCode: 'formazione', courseName: 'Sicurezza sul lavoro', startDate: '2025-02-01', status: 'attivo' });
  people.elena = await fx.person({ lastName: 'Esposito', firstName: 'Elena', skills: ['magazzino', 'muletto'], domicileIstat: BUDRIO, points: 14, stage: 'valutato' });
  people.franco = await fx.person({ lastName: 'Ferri', firstName: 'Franco', skills: ['magazzino', 'muletto'], domicileIstat: BUDRIO, points: 34 });
  people.gina = await fx.person({ lastName: 'Galli', firstName: 'Gina', skills: ['pulizie'], domicileIstat: BUDRIO, points: 14 });
  people.ugo = await fx.person({ lastName: 'Urbani', firstName: 'Ugo', skills: ['logistica'], domicileIstat: null, points: 16 });
});
afterAll(async () => {
  await t.cleanup();
});

describe('matching a need', () => {
  it('ranks the people in target by skills, district, readiness and experience, with the reasons', async () => {
    const result = await ok('matching.need', { needId });
    expect(result.need).toMatchObject({
      role: 'Magazziniere',
      companyName: 'Logistica Pianura S.r.l.',
      instrumentCode: 'tirocinio',
      districtCode: 'PIE',
      districtName: 'Pianura Est',
      skills: ['carrellista', 'logistica', 'magazzino', 'muletto'],
      proposals: 0,
    });
    expect(result.candidates.map((c) => [c.personName, c.score])).toEqual([
      ['Alfieri Anna', 88],
      ['Conti Carla', 53],
      ['Baldi Bruno', 50],
      ['Urbani Ugo', 33],
    ]);
    expect(result.total).toBe(4);
    const [anna, carla, bruno, ugo] = result.candidates;
    expect(anna?.reasons).toEqual([
      { text: '3 competenze su 4: logistica, magazzino, muletto', positive: true },
      { text: 'Domicilio nel distretto Pianura Est', positive: true },
      { text: 'Pronto al lavoro (valutazione L.R. 14: 14 punti)', positive: true },
      { text: 'Esperienza come Magazziniere', positive: true },
    ]);
    expect(anna).toMatchObject({ comune: 'Budrio', district: 'Pianura Est', caseStatus: 'in_carico' });
    expect(carla?.reasons.map((r) => r.text)).toEqual(['1 competenza su 4: magazzino', 'Domicilio nel distretto Pianura Est', 'Pronto al lavoro (valutazione L.R. 14: 12 punti)']);
    expect(bruno?.matchedSkills).toEqual(['carrellista', 'logistica', 'magazzino', 'muletto']);
    expect(bruno?.reasons).toEqual([
      { text: '4 competenze su 4: carrellista, logistica, magazzino, muletto', positive: true },
      { text: 'Domicilio a Bologna, fuori dal distretto Pianura Est', positive: false },
      { text: 'Da accompagnare verso il lavoro (valutazione L.R. 14: 25 punti)', positive: false },
    ]);
    expect(ugo?.reasons[1]).toEqual({ text: 'Domicilio a Modena, fuori dal distretto Pianura Est', positive: false });
    expect(ugo?.comune).toBe('Modena');
    expect((await ok('matching.need', { needId, limit: 2 })).candidates.map((c) => c.personName)).toEqual(['Alfieri Anna', 'Conti Carla']);
  });

  it('uses the company seat’s district when the need has none', async () => {
    const bolognaNeed = await fx.need(await fx.company('Bar Due Torri', BOLOGNA), { role: 'Barista', skills: ['logistica'] });
    const result = await ok('matching.need', { needId: bolognaNeed });
    expect(result.need.districtName).toBe('Città di Bologna');
    // all three score 70 (skills 50, plus the district or readiness): equals keep the longest wait, then the older record
    expect(result.candidates.map((c) => [c.personName, c.score])).toEqual([
      ['Alfieri Anna', 70],
      ['Baldi Bruno', 70],
      ['Urbani Ugo', 70],
    ]);
    expect(result.candidates[1]?.reasons[1]).toEqual({ text: 'Domicilio nel distretto Città di Bologna', positive: true });
  });

  it('ranks everyone in target by district and readiness when the need lists no skills', async () => {
    const open = await fx.need(companyId, { role: 'Addetto generico', skills: [], districtCode: 'PIE' });
    const result = await ok('matching.need', { needId: open });
    // Anna, Carla, Gina: district and ready (40); Ugo: ready (20); Bruno: neither (0); Dario (active), Elena, Franco left out
    expect(result.candidates.map((c) => [c.personName, c.score])).toEqual([
      ['Alfieri Anna', 40],
      ['Conti Carla', 40],
      ['Galli Gina', 40],
      ['Urbani Ugo', 20],
      ['Baldi Bruno', 0],
    ]);
    expect(result.candidates[0]?.reasons.map((r) => r.text)).toEqual(['Domicilio nel distretto Pianura Est', 'Pronto al lavoro (valutazione L.R. 14: 14 punti)']);
  });

  it('is for the roles that work on the cases', async () => {
    expect((await refused('matching.need', { needId }, finance)).code).toBe('FORBIDDEN');
    expect((await refused('matching.need', { needId: 999_999 })).code).toBe('NOT_FOUND');
  });
});

describe('proposing from a match', () => {
  it('creates the proposed intervention with the need’s company and instrument, once', async () => {
    const before = { interventions: (await count('SELECT count(*) AS n FROM interventions')), audit: (await count('SELECT count(*) AS n FROM audit_log')) };
    const proposed = await ok('matching.propose', { needId, personId: people.anna!.personId });
    expect(proposed).toMatchObject({ status: 'proposto', needId, companyId, instrumentCode: 'tirocinio', caseId: people.anna!.caseId, needRole: 'Magazziniere', startDate: null });
    expect((await count('SELECT count(*) AS n FROM interventions'))).toBe(before.interventions + 1);
    const audit = (await sqlOne(t.core.store, 'SELECT action, entity, entity_id FROM audit_log ORDER BY id DESC LIMIT 1'));
    expect(audit).toEqual({ action: 'proponi', entity: 'intervento', entity_id: String(proposed.id) });
    expect((await count('SELECT count(*) AS n FROM audit_log'))).toBe(before.audit + 1);

    // no longer among the candidates; the need counts the proposal
    const after = await ok('matching.need', { needId });
    expect(after.candidates.map((c) => c.personName)).not.toContain('Alfieri Anna');
    expect(after.need.proposals).toBe(1);

    const twice = await refused('matching.propose', { needId, personId: people.anna!.personId });
    expect(twice).toMatchObject({ code: 'CONFLICT', message: 'Per questo fabbisogno la persona ha già un intervento proposto' });
    const notInCharge = await refused('matching.propose', { needId, personId: people.elena!.personId });
    expect(notInCharge.message).toMatch(/^Il caso è «Valutato»/);
    expect((await count('SELECT count(*) AS n FROM interventions'))).toBe(before.interventions + 1);
  });

  it('refuses a closed need', async () => {
    const closed = await fx.need(companyId, { role: 'Carrellista', skills: ['carrellista'], status: 'chiuso' });
    const error = await refused('matching.propose', { needId: closed, personId: people.carla!.personId });
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'Il fabbisogno è chiuso: riaprirlo per proporre persone' });
    expect((await refused('matching.propose', { needId, personId: people.carla!.personId }, finance)).code).toBe('FORBIDDEN');
  });
});

describe('matching a person', () => {
  it('lists the open needs with a skill in common, best first, and those already proposed', async () => {
    const other = await fx.need(await fx.company('Supermercati Emiliani', CASTEL_MAGGIORE), { role: 'Scaffalista', instrument: 'inserimento', skills: ['magazzino', 'scaffalista'], districtCode: 'PIE' });
    await fx.need(companyId, { role: 'Cuoco', skills: ['cucina'], status: 'annullato' });
    const anna = await ok('matching.person', { personId: people.anna!.personId });
    expect(anna.cannotPropose).toBeNull();
    expect(anna.needs.map((n) => [n.need.role, n.score, n.existingInterventionId !== null])).toEqual([
      ['Magazziniere', 88, true],
      ['Barista', 70, false],
      ['Scaffalista', 65, false],
    ]);
    expect(anna.needs[2]?.reasons.map((r) => r.text)).toEqual(['1 competenza su 2: magazzino', 'Domicilio nel distretto Pianura Est', 'Pronto al lavoro (valutazione L.R. 14: 14 punti)']);
    expect(anna.needs[2]?.need.id).toBe(other);

    const elena = await ok('matching.person', { personId: people.elena!.personId });
    expect(elena.cannotPropose).toMatch(/^Il caso è «Valutato»/);
    const gina = await ok('matching.person', { personId: people.gina!.personId });
    expect(gina.needs).toEqual([]);
  });
});
